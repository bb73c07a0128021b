// The viewer token a server may require (TICKLINE_VIEWER_TOKEN): given once in the page's address (`?token=...`),
// kept in localStorage so a reload or a bookmark without it still works, and taken out of the address bar at once
// so it does not end up in screenshots, shared links or the history.

export const TOKEN_PARAM = 'token';
export const TOKEN_STORAGE_KEY = 'tickline:viewer-token';

export interface TokenPlaces {
  location: { href: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url: string): void };
  /** undefined when the browser offers none (storage disabled); the token then lasts as long as the page. */
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

/** The token to present: the one in the address (stored, then removed from it), else the stored one. */
export function takeViewerToken({ location, history, storage }: TokenPlaces): string | undefined {
  const url = new URL(location.href);
  const given = url.searchParams.get(TOKEN_PARAM);
  if (given !== null) {
    url.searchParams.delete(TOKEN_PARAM);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    if (given !== '') {
      tryStorage(() => storage?.setItem(TOKEN_STORAGE_KEY, given));
      return given;
    }
  }
  return tryStorage(() => storage?.getItem(TOKEN_STORAGE_KEY)) ?? undefined;
}

/** The page's own places: the real location, history and localStorage (which may throw when disabled). */
export function browserTokenPlaces(): TokenPlaces {
  return { location: window.location, history: window.history, storage: tryStorage(() => window.localStorage) };
}

function tryStorage<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    // Storage disabled or full: the token still works for this page.
    return undefined;
  }
}
