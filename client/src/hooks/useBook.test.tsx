// What the book and trade hooks keep: the views of the symbol on screen, nothing of the symbols shown before it.
// A trader clicks through symbols all day; a view kept per symbol ever shown is a heap that grows with the clicks.

import { BUY } from '@tickline/shared';
import { render } from '@testing-library/react';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { AAPL, BTC, book, EURUSD, snapshot, testMarket, trade } from '../test-support/fixtures.ts';
import { MarketProvider } from './MarketProvider.tsx';
import { useBook } from './useBook.ts';
import { useTrades } from './useTrades.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const TEN = { group: 1, levels: 10 };

function BookAndTape({ symbol, seen }: { symbol: string; seen: (view: object) => void }) {
  seen(useBook(symbol, TEN));
  seen(useTrades(symbol, 10));
  return null;
}

describe('useBook and useTrades', () => {
  it('keep nothing of a symbol once no panel shows it', async () => {
    const { store } = testMarket();
    for (const { symbol } of [BTC, EURUSD, AAPL]) {
      store.applySnapshot(snapshot(symbol, { book: book([[99, 1]], [[101, 1]]), trades: [trade(1, 100, 1, BUY)] }));
    }
    let views: object[] = [];
    const tree = (symbol: string) => (
      <MarketProvider store={store}>
        <BookAndTape symbol={symbol} seen={(view) => views.push(view)} />
      </MarketProvider>
    );
    const { rerender } = render(tree(BTC.symbol));
    const [bookView, trades] = views.map((view) => new WeakRef(view));
    // Two more symbols: React keeps the render before the current one (its alternate fiber), not older ones.
    rerender(tree(EURUSD.symbol));
    rerender(tree(AAPL.symbol));
    views = [];
    // A WeakRef holds its target until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();

    expect(bookView?.deref()).toBeUndefined();
    expect(trades?.deref()).toBeUndefined();
  });
});
