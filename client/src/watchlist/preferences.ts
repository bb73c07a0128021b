// The reader's watchlist choices (favourites, symbols left out, sort) and how they survive a reload: one versioned
// localStorage key, read tolerantly, since storage may be missing, full, blocked or hold anything at all.

import { SORT_COLUMNS, type SortColumn, type SortState } from './sorting.ts';

export interface WatchlistPreferences {
  /** Pinned on top, in no particular order. */
  readonly favourites: readonly string[];
  /** Served symbols the reader took off the list; a symbol the server adds later shows up by default. */
  readonly hidden: readonly string[];
  readonly sort: SortState | null;
}

export const DEFAULT_PREFERENCES: WatchlistPreferences = { favourites: [], hidden: [], sort: null };

/** Bump the version when the stored shape changes meaning; an old value is then ignored, not misread. */
export const PREFERENCES_KEY = 'tickline.watchlist.v1';

/** The part of `Storage` used here, so tests and private windows can pass their own. */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string'))] : [];

function sortOf(value: unknown): SortState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { column, direction } = value as Record<string, unknown>;
  if (!SORT_COLUMNS.includes(column as SortColumn)) return null;
  if (direction !== 'asc' && direction !== 'desc') return null;
  return { column: column as SortColumn, direction };
}

/** Preferences from a stored string; whatever is missing or malformed falls back to the default, field by field. */
export function parsePreferences(raw: string | null): WatchlistPreferences {
  if (raw === null) return DEFAULT_PREFERENCES;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return DEFAULT_PREFERENCES;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return DEFAULT_PREFERENCES;
  const fields = value as Record<string, unknown>;
  return { favourites: strings(fields.favourites), hidden: strings(fields.hidden), sort: sortOf(fields.sort) };
}

export function serializePreferences(prefs: WatchlistPreferences): string {
  return JSON.stringify({ favourites: prefs.favourites, hidden: prefs.hidden, sort: prefs.sort });
}

/** The stored preferences, or the default when storage is absent, throws (blocked) or holds nonsense. */
export function loadPreferences(storage: PreferenceStorage | undefined): WatchlistPreferences {
  try {
    return parsePreferences(storage?.getItem(PREFERENCES_KEY) ?? null);
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

/** Stores `prefs`; false when storage refused (full or blocked): the choice then lasts until the page closes. */
export function savePreferences(storage: PreferenceStorage | undefined, prefs: WatchlistPreferences): boolean {
  if (!storage) return false;
  try {
    storage.setItem(PREFERENCES_KEY, serializePreferences(prefs));
    return true;
  } catch {
    return false;
  }
}

// --- changes ------------------------------------------------------------------------------------------------

export function toggleFavourite(prefs: WatchlistPreferences, symbol: string): WatchlistPreferences {
  const favourites = prefs.favourites.includes(symbol)
    ? prefs.favourites.filter((s) => s !== symbol)
    : [...prefs.favourites, symbol];
  return { ...prefs, favourites };
}

/** The served symbols on the list, in served order; never empty while anything is served. */
export function listedSymbols(prefs: WatchlistPreferences, served: readonly string[]): string[] {
  const hidden = new Set(prefs.hidden);
  const listed = served.filter((s) => !hidden.has(s));
  // Stored choices may predate today's symbols: an empty list would leave nothing to pick, so show everything.
  return listed.length > 0 ? listed : [...served];
}

/** Puts `symbol` on the list or takes it off; taking off the last listed symbol changes nothing. */
export function setListed(
  prefs: WatchlistPreferences,
  served: readonly string[],
  symbol: string,
  listed: boolean,
): WatchlistPreferences {
  if (listed) {
    return prefs.hidden.includes(symbol) ? { ...prefs, hidden: prefs.hidden.filter((s) => s !== symbol) } : prefs;
  }
  const remaining = listedSymbols(prefs, served).filter((s) => s !== symbol);
  if (remaining.length === 0 || prefs.hidden.includes(symbol)) return prefs;
  return { ...prefs, hidden: [...prefs.hidden, symbol] };
}

export function setSort(prefs: WatchlistPreferences, sort: SortState | null): WatchlistPreferences {
  return { ...prefs, sort };
}
