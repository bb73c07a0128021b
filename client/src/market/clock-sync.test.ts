import { describe, expect, it } from 'vitest';
import { ClockSync, pingSample } from './clock-sync.ts';

describe('pingSample', () => {
  it('takes the round trip as receive minus send and the offset against the midpoint', () => {
    expect(pingSample(1000, 1100, 5050)).toEqual({ rtt: 100, offset: 4000 });
    expect(pingSample(1000, 1010, 900)).toEqual({ rtt: 10, offset: -105 });
  });
});

describe('ClockSync', () => {
  it('knows nothing before the first sample', () => {
    const clock = new ClockSync();
    expect(clock.rtt).toBeNull();
    expect(clock.offset).toBeNull();
  });

  it('reports the newest round trip, and the offset of the fastest recent sample', () => {
    const clock = new ClockSync(3);
    clock.add({ rtt: 50, offset: 10 });
    clock.add({ rtt: 20, offset: 7 });
    clock.add({ rtt: 200, offset: 90 });
    expect(clock.rtt).toBe(200);
    expect(clock.offset).toBe(7);
  });

  it('forgets samples older than its window, even the fastest', () => {
    const clock = new ClockSync(2);
    clock.add({ rtt: 5, offset: 1 });
    clock.add({ rtt: 40, offset: 30 });
    clock.add({ rtt: 60, offset: 50 });
    expect(clock.offset).toBe(30);
    expect(clock.sampleCount).toBe(2);
  });
});
