import { describe, expect, it } from 'vitest';
import { cpuUsPer1kDeliveries, cpuUsPerMessage } from './server-efficiency.ts';

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

describe('cpuUsPerMessage', () => {
  it('is the server’s CPU time per message its clients received, to a tenth of a µs', () => {
    // 0.4 of a core writing 40,000 messages a second (1,000 clients, 40 each): 10 µs a message.
    expect(cpuUsPerMessage(0.4, 40_000)).toBe(10);
    expect(cpuUsPerMessage(0.3, 20_000)).toBe(15);
    expect(cpuUsPerMessage(0.123, 9_000)).toBe(13.7);
  });

  it('says nothing when no message arrived', () => {
    expect(cpuUsPerMessage(0.3, 0)).toBeNull();
    expect(cpuUsPerMessage(0.3, Number.NaN)).toBeNull();
  });
});
