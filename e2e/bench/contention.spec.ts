// The contention rule: which steps are marked as sharing the machine, and which of them are measured again.

import { describe, expect, it } from 'vitest';
import { CONTENDED_CORES, isContended, otherCoresUsed, retryReason } from './contention.ts';

describe('otherCoresUsed', () => {
  it('is the machine busy share times its cores, less the cores the processes under test used', () => {
    expect(otherCoresUsed(0.75, 2, 1.1)).toBeCloseTo(0.4);
    expect(otherCoresUsed(0.5, 4, 0.5)).toBeCloseTo(1.5);
  });

  it('is never negative when our readings slightly exceed the machine reading taken a moment apart', () => {
    expect(otherCoresUsed(0.5, 2, 1.05)).toBe(0);
  });
});

describe('isContended', () => {
  it(`marks a step contended only above ${CONTENDED_CORES} cores used by others`, () => {
    expect(isContended(0)).toBe(false);
    expect(isContended(CONTENDED_CORES)).toBe(false);
    expect(isContended(CONTENDED_CORES + 0.01)).toBe(true);
    expect(isContended(1.8)).toBe(true);
  });
});

describe('retryReason', () => {
  it('measures again a step that failed under contention, and says how many cores others used', () => {
    expect(retryReason({ passed: false, contended: true, otherCores: 1.38 })).toMatch(/1\.38 cores/);
  });

  it('lets a pass stand even under contention: the server managed with less of the machine', () => {
    expect(retryReason({ passed: true, contended: true, otherCores: 1.5 })).toBeUndefined();
  });

  it('lets a failure on a quiet machine stand: that is the server', () => {
    expect(retryReason({ passed: false, contended: false, otherCores: 0.1 })).toBeUndefined();
  });
});
