import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { SEARCH_SELECTOR } from '../../workspace/shortcuts.ts';
import { onAlertRequest } from '../../alerts/alert-requests.ts';
import { MarketProvider } from '../../hooks/MarketProvider.tsx';
import { AAPL, BTC, candle, EURUSD, snapshot, T0, testMarket, ticker, update } from '../../test-support/fixtures.ts';
import { nextFrame } from '../../test-support/render.tsx';
import { PREFERENCES_KEY, type PreferenceStorage } from '../../watchlist/preferences.ts';
import { WatchlistState } from '../../watchlist/watchlist-state.ts';
import { WatchlistStateContext } from './useWatchlist.ts';
import { Watchlist } from './Watchlist.tsx';

const rows = () => screen.getAllByTestId('watchlist-row');
const order = () => rows().map((r) => r.dataset.symbol);

function row(symbol: string): HTMLElement {
  const found = rows().find((r) => r.dataset.symbol === symbol);
  if (!found) throw new Error(`no row for ${symbol}`);
  return found;
}

const lastPrice = (symbol: string) => within(row(symbol)).getByTestId('last-price');
const header = (name: RegExp) => screen.getByRole('columnheader', { name });

function memoryStorage(): PreferenceStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

/** BTC up 0.39%, EUR/USD down 0.08%, AAPL not traded yet; the watchlist mounted on its own stored preferences. */
function liveMarket(storage = memoryStorage()) {
  const market = testMarket();
  market.store.applySnapshot(snapshot(BTC.symbol, { seq: 0, ticker: ticker(6_425_050, 6_400_000) }));
  market.store.applySnapshot(snapshot(EURUSD.symbol, { seq: 0, ticker: ticker(108_215, 108_300) }));
  market.store.setStatus('live');
  const state = new WatchlistState(storage);
  const view = render(
    <MarketProvider store={market.store}>
      <WatchlistStateContext value={state}>
        <Watchlist />
      </WatchlistStateContext>
    </MarketProvider>,
  );
  nextFrame(market.frames);
  return { ...market, storage, state, view };
}

