import { afterEach, describe, expect, it, vi } from 'vitest';
import { BTC, snapshot, testMarket, ticker, update } from '../test-support/fixtures.ts';
import { bindTabTitle, tabTitle, TITLE_INTERVAL_MS, type TitleTimers } from './tab-title.ts';

afterEach(() => {
  vi.useRealTimers();
});

const fakeTimers = (): TitleTimers => ({
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});

describe('the tab title', () => {
  it('names the price and symbol, and says when the price is not live', () => {
    expect(tabTitle('BTC-USD', '64,250.50', 'live')).toBe('64,250.50 BTC-USD · Tickline');
    expect(tabTitle('BTC-USD', '64,250.50', 'disconnected')).toBe('64,250.50 BTC-USD (stale) · Tickline');
    expect(tabTitle('BTC-USD', '64,250.50', 'halted')).toBe('64,250.50 BTC-USD (halted) · Tickline');
    expect(tabTitle('BTC-USD', undefined, 'live')).toBe('BTC-USD · Tickline');
  });

  it('follows the selected symbol at most a few times a second, the newest price winning', () => {
    vi.useFakeTimers();
    const { store, frames } = testMarket();
    const doc = { title: '' };
    bindTabTitle(store, doc, fakeTimers());
    expect(doc.title).toBe('BTC-USD (stale) · Tickline');

    store.setStatus('live');
    store.applySnapshot(snapshot(BTC.symbol, { seq: 1, ticker: ticker(6_425_050) }));
    frames.flush();
    // The first write of the binding was just now: this one waits for the end of the interval.
    expect(doc.title).toBe('BTC-USD (stale) · Tickline');
    store.applyUpdate(update(BTC.symbol, 2, { ticker: ticker(6_425_100) }));
    frames.flush();
    vi.advanceTimersByTime(TITLE_INTERVAL_MS);
    expect(doc.title).toBe('64,251.00 BTC-USD · Tickline');

    store.setStatus('reconnecting');
    frames.flush();
    vi.advanceTimersByTime(TITLE_INTERVAL_MS);
    expect(doc.title).toBe('64,251.00 BTC-USD (stale) · Tickline');
  });
});
