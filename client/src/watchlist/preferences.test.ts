import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFERENCES,
  listedSymbols,
  loadPreferences,
  parsePreferences,
  PREFERENCES_KEY,
  savePreferences,
  serializePreferences,
  setListed,
  toggleFavourite,
  type PreferenceStorage,
  type WatchlistPreferences,
} from './preferences.ts';

const SERVED = ['BTC-USD', 'EUR/USD', 'AAPL'];

function memoryStorage(initial: Record<string, string> = {}): PreferenceStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

const throwing: PreferenceStorage = {
  getItem: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
};

describe('watchlist preferences', () => {
  it('survive a round trip through storage', () => {
    const prefs: WatchlistPreferences = {
      favourites: ['AAPL'],
      hidden: ['EUR/USD'],
      sort: { column: 'change', direction: 'desc' },
    };
    const storage = memoryStorage();
    expect(savePreferences(storage, prefs)).toBe(true);
    expect(storage.items.has(PREFERENCES_KEY)).toBe(true);
    expect(loadPreferences(storage)).toEqual(prefs);
  });

  it('default when nothing is stored, storage is missing, or it throws', () => {
    expect(loadPreferences(memoryStorage())).toEqual(DEFAULT_PREFERENCES);
    expect(loadPreferences(undefined)).toEqual(DEFAULT_PREFERENCES);
    expect(loadPreferences(throwing)).toEqual(DEFAULT_PREFERENCES);
    expect(savePreferences(throwing, DEFAULT_PREFERENCES)).toBe(false);
    expect(savePreferences(undefined, DEFAULT_PREFERENCES)).toBe(false);
  });

  it('ignore corrupt values, keeping whatever fields still make sense', () => {
    for (const raw of ['{', 'null', '42', '"x"', '[]']) expect(parsePreferences(raw)).toEqual(DEFAULT_PREFERENCES);
    expect(
      parsePreferences(JSON.stringify({ favourites: ['A', 3, 'A', null], hidden: 'B', sort: { column: 'price' } })),
    ).toEqual({ favourites: ['A'], hidden: [], sort: null });
    expect(parsePreferences(JSON.stringify({ sort: { column: 'last', direction: 'up' } })).sort).toBeNull();
  });

  it('store only what they mean', () => {
    expect(JSON.parse(serializePreferences(DEFAULT_PREFERENCES))).toEqual({ favourites: [], hidden: [], sort: null });
  });

  it('toggle a favourite on and off', () => {
    const on = toggleFavourite(DEFAULT_PREFERENCES, 'AAPL');
    expect(on.favourites).toEqual(['AAPL']);
    expect(toggleFavourite(on, 'AAPL').favourites).toEqual([]);
  });

  it('take symbols off the list and put them back, in served order', () => {
    const without = setListed(DEFAULT_PREFERENCES, SERVED, 'EUR/USD', false);
    expect(listedSymbols(without, SERVED)).toEqual(['BTC-USD', 'AAPL']);
    expect(listedSymbols(setListed(without, SERVED, 'EUR/USD', true), SERVED)).toEqual(SERVED);
  });

  it('never take the last symbol off the list', () => {
    let prefs = setListed(DEFAULT_PREFERENCES, SERVED, 'BTC-USD', false);
    prefs = setListed(prefs, SERVED, 'EUR/USD', false);
    expect(setListed(prefs, SERVED, 'AAPL', false)).toBe(prefs);
    expect(listedSymbols(prefs, SERVED)).toEqual(['AAPL']);
  });

  it('list every served symbol when stored choices hide them all', () => {
    expect(listedSymbols({ ...DEFAULT_PREFERENCES, hidden: SERVED }, SERVED)).toEqual(SERVED);
    expect(listedSymbols({ ...DEFAULT_PREFERENCES, hidden: ['GONE'] }, SERVED)).toEqual(SERVED);
  });
});
