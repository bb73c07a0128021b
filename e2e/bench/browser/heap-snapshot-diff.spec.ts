// Heap snapshot totals and growth by constructor (pure, on hand-made snapshots in V8's flat format).

import { describe, expect, it } from 'vitest';
import {
  growthByConstructor,
  growthWithoutCodePercent,
  heapSplit,
  totalsByConstructor,
  type HeapSnapshot,
} from './heap-snapshot-diff.ts';

const TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native'];
const meta = { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'], node_types: [TYPES, 'string'] };

/** Nodes given as [type, name, self size]. */
function snapshot(nodes: [type: string, name: string, size: number][]): HeapSnapshot {
  const strings: string[] = [];
  const flat = nodes.flatMap(([type, name, size], id) => {
    if (!strings.includes(name)) strings.push(name);
    return [TYPES.indexOf(type), strings.indexOf(name), id, size, 0];
  });
  return { snapshot: { meta }, nodes: flat, strings };
}

describe('heap snapshot totals by constructor', () => {
  it('groups objects and DOM objects by class name and everything else by kind', () => {
    const totals = totalsByConstructor(
      snapshot([
        ['object', 'Candle', 40],
        ['object', 'Candle', 40],
        ['native', 'HTMLDivElement', 100],
        ['string', 'hello', 24],
        ['string', 'world', 24],
        ['closure', 'onClick', 32],
      ]),
    );
    expect(Object.fromEntries(totals)).toEqual({
      Candle: { count: 2, selfBytes: 80 },
      HTMLDivElement: { count: 1, selfBytes: 100 },
      '(string)': { count: 2, selfBytes: 48 },
      '(closure)': { count: 1, selfBytes: 32 },
    });
  });

  it('ranks what grew most first, counting constructors that appeared or vanished', () => {
    const before = totalsByConstructor(
      snapshot([
        ['object', 'Trade', 50],
        ['object', 'Gone', 10],
      ]),
    );
    const after = totalsByConstructor(
      snapshot([
        ['object', 'Trade', 50],
        ['object', 'Trade', 50],
        ['object', 'Trade', 50],
        ['native', 'SVGPathElement', 60],
      ]),
    );
    expect(growthByConstructor(before, after)).toEqual([
      { name: 'Trade', countDelta: 2, selfBytesDelta: 100, count: 3, selfBytes: 150 },
      { name: 'SVGPathElement', countDelta: 1, selfBytesDelta: 60, count: 1, selfBytes: 60 },
      { name: 'Gone', countDelta: -1, selfBytesDelta: -10, count: 0, selfBytes: 0 },
    ]);
    expect(growthByConstructor(before, after, 1)).toHaveLength(1);
  });
});

describe('heap without V8 code', () => {
  it('splits the total into code and the rest, and measures the rest’s growth', () => {
    const before = heapSplit(
      totalsByConstructor(
        snapshot([
          ['object', 'A', 800],
          ['code', 'system / Code', 200],
        ]),
      ),
    );
    expect(before).toEqual({ totalBytes: 1000, codeBytes: 200 });
    const after = heapSplit(
      totalsByConstructor(
        snapshot([
          ['object', 'A', 840],
          ['code', 'system / Code', 200],
          ['code', 'system / InstructionStream', 900],
        ]),
      ),
    );
    expect(after).toEqual({ totalBytes: 1940, codeBytes: 1100 });
    expect(growthWithoutCodePercent(before, after)).toBe(5);
  });
});
