import { describe, expect, it } from 'vitest';
import { replayRequestSchema } from './replay.ts';

describe('replayRequestSchema', () => {
  it('takes each action with its own field', () => {
    for (const ok of [
      { action: 'pause' },
      { action: 'resume' },
      { action: 'speed', speed: 2.5 },
      { action: 'seek', positionMs: 60_000 },
    ]) {
      expect(replayRequestSchema.safeParse(ok).success).toBe(true);
    }
  });

  it('refuses an unknown action, a speed out of range, a negative or fractional position, and extra fields', () => {
    const message = (input: unknown) => {
      const r = replayRequestSchema.safeParse(input);
      return r.success ? undefined : r.error.issues[0]?.message;
    };
    expect(message({ action: 'rewind' })).toBe('action is one of pause, resume, speed, seek');
    expect(message({ action: 'speed', speed: 0 })).toBe('speed is from 0.1 to 1000');
    expect(message({ action: 'speed', speed: 10_000 })).toBe('speed is from 0.1 to 1000');
    expect(message({ action: 'seek', positionMs: -1 })).toBe('positionMs is 0 or more');
    expect(message({ action: 'seek', positionMs: 1.5 })).toBe('positionMs is whole milliseconds');
    expect(message({ action: 'pause', speed: 2 })).toBeDefined();
  });
});
