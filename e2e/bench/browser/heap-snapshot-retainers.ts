// Who keeps what grew between two heap snapshots of one page: the objects in the later snapshot whose ids the earlier
// one lacks (V8 keeps a page's node ids stable from one snapshot to the next), grouped by the shortest path that keeps
// them alive, up to the first object that was already there: DevTools' Retainers pane, as numbers a soak can keep.

import type { HeapSnapshot } from './heap-snapshot-diff.ts';

/** A `.heapsnapshot` with its edges: each node's edges follow the previous node's, `edge_count` of them. */
export interface HeapSnapshotWithEdges extends HeapSnapshot {
  snapshot: HeapSnapshot['snapshot'] & { meta: { edge_fields: string[]; edge_types: unknown[] } };
  edges: number[];
}

/** The snapshot as columns by node ordinal (node i is the i-th node; node 0 is the synthetic root). */
export interface HeapGraph {
  readonly nodeCount: number;
  readonly ids: Uint32Array;
  readonly selfSizes: Uint32Array;
  /** Edges of node i are firstEdge[i] .. firstEdge[i + 1] - 1. */
  readonly firstEdge: Uint32Array;
  readonly edgeTargets: Uint32Array;
  nodeLabel(node: number): string;
  edgeLabel(edge: number): string;
  isWeak(edge: number): boolean;
}

export function heapGraph(snapshot: HeapSnapshotWithEdges): HeapGraph {
  const { meta } = snapshot.snapshot;
  const width = meta.node_fields.length;
  const field = (name: string) => meta.node_fields.indexOf(name);
  const [typeAt, nameAt, idAt, sizeAt, countAt] = ['type', 'name', 'id', 'self_size', 'edge_count'].map(field);
  const edgeWidth = meta.edge_fields.length;
  const [edgeTypeAt, edgeNameAt, toAt] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f));
  const nodeTypes = meta.node_types[0] as string[];
  const edgeTypes = meta.edge_types[0] as string[];
  const { nodes, edges, strings } = snapshot;
  const nodeCount = nodes.length / width;
  const edgeCount = edges.length / edgeWidth;

  const ids = new Uint32Array(nodeCount);
  const selfSizes = new Uint32Array(nodeCount);
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (let i = 0, edge = 0; i < nodeCount; i++) {
    ids[i] = nodes[i * width + idAt!]!;
    selfSizes[i] = nodes[i * width + sizeAt!]!;
    firstEdge[i] = edge;
    edge += nodes[i * width + countAt!]!;
    firstEdge[i + 1] = edge;
  }
  const edgeTargets = new Uint32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) edgeTargets[e] = edges[e * edgeWidth + toAt!]! / width;

  const nodeType = (node: number) => nodeTypes[nodes[node * width + typeAt!]!] ?? '?';
  const edgeType = (edge: number) => edgeTypes[edges[edge * edgeWidth + edgeTypeAt!]!] ?? '?';
  return {
    nodeCount,
    ids,
    selfSizes,
    firstEdge,
    edgeTargets,
    // Objects and DOM objects by class (an element by its tag), everything else by its kind, as totalsByConstructor.
    nodeLabel(node) {
      const type = nodeType(node);
      const name = strings[nodes[node * width + nameAt!]!] ?? '';
      if (type === 'object' || type === 'native') return name.startsWith('<') ? elementLabel(name) : name;
      if (type === 'code' || type === 'synthetic' || type === 'hidden') return name;
      return `(${type})`;
    },
    edgeLabel(edge) {
      const type = edgeType(edge);
      const nameOrIndex = edges[edge * edgeWidth + edgeNameAt!]!;
      if (type === 'element' || type === 'hidden') return '[]';
      const name = strings[nameOrIndex] ?? '';
      // An ephemeron edge is named after its WeakMap entry, ids and all; the ids would split one path into many.
      if (name.includes('part of key')) return '(WeakMap value)';
      return type === 'property' || type === 'context' ? name : `${name}{${type}}`;
    },
    isWeak: (edge) => edgeType(edge) === 'weak',
  };
}

// Blink names an element by its opening tag, attributes and all; the tag and class say which one without splitting
// one list's rows into a group each.
function elementLabel(name: string): string {
  const tag = /^<([\w-]+)/.exec(name)?.[1] ?? '?';
  const className = / class="([^"]*)"/.exec(name)?.[1];
  return className ? `<${tag} class="${className}">` : `<${tag}>`;
}

/** For each node, the node and edge that reach it first from the root, weak edges not followed; -1 if none. */
export interface Retainers {
  readonly parent: Int32Array;
  readonly parentEdge: Int32Array;
}

