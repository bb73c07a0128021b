// What grew between two V8 heap snapshots, by constructor: the first look at a heap that grows over a long session
// (DevTools' "Comparison" view, as numbers the soak can print and keep).

/** The parts of a `.heapsnapshot` this reads (V8's format: flat arrays described by `meta`). */
export interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: unknown[] } };
  nodes: number[];
  strings: string[];
}

export interface ConstructorTotals {
  count: number;
  selfBytes: number;
}

export interface ConstructorGrowth {
  name: string;
  countDelta: number;
  selfBytesDelta: number;
  count: number;
  selfBytes: number;
}

/**
 * Live objects by constructor: objects and native (DOM) objects by their class name, everything else (strings,
 * closures, arrays, code, hidden classes) by its kind in parentheses, as DevTools groups them.
 */
export function totalsByConstructor(snapshot: HeapSnapshot): Map<string, ConstructorTotals> {
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = snapshot.snapshot.meta.node_types[0] as string[];
  const totals = new Map<string, ConstructorTotals>();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]!] ?? '?';
    const name = type === 'object' || type === 'native' ? snapshot.strings[snapshot.nodes[i + nameAt]!]! : `(${type})`;
    const entry = totals.get(name) ?? { count: 0, selfBytes: 0 };
    entry.count++;
    entry.selfBytes += snapshot.nodes[i + sizeAt]!;
    totals.set(name, entry);
  }
  return totals;
}

/** Constructors whose retained-or-not self size grew most from `before` to `after`, largest growth first. */
export function growthByConstructor(
  before: Map<string, ConstructorTotals>,
  after: Map<string, ConstructorTotals>,
  top = 20,
): ConstructorGrowth[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  const rows: ConstructorGrowth[] = [];
  for (const name of names) {
    const a = before.get(name) ?? { count: 0, selfBytes: 0 };
    const b = after.get(name) ?? { count: 0, selfBytes: 0 };
    rows.push({
      name,
      countDelta: b.count - a.count,
      selfBytesDelta: b.selfBytes - a.selfBytes,
      count: b.count,
      selfBytes: b.selfBytes,
    });
  }
  return rows.sort((x, y) => y.selfBytesDelta - x.selfBytesDelta).slice(0, top);
}

/** The heap's self size, and how much of it is V8's compiled code (bytecode, optimized machine code, feedback). */
export interface HeapSplit {
  totalBytes: number;
  codeBytes: number;
}

/**
 * Splits a snapshot's totals into V8's code and everything else. The JIT compiles and optimizes more of a page as a
 * session goes on, so code grows for a while without any application object growing: a soak reads both.
 */
export function heapSplit(totals: Map<string, ConstructorTotals>): HeapSplit {
  let totalBytes = 0;
  for (const { selfBytes } of totals.values()) totalBytes += selfBytes;
  return { totalBytes, codeBytes: totals.get('(code)')?.selfBytes ?? 0 };
}

/** Growth from `before` to `after` of what is not V8 code, percent of its size before. */
export function growthWithoutCodePercent(before: HeapSplit, after: HeapSplit): number {
  const rest = (split: HeapSplit) => split.totalBytes - split.codeBytes;
  return Math.round(((rest(after) - rest(before)) / rest(before)) * 1000) / 10;
}
