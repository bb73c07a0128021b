import type { SymbolSnapshot } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { rememberedJson } from './batch-encoder.ts';
import type { MarketView } from './market-view.ts';
import { SnapshotCache } from './snapshot-cache.ts';

/** A view whose one symbol's seq and epoch the test moves. */
function fakeView() {
  const state = { seq: 1, epoch: 'e1' as string, calls: 0 };
  const view = {
    get epoch() {
      return state.epoch;
    },
    describe: (symbol: string) =>
      symbol === 'A' ? { sid: 1, seq: state.seq, checksum: 0, status: 'live', lastEventAgeMs: 0 } : undefined,
    snapshot: (symbol: string, time: number) => {
      state.calls++;
      return symbol === 'A'
        ? ({ symbol, epoch: state.epoch, seq: state.seq, time } as unknown as SymbolSnapshot)
        : undefined;
    },
  } as unknown as MarketView;
  return { view, state };
}

describe('SnapshotCache', () => {
  it('serves the same snapshot, serialized once, until the symbol moves', () => {
    const { view, state } = fakeView();
    const cache = new SnapshotCache(view);
    const first = cache.get('A', 100)!;
    expect(cache.get('A', 200)).toBe(first);
    expect(state.calls).toBe(1);
    expect(rememberedJson(first.snapshot)).toBe(JSON.stringify(first.snapshot));
    expect(first.bytes).toBe(JSON.stringify(first.snapshot).length);

    state.seq = 2;
    const second = cache.get('A', 300)!;
    expect(second.snapshot.seq).toBe(2);
    expect(cache.built).toBe(2);
  });

  it('never serves a snapshot of another epoch, even at the same seq', () => {
    const { view, state } = fakeView();
    const cache = new SnapshotCache(view);
    cache.get('A', 0);
    state.epoch = 'e2';
    expect(cache.get('A', 0)!.snapshot.epoch).toBe('e2');
  });

  it('has nothing for a symbol the view does not have', () => {
    const { view } = fakeView();
    expect(new SnapshotCache(view).get('B', 0)).toBeUndefined();
  });
});