export function shortestRetainers(graph: HeapGraph): Retainers {
  const parent = new Int32Array(graph.nodeCount).fill(-1);
  const parentEdge = new Int32Array(graph.nodeCount).fill(-1);
  const queue = new Uint32Array(graph.nodeCount);
  const seen = new Uint8Array(graph.nodeCount);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  seen[0] = 1;
  while (head < tail) {
    const node = queue[head++]!;
    for (let e = graph.firstEdge[node]!; e < graph.firstEdge[node + 1]!; e++) {
      const to = graph.edgeTargets[e]!;
      if (seen[to] || graph.isWeak(e)) continue;
      seen[to] = 1;
      parent[to] = node;
      parentEdge[to] = e;
      queue[tail++] = to;
    }
  }
  return { parent, parentEdge };
}

/** The path from the root to `node`, as `Label -edge-> Label ...`. */
export function retainerPath(graph: HeapGraph, retainers: Retainers, node: number): string {
  const steps: string[] = [graph.nodeLabel(node)];
  for (let at = node; retainers.parent[at]! > 0; at = retainers.parent[at]!) {
    steps.push(`${graph.nodeLabel(retainers.parent[at]!)} -${graph.edgeLabel(retainers.parentEdge[at]!)}->`);
  }
  if (node > 0 && retainers.parent[node] === -1) steps.push('(unreachable)');
  return steps.reverse().join(' ');
}

export interface HolderGroup {
  /** `hops` steps up to the holder (the first object on the path that the earlier snapshot had), and the edge in. */
  path: string;
  /** New objects held this way, of the classes asked for, and their self size. */
  count: number;
  selfBytes: number;
  /** The whole path of one of them, from the root. */
  example: string;
}

export interface NewObjectsOptions {
  /** Only objects whose label this accepts (all when absent). */
  select?: (label: string) => boolean;
  /** Steps of the path shown above the holder. */
  hops?: number;
  top?: number;
}

/**
 * The objects of `after` absent from `before` (by id), grouped by what holds them, largest self size first. New
 * objects reached through other new objects count under the old object the chain starts at: a cache entry and
 * everything in it group under the cache.
 */
export function newObjectsByHolder(
  beforeIds: ReadonlySet<number>,
  after: HeapGraph,
  options: NewObjectsOptions = {},
): HolderGroup[] {
  const retainers = shortestRetainers(after);
  const isNew = (node: number) => !beforeIds.has(after.ids[node]!);
  const groups = new Map<string, HolderGroup>();
  for (let node = 1; node < after.nodeCount; node++) {
    if (!isNew(node) || (options.select && !options.select(after.nodeLabel(node)))) continue;
    let top = node;
    while (retainers.parent[top]! > 0 && isNew(retainers.parent[top]!)) top = retainers.parent[top]!;
    const steps = [after.nodeLabel(node), retainers.parent[top] === -1 ? '(unreachable)' : '(new)'];
    if (retainers.parent[top] !== -1) {
      for (let at = top, hop = 0; hop < (options.hops ?? 3) && retainers.parent[at]! > 0; hop++) {
        const holder = retainers.parent[at]!;
        steps.push(`${after.nodeLabel(holder)} -${after.edgeLabel(retainers.parentEdge[at]!)}->`);
        at = holder;
      }
    }
    const path = steps.reverse().join(' ');
    const group = groups.get(path) ?? { path, count: 0, selfBytes: 0, example: '' };
    if (group.count === 0) group.example = retainerPath(after, retainers, node);
    group.count++;
    group.selfBytes += after.selfSizes[node]!;
    groups.set(path, group);
  }
  return [...groups.values()].sort((a, b) => b.selfBytes - a.selfBytes).slice(0, options.top ?? 20);
}

/** What the heap would lose if `node` went: the self size of everything only it keeps reachable from the root. */
export function retainedBytes(graph: HeapGraph, node: number): number {
  const reach = (without: number) => {
    const seen = new Uint8Array(graph.nodeCount);
    const queue = new Uint32Array(graph.nodeCount);
    let head = 0;
    let tail = 0;
    queue[tail++] = 0;
    seen[0] = 1;
    if (without >= 0) seen[without] = 1;
    while (head < tail) {
      const at = queue[head++]!;
      for (let e = graph.firstEdge[at]!; e < graph.firstEdge[at + 1]!; e++) {
        const to = graph.edgeTargets[e]!;
        if (seen[to] || graph.isWeak(e)) continue;
        seen[to] = 1;
        queue[tail++] = to;
      }
    }
    if (without >= 0) seen[without] = 0;
    return seen;
  };
  const all = reach(-1);
  const rest = reach(node);
  let bytes = 0;
  for (let i = 0; i < graph.nodeCount; i++) if (all[i] && !rest[i]) bytes += graph.selfSizes[i]!;
  return bytes;
}
