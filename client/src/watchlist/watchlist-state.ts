// The watchlist's own state, outside React like the market's: the reader's preferences (stored on every change)
// and the search text (not stored: a reload starts with the whole list).

import { loadPreferences, savePreferences, type PreferenceStorage, type WatchlistPreferences } from './preferences.ts';

export class WatchlistState {
  private prefs: WatchlistPreferences;
  private query = '';
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: PreferenceStorage | undefined) {
    this.prefs = loadPreferences(storage);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getPreferences = (): WatchlistPreferences => this.prefs;
  getQuery = (): string => this.query;

  /** Applies `change` to the preferences and stores the result (no-op when it returns the same object). */
  update = (change: (prefs: WatchlistPreferences) => WatchlistPreferences): void => {
    const next = change(this.prefs);
    if (next === this.prefs) return;
    this.prefs = next;
    savePreferences(this.storage, next);
    this.notify();
  };

  setQuery = (query: string): void => {
    if (query === this.query) return;
    this.query = query;
    this.notify();
  };

  private notify(): void {
    for (const listener of Array.from(this.listeners)) listener();
  }
}
