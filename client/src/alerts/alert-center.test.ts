import { BUY, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { BTC, snapshot, testMarket, ticker, trade, update } from '../test-support/fixtures.ts';
import { activeCount, AlertCenter } from './alert-center.ts';
import type { AlertFiring } from './alert-model.ts';
import { ALERTS_KEY, type KeyValueStorage } from './alert-storage.ts';

function memory(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

function liveMarket() {
  const market = testMarket();
  market.store.setStatus('live');
  market.store.applySnapshot(snapshot(BTC.symbol, { seq: 10, ticker: ticker(100) }));
  return market;
}

function centerOn(store: ReturnType<typeof testMarket>['store'], storage = memory()) {
  let id = 0;
  let time = 1000;
  const center = new AlertCenter(store, { storage, newId: () => `id${++id}`, now: () => time++ });
  const firings: AlertFiring[] = [];
  center.onFire((f) => firings.push(f));
  return { center, firings, storage };
}

const trades = (seq: number, ...prices: number[]) =>
  update(BTC.symbol, seq, { trades: prices.map((p, i) => trade(seq * 10 + i, p, 1, BUY)) });

describe('AlertCenter', () => {
  it('fires an alert once on the store’s applied trades, then keeps it in the list as triggered', () => {
    const { store } = liveMarket();
    const { center, firings } = centerOn(store);
    center.create(BTC.symbol, { kind: 'above', level: 101 as Ticks });
    store.applyUpdate(trades(11, 100, 101, 100));
    store.applyUpdate(trades(12, 102));
    expect(firings.map((f) => [f.alert.id, f.price, f.direction])).toEqual([['id1', 101, 'up']]);
    expect(center.getAlerts()[0]?.triggered).toEqual({ time: firings[0]?.time, price: 101 });
    expect(activeCount(center.getAlerts())).toBe(0);
  });

  it('does not fire while the connection is not live, nor over the resync that follows a gap', () => {
    const { store } = liveMarket();
    const { center, firings } = centerOn(store);
    center.create(BTC.symbol, { kind: 'above', level: 101 as Ticks });
    store.applyUpdate(trades(11, 100));
    store.setStatus('reconnecting');
    store.applyUpdate(trades(12, 100, 102));
    store.setStatus('live');
    store.applyUpdate(trades(13, 102));
    // A gap: the replica waits for a snapshot; the updates it skips and the jump after the snapshot do not fire.
    store.applyUpdate(trades(15, 99, 103));
    store.applySnapshot(snapshot(BTC.symbol, { seq: 20, ticker: ticker(90) }));
    store.applyUpdate(trades(21, 105));
    expect(firings).toEqual([]);
    store.applyUpdate(trades(22, 100, 101));
    expect(firings.map((f) => f.price)).toEqual([101]);
  });

  it('fires on a crossing that arrives while a heartbeat is overdue: the stream is late, not broken', () => {
    const { store } = liveMarket();
    const { center, firings } = centerOn(store);
    center.create(BTC.symbol, { kind: 'below', level: 99 as Ticks });
    store.applyUpdate(trades(11, 100));
    store.connection.setStalled(true);
    store.applyUpdate(trades(12, 100, 98));
    store.connection.setStalled(false);
    expect(firings.map((f) => [f.price, f.direction])).toEqual([[98, 'down']]);
  });

  it('re-arming watches again from now; editing changes the condition; removing forgets it', () => {
    const { store } = liveMarket();
    const { center, firings } = centerOn(store);
    const alert = center.create(BTC.symbol, { kind: 'below', level: 99 as Ticks });
    store.applyUpdate(trades(11, 100, 99));
    center.rearm(alert.id);
    expect(center.getAlerts()[0]?.triggered).toBeUndefined();
    store.applyUpdate(trades(12, 100, 98));
    center.edit(alert.id, BTC.symbol, { kind: 'above', level: 150 as Ticks });
    store.applyUpdate(trades(13, 149, 150));
    expect(firings.map((f) => f.price)).toEqual([99, 98, 150]);
    center.remove(alert.id);
    expect(center.getAlerts()).toEqual([]);
  });

  it('keeps its alerts and the sound setting in storage across pages', () => {
    const { store } = liveMarket();
    const first = centerOn(store);
    first.center.create(BTC.symbol, { kind: 'above', level: 12_345 as Ticks });
    first.center.setSound(true);
    first.center.dispose();
    expect(first.storage.data.get(ALERTS_KEY)).toContain('"123.45"');
    const second = centerOn(store, first.storage);
    expect(second.center.getAlerts()).toEqual(first.center.getAlerts());
    expect(second.center.getSound()).toBe(true);
  });

  it('takes up what another tab wrote, and alerts that did not change keep what they have seen', () => {
    const { store } = liveMarket();
    const storage = memory();
    const here = centerOn(store, storage);
    const kept = here.center.create(BTC.symbol, { kind: 'above', level: 101 as Ticks });
    store.applyUpdate(trades(11, 100));
    const there = new AlertCenter(store, { storage, newId: () => 'other' });
    there.create(BTC.symbol, { kind: 'below', level: 99 as Ticks });
    there.setSound(true);
    there.dispose();

    here.center.reload();
    expect(here.center.getAlerts().map((a) => a.id)).toEqual(['id1', 'other']);
    expect(here.center.getAlerts()[0]).toBe(kept);
    expect(here.center.getSound()).toBe(true);
    store.applyUpdate(trades(12, 101, 99));
    expect(here.firings.map((f) => f.alert.id)).toEqual(['id1', 'other']);
  });

  it('notifies subscribers of every change, with a new list each time', () => {
    const { store } = liveMarket();
    const { center } = centerOn(store);
    const seen: unknown[] = [];
    center.subscribe(() => seen.push(center.getAlerts()));
    center.create(BTC.symbol, { kind: 'above', level: 101 as Ticks });
    store.applyUpdate(trades(11, 100, 101));
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
  });
});
