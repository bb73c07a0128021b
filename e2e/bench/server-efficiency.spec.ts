import { describe, expect, it } from 'vitest';
import { cpuUsPer1kDeliveries } from './server-efficiency.ts';

describe('cpuUsPer1kDeliveries', () => {
  it('is the server’s CPU time per thousand deliveries', () => {
    // Half a core delivering 100,000 updates a second: 5 µs each, 5,000 µs per thousand.
    expect(cpuUsPer1kDeliveries(0.5, 100_000)).toBe(5000);
    expect(cpuUsPer1kDeliveries(1, 1_000_000)).toBe(1000);
  });

  it('says nothing when nothing was delivered', () => {
    expect(cpuUsPer1kDeliveries(0.3, 0)).toBeNull();
  });
});
