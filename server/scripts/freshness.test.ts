import { describe, expect, it } from 'vitest';
import { staleReason } from './freshness.js';
import { buildLine } from './launch.js';

const at = (path: string, mtimeMs: number) => ({ path, mtimeMs });

describe('staleReason', () => {
  it('builds what was never built', () => {
    expect(staleReason([at('src/a.ts', 1)], undefined)).toBe('never built');
    expect(staleReason([], undefined)).toBe('never built');
  });

  it('skips the build when every input is older than the output', () => {
    expect(staleReason([at('src', 100), at('src/a.ts', 200), at('package.json', 50)], 300)).toBeUndefined();
    expect(staleReason([], 300)).toBeUndefined();
  });

  it('rebuilds when an input changed after the output, naming the newest', () => {
    expect(staleReason([at('src/a.ts', 100), at('src/b.ts', 400), at('src/c.ts', 350)], 300)).toBe('src/b.ts changed');
  });

  it('counts an input as new as the output as changed (coarse file system clocks)', () => {
    expect(staleReason([at('src/a.ts', 300)], 300)).toBe('src/a.ts changed');
  });
});

describe('buildLine', () => {
  it('says in one line what was or is being built, and nothing when both were fresh', () => {
    expect(buildLine(undefined, undefined)).toBeUndefined();
    expect(buildLine('never built', undefined)).toBe('tickline: compiled the server (never built)');
    expect(buildLine(undefined, 'client/src/App.tsx changed')).toBe(
      'tickline: building the dashboard (client/src/App.tsx changed)...',
    );
    expect(buildLine('never built', 'never built')).toBe(
      'tickline: compiled the server; building the dashboard (never built)...',
    );
  });
});