describe('Watchlist', () => {
  it('lists every symbol with its last price at the symbol precision', () => {
    liveMarket();
    expect(order()).toEqual([BTC.symbol, EURUSD.symbol, AAPL.symbol]);
    expect(lastPrice(BTC.symbol).textContent).toBe('64,250.50');
    expect(lastPrice(EURUSD.symbol).textContent).toBe('1.08215');
    expect(lastPrice(AAPL.symbol).textContent).toBe('—');
    expect(within(row(BTC.symbol)).getByText('Bitcoin')).toBeTruthy();
  });

  it('shows the change with an arrow and a sign as well as a colour; a change that rounds to zero is flat', () => {
    const { store, frames } = liveMarket();
    const change = (symbol: string) => within(row(symbol)).getByTestId('change');
    expect(change(BTC.symbol).textContent).toBe('▲+0.39%');
    expect(change(BTC.symbol).className).toContain('trend-up');
    expect(change(EURUSD.symbol).textContent).toBe('▼-0.08%');
    expect(change(EURUSD.symbol).className).toContain('trend-down');

    // +0.0016%: up by a tick, but it prints as 0.00%, so it must not look like a rise.
    store.applyUpdate(update(BTC.symbol, 1, { ticker: ticker(6_400_100, 6_400_000) }));
    nextFrame(frames);
    expect(change(BTC.symbol).textContent).toBe('0.00%');
    expect(change(BTC.symbol).className).toContain('trend-flat');
  });

  it('shows the volume, headed by the window it covers', () => {
    liveMarket();
    expect(within(row(BTC.symbol)).getByTestId('volume').textContent).toBe('1.23');
    expect(within(row(AAPL.symbol)).getByTestId('volume').textContent).toBe('—');
    const volume = header(/vol/i);
    expect(volume.textContent).toBe('Vol');
    expect(within(volume).getByRole('button').title).toMatch(/session/);
  });

  it('draws each symbol’s recent closes as a sparkline', () => {
    vi.useFakeTimers();
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const { store, frames } = liveMarket();
    const minute = 60_000;
    // The live end follows once a second (WatchlistSparkline.tsx): the snapshot comes at the next sample.
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    store.applySnapshot(
      snapshot(BTC.symbol, {
        seq: 1,
        ticker: ticker(6_425_050, 6_400_000),
        candles: [
          candle(T0, 100, 110, 90, 105, 1),
          candle(T0 + minute, 105, 120, 100, 118, 1),
          candle(T0 + 2 * minute, 118, 119, 110, 112, 1),
        ],
      }),
    );
    nextFrame(frames);
    const line = within(row(BTC.symbol)).getByTestId('sparkline');
    expect(line.dataset.points).toBe('3');
    expect(line.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(2);
    expect(line.getAttribute('aria-label')).toBe('BTC-USD, last hour: rising');
  });

  it('flashes a changed price up or down, from the strongest step again at each change', () => {
    const { store, frames } = liveMarket();
    const flash = (symbol: string) => lastPrice(symbol).querySelector('span')?.getAttribute('data-fade') ?? null;
    expect(flash(BTC.symbol)).toBeNull();

    store.applyUpdate(update(BTC.symbol, 1, { ticker: ticker(6_425_100, 6_400_000) }));
    nextFrame(frames);
    expect(lastPrice(BTC.symbol).textContent).toBe('64,251.00');
    expect(flash(BTC.symbol)).toBe('up-4');

    store.applyUpdate(update(BTC.symbol, 2, { ticker: ticker(6_425_000, 6_400_000) }));
    nextFrame(frames);
    expect(lastPrice(BTC.symbol).textContent).toBe('64,250.00');
    expect(flash(BTC.symbol)).toBe('down-4');
    expect(flash(EURUSD.symbol)).toBeNull();
  });

  it('fades the flash out over 700 ms, and restarts it when the price moves again', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const { store, frames } = liveMarket();
      const flash = () => lastPrice(BTC.symbol).querySelector('span')?.getAttribute('data-fade') ?? null;
      store.applyUpdate(update(BTC.symbol, 1, { ticker: ticker(6_425_100, 6_400_000) }));
      nextFrame(frames);
      act(() => vi.advanceTimersByTime(400));
      expect(flash()).toBe('up-2');
      store.applyUpdate(update(BTC.symbol, 2, { ticker: ticker(6_425_200, 6_400_000) }));
      nextFrame(frames);
      expect(flash()).toBe('up-4');
      act(() => vi.advanceTimersByTime(700));
      expect(flash()).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('selects a symbol by click or by Enter and marks only that row selected and current', () => {
    const { store, frames } = liveMarket();
    expect(row(BTC.symbol).getAttribute('aria-selected')).toBe('true');
    expect(row(BTC.symbol).getAttribute('aria-current')).toBe('true');

    fireEvent.click(row(EURUSD.symbol));
    nextFrame(frames);
    expect(store.getSelected()).toBe(EURUSD.symbol);
    expect(row(EURUSD.symbol).className).toContain('is-selected');
    expect(row(BTC.symbol).getAttribute('aria-selected')).toBe('false');
    expect(row(BTC.symbol).hasAttribute('aria-current')).toBe(false);

    fireEvent.keyDown(row(AAPL.symbol), { key: 'Enter' });
    nextFrame(frames);
    expect(store.getSelected()).toBe(AAPL.symbol);
    expect(row(AAPL.symbol).getAttribute('aria-selected')).toBe('true');
  });

  it('moves the selection and focus with the arrow keys and j/k, stopping at the ends', () => {
    const { store, frames } = liveMarket();
    expect(row(BTC.symbol).tabIndex).toBe(0);
    expect(row(EURUSD.symbol).tabIndex).toBe(-1);
    row(BTC.symbol).focus();
    fireEvent.keyDown(row(BTC.symbol), { key: 'ArrowDown' });
    nextFrame(frames);
    expect(store.getSelected()).toBe(EURUSD.symbol);
    expect(document.activeElement).toBe(row(EURUSD.symbol));
    expect(row(EURUSD.symbol).tabIndex).toBe(0);

    fireEvent.keyDown(row(EURUSD.symbol), { key: 'j' });
    fireEvent.keyDown(row(AAPL.symbol), { key: 'j' });
    nextFrame(frames);
    expect(store.getSelected()).toBe(AAPL.symbol);

    fireEvent.keyDown(row(AAPL.symbol), { key: 'k' });
    fireEvent.keyDown(row(EURUSD.symbol), { key: 'ArrowUp' });
    nextFrame(frames);
    expect(store.getSelected()).toBe(BTC.symbol);
    expect(document.activeElement).toBe(row(BTC.symbol));
  });

  it('filters by symbol, name, base or quote as the reader types, and says when nothing matches', () => {
    liveMarket();
    const search = screen.getByRole('searchbox', { name: 'Search symbols' });
    fireEvent.change(search, { target: { value: 'apple' } });
    expect(order()).toEqual([AAPL.symbol]);
    fireEvent.change(search, { target: { value: 'usd' } });
    expect(order()).toEqual([BTC.symbol, EURUSD.symbol, AAPL.symbol]);
    fireEvent.change(search, { target: { value: 'eurusd' } });
    expect(order()).toEqual([EURUSD.symbol]);
    fireEvent.change(search, { target: { value: 'doge' } });
    expect(screen.queryAllByTestId('watchlist-row')).toHaveLength(0);
    expect(screen.getByText('No symbol matches “doge”')).toBeTruthy();
  });

  it("is the target of the page's / shortcut; Escape clears it, Enter picks the first match", () => {
    const { store, frames } = liveMarket();
    const search = screen.getByRole('searchbox', { name: 'Search symbols' });
    expect(document.querySelector(SEARCH_SELECTOR)).toBe(search);
    search.focus();

    fireEvent.change(search, { target: { value: 'eur' } });
    fireEvent.keyDown(search, { key: 'Escape' });
    expect((search as HTMLInputElement).value).toBe('');
    expect(order()).toHaveLength(3);
    expect(document.activeElement).toBe(row(BTC.symbol));

    search.focus();
    fireEvent.change(search, { target: { value: 'apple' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    nextFrame(frames);
    expect(store.getSelected()).toBe(AAPL.symbol);
    expect(document.activeElement).toBe(row(AAPL.symbol));
  });

  it('sorts by a column on each header click: ascending, descending, then the served order', () => {
    liveMarket();
    const change = header(/chg/i);
    expect(change.getAttribute('aria-sort')).toBe('none');

    fireEvent.click(within(change).getByRole('button'));
    expect(change.getAttribute('aria-sort')).toBe('ascending');
    expect(order()).toEqual([EURUSD.symbol, BTC.symbol, AAPL.symbol]);

    fireEvent.click(within(change).getByRole('button'));
    expect(change.getAttribute('aria-sort')).toBe('descending');
    expect(order()).toEqual([BTC.symbol, EURUSD.symbol, AAPL.symbol]);

    fireEvent.click(within(header(/symbol/i)).getByRole('button'));
    expect(change.getAttribute('aria-sort')).toBe('none');
    expect(header(/symbol/i).getAttribute('aria-sort')).toBe('ascending');
    expect(order()).toEqual([AAPL.symbol, BTC.symbol, EURUSD.symbol]);

    fireEvent.click(within(header(/symbol/i)).getByRole('button'));
    fireEvent.click(within(header(/symbol/i)).getByRole('button'));
    expect(header(/symbol/i).getAttribute('aria-sort')).toBe('none');
    expect(order()).toEqual([BTC.symbol, EURUSD.symbol, AAPL.symbol]);
  });

  it('re-sorts as prices move', () => {
    const { store, frames } = liveMarket();
    fireEvent.click(within(header(/chg/i)).getByRole('button'));
    expect(order()[0]).toBe(EURUSD.symbol);
    store.applyUpdate(update(BTC.symbol, 1, { ticker: ticker(6_000_000, 6_400_000) }));
    nextFrame(frames);
    expect(order()[0]).toBe(BTC.symbol);
  });

  it('keeps focus on the focused row when a live re-sort moves it', () => {
    // Chromium drops focus from a moved element, jsdom does not: make jsdom do as Chromium does. (React puts focus
    // back after its commit; this guards that nothing of ours defeats it, e.g. rows remounted instead of moved.)
    for (const method of ['insertBefore', 'appendChild'] as const) {
      const original = Node.prototype[method] as (this: Node, ...args: Node[]) => Node;
      vi.spyOn(Node.prototype, method).mockImplementation(function (this: Node, ...args: Node[]) {
        const moved = args[0] as Node;
        const lose = moved.isConnected && moved.contains(document.activeElement);
        const result = original.apply(this, args);
        if (lose) (document.activeElement as HTMLElement).blur();
        return result;
      } as never);
    }
    const { store, frames } = liveMarket();
    fireEvent.click(within(header(/chg/i)).getByRole('button'));
    fireEvent.click(within(header(/chg/i)).getByRole('button'));
    expect(order()).toEqual([BTC.symbol, EURUSD.symbol, AAPL.symbol]);
    for (const symbol of [BTC.symbol, EURUSD.symbol]) {
      row(symbol).focus();
      const [first, second] = order();
      // Whichever way round they are, swap the two traded symbols by their change.
      store.applyUpdate(update(first as string, store.replica(first as string).seq + 1, { ticker: ticker(90, 100) }));
      store.applyUpdate(
        update(second as string, store.replica(second as string).seq + 1, { ticker: ticker(110, 100) }),
      );
      nextFrame(frames);
      expect(order().slice(0, 2)).toEqual([second, first]);
      expect(document.activeElement).toBe(row(symbol));
    }
    vi.restoreAllMocks();
  });

  it('pins favourites on top, whatever the sort, and keeps them across a reload', () => {
    const { storage, view } = liveMarket();
    const star = within(row(AAPL.symbol)).getByRole('button', { name: `Favourite ${AAPL.symbol}` });
    expect(star.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(star);
    expect(star.getAttribute('aria-pressed')).toBe('true');
    expect(order()).toEqual([AAPL.symbol, BTC.symbol, EURUSD.symbol]);

    fireEvent.click(within(header(/last/i)).getByRole('button'));
    expect(order()).toEqual([AAPL.symbol, EURUSD.symbol, BTC.symbol]);
    view.unmount();

    liveMarket(storage);
    expect(order()).toEqual([AAPL.symbol, EURUSD.symbol, BTC.symbol]);
    expect(row(AAPL.symbol).dataset.favourite).toBe('true');
    expect(header(/last/i).getAttribute('aria-sort')).toBe('ascending');
  });

  it('toggling a favourite does not change the selection', () => {
    const { store, frames } = liveMarket();
    fireEvent.click(within(row(EURUSD.symbol)).getByTestId('favourite-toggle'));
    nextFrame(frames);
    expect(store.getSelected()).toBe(BTC.symbol);
  });

  it('adds and removes symbols from the edit list, keeps at least one, and remembers the list', () => {
    const { storage, view } = liveMarket();
    const edit = screen.getByRole('button', { name: 'Edit list' });
    fireEvent.click(edit);
    expect(edit.getAttribute('aria-expanded')).toBe('true');
    const box = (symbol: string) =>
      within(screen.getByRole('group', { name: 'Symbols on the list' })).getByRole('checkbox', {
        name: new RegExp(symbol.replace('/', '\\/')),
      });

    fireEvent.click(box(EURUSD.symbol));
    fireEvent.click(box(AAPL.symbol));
    expect(order()).toEqual([BTC.symbol]);
    expect(box(BTC.symbol)).toHaveProperty('disabled', true);
    fireEvent.click(box(BTC.symbol));
    expect(order()).toEqual([BTC.symbol]);

    fireEvent.click(box(AAPL.symbol));
    expect(order()).toEqual([BTC.symbol, AAPL.symbol]);
    expect(box(BTC.symbol)).toHaveProperty('disabled', false);

    fireEvent.keyDown(box(AAPL.symbol), { key: 'Escape' });
    expect(screen.queryByTestId('watchlist-editor')).toBeNull();
    expect(document.activeElement).toBe(edit);
    expect(JSON.parse(storage.items.get(PREFERENCES_KEY) ?? '{}')).toMatchObject({ hidden: [EURUSD.symbol] });
    view.unmount();

    liveMarket(storage);
    expect(order()).toEqual([BTC.symbol, AAPL.symbol]);
  });

  it('asks for the alert form from a row’s bell, without selecting the row', () => {
    const { store, frames } = liveMarket();
    const listener = vi.fn();
    const off = onAlertRequest(listener);
    fireEvent.click(within(row(EURUSD.symbol)).getByRole('button', { name: `Set an alert on ${EURUSD.symbol}` }));
    nextFrame(frames);
    off();
    expect(listener).toHaveBeenCalledWith({ symbol: EURUSD.symbol });
    expect(store.getSelected()).toBe(BTC.symbol);
  });

  it('survives storage that throws', () => {
    const broken: PreferenceStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    liveMarket(broken as ReturnType<typeof memoryStorage>);
    act(() => {
      fireEvent.click(within(row(AAPL.symbol)).getByTestId('favourite-toggle'));
    });
    expect(order()[0]).toBe(AAPL.symbol);
  });
});
