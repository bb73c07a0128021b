import { describe, expect, it } from 'vitest';
import { LogThrottle } from './log-throttle.ts';

describe('LogThrottle', () => {
  it('writes a few lines per window and sums up the rest when the next window opens', () => {
    let now = 0;
    const lines: string[] = [];
    const throttle = new LogThrottle(
      (l) => lines.push(l),
      () => now,
      { perWindow: 2, windowMs: 1000 },
    );
    for (let i = 0; i < 5; i++) throttle.log(`bad ${i}`);
    now = 1000;
    throttle.log('bad again');
    expect(lines).toEqual(['bad 0', 'bad 1', '3 similar messages suppressed', 'bad again']);
  });
});
