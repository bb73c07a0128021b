import { describe, expect, it } from 'vitest';
import { onPricePick, pickPrice, type PricePick } from './price-picks.ts';

describe('price picks', () => {
  it('reach every listener until it unregisters', () => {
    const seen: PricePick[] = [];
    const off = onPricePick((pick) => seen.push(pick));
    pickPrice({ symbol: 'BTC-USD', priceTicks: 6_425_000, side: 'bid' });
    off();
    pickPrice({ symbol: 'BTC-USD', priceTicks: 1, side: 'ask' });
    expect(seen).toEqual([{ symbol: 'BTC-USD', priceTicks: 6_425_000, side: 'bid' }]);
  });

  it('let a listener unregister while a pick is being delivered', () => {
    const seen: string[] = [];
    const offA = onPricePick(() => {
      seen.push('a');
      offA();
    });
    const offB = onPricePick(() => seen.push('b'));
    pickPrice({ symbol: 'AAPL', priceTicks: 23_000, side: 'ask' });
    pickPrice({ symbol: 'AAPL', priceTicks: 23_000, side: 'ask' });
    offB();
    expect(seen).toEqual(['a', 'b', 'b']);
  });
});
