import { BUY, type Ticks } from '@tickline/shared';
import { describe, expect, it, vi } from 'vitest';
import { BTC, snapshot, testMarket, ticker, trade, update } from '../test-support/fixtures.ts';
import { ringAlarms } from './alert-alarm.ts';
import { AlertCenter } from './alert-center.ts';

function setup() {
  const { store } = testMarket();
  store.setStatus('live');
  store.applySnapshot(snapshot(BTC.symbol, { seq: 10, ticker: ticker(6_425_000) }));
  const data = new Map<string, string>();
  const center = new AlertCenter(store, {
    storage: { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) },
  });
  const outputs = { notify: vi.fn(), beep: vi.fn(), title: { raise: vi.fn() } };
  ringAlarms(center, store, outputs);
  return { store, center, outputs };
}

describe('ringAlarms', () => {
  it('a firing notifies and raises the title with the same headline; no beep unless the sound is on', () => {
    const { store, center, outputs } = setup();
    const alert = center.create(BTC.symbol, { kind: 'below', level: 6_420_000 as Ticks });
    store.applyUpdate(update(BTC.symbol, 11, { trades: [trade(110, 6_419_950, 1, BUY)] }));
    expect(outputs.notify).toHaveBeenCalledWith('🔔 BTC-USD ↓ 64,199.50', 'BTC-USD crosses below 64,200.00', alert.id);
    expect(outputs.title.raise).toHaveBeenCalledWith('BTC-USD ↓ 64,199.50');
    expect(outputs.beep).not.toHaveBeenCalled();

    center.setSound(true);
    center.rearm(alert.id);
    store.applyUpdate(
      update(BTC.symbol, 12, { trades: [trade(120, 6_421_000, 1, BUY), trade(121, 6_419_000, 1, BUY)] }),
    );
    expect(outputs.beep).toHaveBeenCalledTimes(1);
    expect(outputs.notify).toHaveBeenCalledTimes(2);
  });
});
