// Whether a build is out of date: pure, so the decision is tested apart from the file system.
// Plain JavaScript (type-checked through JSDoc) because it runs before anything is compiled.

/**
 * @typedef {{ path: string, mtimeMs: number }} FileTime
 */

/**
 * The reason to rebuild, or undefined when the output is fresh. An input as new as the output counts as changed:
 * on a file system with coarse timestamps an edit in the same tick as the build must not be missed, and a
 * needless rebuild costs less than serving stale code.
 * @param {readonly FileTime[]} inputs every file and directory the build reads (a directory's time changes when an
 *   entry is added, removed or renamed, so deletions count too)
 * @param {number | undefined} builtAtMs the time of the output written last by the build; undefined = never built
 * @returns {string | undefined}
 */
export function staleReason(inputs, builtAtMs) {
  if (builtAtMs === undefined) return 'never built';
  let newest;
  for (const input of inputs) {
    if (input.mtimeMs >= builtAtMs && (newest === undefined || input.mtimeMs > newest.mtimeMs)) newest = input;
  }
  return newest === undefined ? undefined : `${newest.path} changed`;
}
