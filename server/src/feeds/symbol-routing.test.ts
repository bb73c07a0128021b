import { describe, expect, it } from 'vitest';
import { routeSymbols } from './symbol-routing.ts';

describe('routeSymbols', () => {
  it('gives every feed its defaults when no symbols are named', () => {
    expect([...routeSymbols(['sim', 'binance'], undefined)]).toEqual([
      ['sim', undefined],
      ['binance', undefined],
    ]);
  });

  it('gives bare names to the first feed and prefixed names to their feed', () => {
    const routing = routeSymbols(
      ['binance', 'coinbase', 'sim'],
      ['BTCUSDT', 'coinbase:BTC-USD', 'ETHUSDT', 'sim:AAPL'],
    );
    expect(routing.get('binance')).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(routing.get('coinbase')).toEqual(['BTC-USD']);
    expect(routing.get('sim')).toEqual(['AAPL']);
  });

  it('keeps a colon that is part of a name, such as a recorded namespaced symbol', () => {
    expect(routeSymbols(['sim'], ['EUR/USD', 'x:y']).get('sim')).toEqual(['EUR/USD', 'x:y']);
  });

  it('refuses a prefix naming a feed that is not running', () => {
    expect(() => routeSymbols(['sim'], ['binance:BTCUSDT'])).toThrow(/names feed binance, which is not running/);
    expect(() => routeSymbols(['sim', 'binance'], ['binance:'])).toThrow(/no name after/);
  });
});
