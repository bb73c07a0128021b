import { describe, expect, it } from 'vitest';
import type { ExchangeInfo, SymbolInfo } from './binance-messages.ts';
import { type BinanceRest, BinanceRestError, INVALID_SYMBOL } from './binance-rest.ts';
import { fetchSymbolSpecs, normalizeVenueSymbols, specFromSymbolInfo } from './binance-symbols.ts';

const info = (symbol: string, tickSize = '0.01000000', stepSize = '0.00001000'): SymbolInfo => ({
  symbol,
  status: 'TRADING',
  baseAsset: symbol.slice(0, -4),
  quoteAsset: 'USDT',
  filters: [
    { filterType: 'PRICE_FILTER', minPrice: '0.01000000', tickSize },
    { filterType: 'LOT_SIZE', minQty: '0.00001000', stepSize },
  ],
});

/** A REST stub that lists `listed` and answers anything else the way Binance does. */
function rest(listed: string[]): BinanceRest & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    async exchangeInfo(symbols): Promise<ExchangeInfo> {
      asked.push([...symbols]);
      if (symbols.some((s) => !listed.includes(s))) {
        throw new BinanceRestError('HTTP 400 Invalid symbol. (code -1121)', 400, INVALID_SYMBOL);
      }
      return { symbols: symbols.map((s) => info(s)) };
    },
    depth: () => Promise.reject(new Error('not used')),
    klines: () => Promise.reject(new Error('not used')),
  };
}

describe('Binance symbols', () => {
  it('builds a spec from the price and lot filters, served under the namespace', () => {
    expect(specFromSymbolInfo(info('ETHUSDT', '0.01000000', '0.00010000'), 'bn')).toEqual({
      symbol: 'bn:ETHUSDT',
      name: 'ETH/USDT',
      assetClass: 'crypto',
      base: 'ETH',
      quote: 'USDT',
      tickSize: '0.01',
      lotSize: '0.0001',
      pricePrecision: 2,
      sizePrecision: 4,
      statsWindow: '24h',
    });
    expect(() => specFromSymbolInfo(info('ETHUSDT', '0.00000000'), 'bn')).toThrow(/ETHUSDT has no price increment/);
  });

  it('normalizes venue names and rejects ones Binance would refuse', () => {
    expect(normalizeVenueSymbols([' btcusdt', 'BTCUSDT', 'ethusdt'])).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(() => normalizeVenueSymbols(['BTC/USDT'])).toThrow(/not a Binance symbol name: BTC\/USDT/);
    expect(() => normalizeVenueSymbols([])).toThrow(/no symbols/);
  });

  it('names the unknown symbols when Binance only says one of them is invalid', async () => {
    const stub = rest(['BTCUSDT', 'ETHUSDT']);
    const asked = fetchSymbolSpecs(stub, ['BTCUSDT', 'NOPE1', 'ETHUSDT', 'NOPE2'], 'binance');
    await expect(asked).rejects.toThrow(/^binance: unknown symbol NOPE1, NOPE2 \(/);
    expect(stub.asked[0]).toEqual(['BTCUSDT', 'NOPE1', 'ETHUSDT', 'NOPE2']);
    const specs = await fetchSymbolSpecs(stub, ['ETHUSDT', 'BTCUSDT'], 'binance');
    expect(specs.map((s) => s.symbol)).toEqual(['binance:ETHUSDT', 'binance:BTCUSDT']);
  });
});
