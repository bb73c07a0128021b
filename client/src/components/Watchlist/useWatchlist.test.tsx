import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MarketProvider } from '../../hooks/MarketProvider.tsx';
import { AAPL, BTC, EURUSD, snapshot, testMarket, ticker } from '../../test-support/fixtures.ts';
import { setSort, toggleFavourite } from '../../watchlist/preferences.ts';
import { WatchlistState } from '../../watchlist/watchlist-state.ts';
import { useMoveSelection, WatchlistStateContext } from './useWatchlist.ts';

/** Mounts nothing visible: only hands out the hook's mover, as a global shortcut handler would hold it. */
function mover() {
  const market = testMarket();
  market.store.applySnapshot(snapshot(BTC.symbol, { seq: 0, ticker: ticker(6_425_050, 6_400_000) }));
  market.store.applySnapshot(snapshot(EURUSD.symbol, { seq: 0, ticker: ticker(108_215, 108_300) }));
  const state = new WatchlistState(undefined);
  let move: (delta: number) => string = () => '';
  function Probe() {
    move = useMoveSelection();
    return null;
  }
  render(
    <MarketProvider store={market.store}>
      <WatchlistStateContext value={state}>
        <Probe />
      </WatchlistStateContext>
    </MarketProvider>,
  );
  return { store: market.store, state, move: (delta: number) => move(delta) };
}

describe('moving the selection from anywhere', () => {
  it('follows the list as shown: favourites first, then the sort', () => {
    const { store, state, move } = mover();
    state.update((p) => setSort(toggleFavourite(p, AAPL.symbol), { column: 'change', direction: 'asc' }));
    store.select(AAPL.symbol);
    expect(move(1)).toBe(EURUSD.symbol);
    expect(move(1)).toBe(BTC.symbol);
    expect(move(1)).toBe(BTC.symbol);
    expect(move(-1)).toBe(EURUSD.symbol);
  });

  it('skips what the search hides, entering at the top from a hidden selection', () => {
    const { store, state, move } = mover();
    state.setQuery('usd');
    store.select(AAPL.symbol);
    state.setQuery('eur');
    expect(move(1)).toBe(EURUSD.symbol);
    expect(store.getSelected()).toBe(EURUSD.symbol);
  });
});
