// The modification times a freshness check compares: every file and directory under some roots, and one output's.

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * @param {readonly string[]} roots files or directories; a missing one is skipped
 * @param {(name: string) => boolean} skip file names that do not feed the build (tests, for example)
 * @returns {import('./freshness.js').FileTime[]}
 */
export function fileTimes(roots, skip = () => false) {
  /** @type {import('./freshness.js').FileTime[]} */
  const times = [];
  const visit = (/** @type {string} */ p) => {
    const stat = statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    times.push({ path: p, mtimeMs: stat.mtimeMs });
    if (!stat.isDirectory()) return;
    for (const entry of readdirSync(p, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || skip(entry.name)) continue;
      visit(path.join(p, entry.name));
    }
  };
  for (const root of roots) visit(root);
  return times;
}

/** @param {string} file @returns {number | undefined} */
export function modifiedAt(file) {
  return statSync(file, { throwIfNoEntry: false })?.mtimeMs;
}
