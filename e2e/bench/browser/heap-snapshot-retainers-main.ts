// Prints who keeps the objects new in a later heap snapshot of a page (the soak's minute-N.heapsnapshot files):
//   node --import tsx e2e/bench/browser/heap-snapshot-retainers-main.ts before.heapsnapshot after.heapsnapshot [Class ...]
// With class names (as heap-snapshot-diff labels them: `Object`, `(array)`, `system / WeakArrayList`), one table each.

import { readFileSync } from 'node:fs';
import { heapGraph, newObjectsByHolder, type HeapSnapshotWithEdges } from './heap-snapshot-retainers.ts';

const [beforeFile, afterFile, ...classes] = process.argv.slice(2);
if (!beforeFile || !afterFile) throw new Error('usage: heap-snapshot-retainers-main.ts before after [Class ...]');
const read = (file: string) => heapGraph(JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshotWithEdges);
const beforeIds = new Set(read(beforeFile).ids);
const after = read(afterFile);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`.padStart(10);

for (const only of classes.length > 0 ? classes : [undefined]) {
  console.log(`\nnew in ${afterFile}${only ? `, ${only}` : ''}, by holder (self size, count, path; e.g. a full path):`);
  const select = only === undefined ? undefined : (label: string) => label === only;
  for (const group of newObjectsByHolder(beforeIds, after, { select, top: 15 })) {
    console.log(`${kb(group.selfBytes)} ${String(group.count).padStart(6)}  ${group.path}`);
    console.log(`${' '.repeat(18)}e.g. ${group.example.slice(-600)}`);
  }
}
