import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger.ts';
import { ThrottledLog } from './throttled-log.ts';

function recorder(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    log: {
      info: (m) => lines.push(`info ${m}`),
      warn: (m) => lines.push(`warn ${m}`),
      error: (m, err) => lines.push(`error ${m}${err instanceof Error ? ` (${err.message})` : ''}`),
    },
  };
}

describe('ThrottledLog', () => {
  it('writes a few lines of each kind per window and sums up the rest when the window ends', () => {
    let now = 0;
    const { log, lines } = recorder();
    const throttled = new ThrottledLog(log, () => now, { perWindow: 2, windowMs: 1000 });
    for (let i = 0; i < 100; i++) throttled.warn('slow-consumer', `cut ${i}`);
    throttled.warn('handler', 'other kind');
    now = 1000;
    throttled.warn('slow-consumer', 'cut again');
    expect(lines).toEqual([
      'warn cut 0',
      'warn cut 1',
      'warn other kind',
      'warn 98 similar messages suppressed',
      'warn cut again',
    ]);
  });

  it('passes the error of each written line along, and none to the summary', () => {
    let now = 0;
    const { log, lines } = recorder();
    const throttled = new ThrottledLog(log, () => now, { perWindow: 1, windowMs: 1000 });
    throttled.error('flush', 'flush failed', new Error('boom 1'));
    throttled.error('flush', 'flush failed', new Error('boom 2'));
    now = 2000;
    throttled.error('flush', 'flush failed', new Error('boom 3'));
    expect(lines).toEqual([
      'error flush failed (boom 1)',
      'error 1 similar messages suppressed',
      'error flush failed (boom 3)',
    ]);
  });

  it('keeps a bounded number of kinds', () => {
    const { log, lines } = recorder();
    const throttled = new ThrottledLog(log, () => 0, { perWindow: 1, windowMs: 1000 });
    for (let i = 0; i < 1000; i++) throttled.warn(`kind ${i}`, `line ${i}`);
    // 256 kinds of their own, then one shared throttle for all the others.
    expect(lines).toHaveLength(257);
  });
});
