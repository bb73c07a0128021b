// When a set of repeated windows counts as passing: most of them met the capacity criterion, so one noisy window
// neither passes nor fails a client count on its own.

import type { StepResult } from './measure-step.ts';

export const passedMost = (windows: readonly Pick<StepResult, 'passed'>[]): boolean =>
  windows.filter((w) => w.passed).length * 2 > windows.length;
