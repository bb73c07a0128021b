import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileTimes, modifiedAt } from './file-times.js';
import { staleReason } from './freshness.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A source tree and a build output, every time set one hour in the past except the output's (now). */
function tree(): { src: string; out: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tickline-fresh-'));
  dirs.push(root);
  const src = path.join(root, 'src');
  mkdirSync(path.join(src, 'sub'), { recursive: true });
  writeFileSync(path.join(src, 'a.ts'), 'a');
  writeFileSync(path.join(src, 'sub/b.ts'), 'b');
  writeFileSync(path.join(src, 'sub/b.test.ts'), 'test');
  const past = new Date(Date.now() - 3_600_000);
  for (const p of ['a.ts', 'sub/b.ts', 'sub/b.test.ts', 'sub', '.']) utimesSync(path.join(src, p), past, past);
  const out = path.join(root, 'out.js');
  writeFileSync(out, 'built');
  return { src, out };
}

const isTest = (name: string) => name.endsWith('.test.ts');

describe('fileTimes', () => {
  it('lists every file and directory under the roots, without the skipped ones or missing roots', () => {
    const { src } = tree();
    const listed = fileTimes([src, path.join(src, 'missing')], isTest).map((t) => path.relative(src, t.path));
    expect(listed.sort()).toEqual(['', 'a.ts', 'sub', 'sub/b.ts']);
  });

  it('makes a fresh build stale when a source is edited or deleted, but not when a skipped file changes', () => {
    const { src, out } = tree();
    expect(staleReason(fileTimes([src], isTest), modifiedAt(out))).toBeUndefined();

    const future = new Date(Date.now() + 60_000);
    utimesSync(path.join(src, 'sub/b.test.ts'), future, future);
    expect(staleReason(fileTimes([src], isTest), modifiedAt(out))).toBeUndefined();

    rmSync(path.join(src, 'sub/b.ts'));
    expect(staleReason(fileTimes([src], isTest), modifiedAt(out))).toBe(`${path.join(src, 'sub')} changed`);
  });

  it('has no time for an output that does not exist', () => {
    expect(modifiedAt(path.join(os.tmpdir(), 'tickline-no-such-output.js'))).toBeUndefined();
  });
});
