import { describe, expect, it } from 'vitest';
import { AAPL, BTC, EURUSD, testMarket } from '../test-support/fixtures.ts';
import { bindUrlState, parseWorkspace, searchWithView, type AddressBar } from './url-state.ts';

const SYMBOLS = [BTC.symbol, EURUSD.symbol, AAPL.symbol];

/** An address bar with a history stack, like the browser's: push adds an entry, go() moves and fires popstate. */
function fakeAddressBar(initial: string) {
  const entries = [new URL(initial, 'http://localhost')];
  let index = 0;
  const listeners = new Set<() => void>();
  const current = () => entries[index] as URL;
  const bar: AddressBar = {
    location: {
      get pathname() {
        return current().pathname;
      },
      get search() {
        return current().search;
      },
      get hash() {
        return current().hash;
      },
    },
    history: {
      pushState(_data, _unused, url) {
        entries.splice(index + 1, entries.length, new URL(url, current()));
        index++;
      },
    },
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
  };
  return {
    bar,
    href: () => current().pathname + current().search + current().hash,
    length: () => entries.length,
    go(delta: number) {
      index += delta;
      for (const l of listeners) l();
    },
    listeners,
  };
}

describe('the workspace in the address', () => {
  it('reads the symbol and interval, ignoring values it does not know', () => {
    expect(parseWorkspace('?symbol=EUR%2FUSD&interval=5m', SYMBOLS)).toEqual({ symbol: EURUSD.symbol, interval: '5m' });
    expect(parseWorkspace('?symbol=DOGE&interval=7m', SYMBOLS)).toEqual({});
    expect(parseWorkspace('?symbol=btc-usd', SYMBOLS)).toEqual({ symbol: BTC.symbol });
    expect(parseWorkspace('', SYMBOLS)).toEqual({});
  });

  it('writes the view and keeps every other parameter', () => {
    expect(searchWithView('?render=frame&symbol=AAPL', { symbol: EURUSD.symbol, interval: '1h' })).toBe(
      '?render=frame&symbol=EUR%2FUSD&interval=1h',
    );
  });

  it('opens the view a link names', () => {
    const { store } = testMarket();
    const address = fakeAddressBar('/?symbol=AAPL&interval=15m');
    bindUrlState(store, address.bar);
    expect([store.getSelected(), store.getInterval()]).toEqual([AAPL.symbol, '15m']);
    expect(address.length()).toBe(1);
  });

  it('pushes a history entry when the reader changes symbol or interval, and only then', () => {
    const { store, frames } = testMarket();
    const address = fakeAddressBar('/?render=eager#x');
    bindUrlState(store, address.bar);
    frames.flush();
    expect(address.length()).toBe(1);

    store.select(EURUSD.symbol);
    frames.flush();
    expect(address.href()).toBe('/?render=eager&symbol=EUR%2FUSD&interval=1m#x');
    store.selectInterval('4h');
    frames.flush();
    expect(address.href()).toBe('/?render=eager&symbol=EUR%2FUSD&interval=4h#x');
    store.setStatus('live');
    frames.flush();
    expect(address.length()).toBe(3);
  });

  it('puts the view of each history entry back on back and forward', () => {
    const { store, frames } = testMarket();
    const address = fakeAddressBar('/');
    bindUrlState(store, address.bar);
    store.select(AAPL.symbol);
    frames.flush();
    store.selectInterval('1d');
    frames.flush();

    address.go(-1);
    frames.flush();
    expect([store.getSelected(), store.getInterval()]).toEqual([AAPL.symbol, '1m']);
    address.go(-1);
    frames.flush();
    expect([store.getSelected(), store.getInterval()]).toEqual([BTC.symbol, '1m']);
    address.go(2);
    frames.flush();
    expect([store.getSelected(), store.getInterval()]).toEqual([AAPL.symbol, '1d']);
    // Moving through history adds no entries of its own.
    expect(address.length()).toBe(3);
  });

  it('stops following once unbound', () => {
    const { store, frames } = testMarket();
    const address = fakeAddressBar('/');
    const unbind = bindUrlState(store, address.bar);
    unbind();
    store.select(AAPL.symbol);
    frames.flush();
    expect(address.length()).toBe(1);
    expect(address.listeners.size).toBe(0);
  });
});
