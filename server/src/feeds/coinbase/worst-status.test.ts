import { describe, expect, it } from 'vitest';
import { worstStatus } from './worst-status.ts';

describe('worstStatus', () => {
  it('is live only when every product is, and halted when none is left', () => {
    expect(worstStatus(['live', 'live'])).toBe('live');
    expect(worstStatus(['live', 'stale'])).toBe('stale');
    expect(worstStatus(['stale', 'reconnecting', 'live'])).toBe('reconnecting');
    expect(worstStatus([])).toBe('halted');
  });
});
