import { describe, expect, it, vi } from 'vitest';
import { PREFERENCES_KEY, toggleFavourite } from './preferences.ts';
import { WatchlistState } from './watchlist-state.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

describe('the watchlist state', () => {
  it('stores every preference change and tells its listeners', () => {
    const storage = memoryStorage();
    const state = new WatchlistState(storage);
    const listener = vi.fn();
    state.subscribe(listener);
    state.update((p) => toggleFavourite(p, 'AAPL'));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(new WatchlistState(storage).getPreferences().favourites).toEqual(['AAPL']);
  });

  it('ignores a change that changes nothing', () => {
    const storage = memoryStorage();
    const state = new WatchlistState(storage);
    const listener = vi.fn();
    state.subscribe(listener);
    state.update((p) => p);
    state.setQuery('');
    expect(listener).not.toHaveBeenCalled();
    expect(storage.items.has(PREFERENCES_KEY)).toBe(false);
  });

  it('keeps the search text to itself: a new page starts unfiltered', () => {
    const storage = memoryStorage();
    const state = new WatchlistState(storage);
    state.setQuery('eur');
    expect(state.getQuery()).toBe('eur');
    expect(new WatchlistState(storage).getQuery()).toBe('');
  });
});
