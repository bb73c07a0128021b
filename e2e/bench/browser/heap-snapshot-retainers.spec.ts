// Retainer paths and holders of new objects (pure, on hand-made snapshots in V8's flat format, edges included).

import { describe, expect, it } from 'vitest';
import {
  heapGraph,
  newObjectsByHolder,
  retainedBytes,
  retainerPath,
  shortestRetainers,
  type HeapSnapshotWithEdges,
} from './heap-snapshot-retainers.ts';

const NODE_TYPES = [
  'hidden',
  'array',
  'string',
  'object',
  'code',
  'closure',
  'regexp',
  'number',
  'native',
  'synthetic',
];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

type Node = [type: string, name: string, id: number, size: number];
type Edge = [from: number, type: string, nameOrIndex: string | number, to: number];

/** Nodes by ordinal (0 is the root) and edges between ordinals, in V8's layout (a node's edges follow the last's). */
function snapshot(nodes: Node[], edges: Edge[]): HeapSnapshotWithEdges {
  const strings: string[] = [];
  const string = (s: string) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
  const flatNodes = nodes.flatMap(([type, name, id, size], i) => [
    NODE_TYPES.indexOf(type),
    string(name),
    id,
    size,
    edges.filter(([from]) => from === i).length,
  ]);
  const flatEdges = [...edges]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([, type, name, to]) => [
      EDGE_TYPES.indexOf(type),
      typeof name === 'number' ? name : string(name),
      to * 5,
    ]);
  return {
    snapshot: {
      meta: {
        node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
        node_types: [NODE_TYPES, 'string'],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [EDGE_TYPES, 'string_or_number', 'node'],
      },
    },
    nodes: flatNodes,
    edges: flatEdges,
    strings,
  };
}

// root -> Window -store-> Store -cache-> Map -[0]-> Entry -value-> View; Window -page-> Page -[0]-> <div>, and Page
// -weakly-> Entry. Minute 1 had only Window, Store and the Map.
const BEFORE = snapshot(
  [
    ['synthetic', '', 1, 0],
    ['object', 'Window', 3, 100],
    ['object', 'Store', 5, 40],
    ['object', 'Map', 7, 30],
  ],
  [
    [0, 'element', 1, 1],
    [1, 'property', 'store', 2],
    [2, 'property', 'cache', 3],
  ],
);
const AFTER = snapshot(
  [
    ['synthetic', '', 1, 0],
    ['object', 'Window', 3, 100],
    ['object', 'Store', 5, 40],
    ['object', 'Map', 7, 30],
    ['object', 'Entry', 9, 20],
    ['object', 'View', 11, 200],
    ['object', 'Page', 13, 10],
    ['native', '<div class="row is-selected" data-symbol="BTC-USD">', 15, 80],
  ],
  [
    [0, 'element', 1, 1],
    [1, 'property', 'store', 2],
    [1, 'property', 'page', 6],
    [2, 'property', 'cache', 3],
    [3, 'element', 0, 4],
    [4, 'property', 'value', 5],
    [6, 'weak', 'entry', 4],
    [6, 'element', 0, 7],
  ],
);

describe('heap retainers', () => {
  it('give each object the shortest path from the root, weak edges not followed', () => {
    const graph = heapGraph(AFTER);
    const retainers = shortestRetainers(graph);
    expect(retainerPath(graph, retainers, 5)).toBe('Window -store-> Store -cache-> Map -[]-> Entry -value-> View');
    expect(retainers.parent[4]).toBe(3);
  });

  it('group the objects new since the earlier snapshot under the first old object that holds them', () => {
    const groups = newObjectsByHolder(new Set(heapGraph(BEFORE).ids), heapGraph(AFTER), { hops: 2 });
    expect(groups.map(({ path, count, selfBytes }) => ({ path, count, selfBytes }))).toEqual([
      { path: 'Store -cache-> Map -[]-> (new) View', count: 1, selfBytes: 200 },
      { path: 'Window -page-> (new) <div class="row is-selected">', count: 1, selfBytes: 80 },
      { path: 'Store -cache-> Map -[]-> (new) Entry', count: 1, selfBytes: 20 },
      { path: 'Window -page-> (new) Page', count: 1, selfBytes: 10 },
    ]);
    const entries = newObjectsByHolder(new Set(heapGraph(BEFORE).ids), heapGraph(AFTER), {
      select: (label) => label === 'Entry',
    });
    expect(entries.map((g) => g.count)).toEqual([1]);
  });

  it('count as retained what only that object keeps reachable', () => {
    const graph = heapGraph(AFTER);
    expect(retainedBytes(graph, 3)).toBe(30 + 20 + 200);
    expect(retainedBytes(graph, 6)).toBe(10 + 80);
  });
});
