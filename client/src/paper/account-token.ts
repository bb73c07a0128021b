// The secret that reaches this browser's paper account: kept in localStorage so a reload or a reconnect finds the
// same account, and in memory too, so a browser that refuses storage still keeps its account for the page's life.

export const ACCOUNT_TOKEN_KEY = 'tickline.paper.account';

/** What the token store needs of localStorage; null where the browser offers none. */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface AccountTokens {
  /** The token to present in the handshake; undefined before the server opened an account for this browser. */
  get(): string | undefined;
  /** Keeps the token the server sent with a new account (replacing one it no longer knew). */
  set(token: string): void;
}

export function accountTokens(storage: TokenStorage | null = pageStorage()): AccountTokens {
  let token = attempt(() => storage?.getItem(ACCOUNT_TOKEN_KEY)) ?? undefined;
  if (token === '') token = undefined;
  return {
    get: () => token,
    set(next) {
      token = next;
      attempt(() => storage?.setItem(ACCOUNT_TOKEN_KEY, next));
    },
  };
}

/** The page's localStorage, or null where even reading the property throws (sandboxed frames). */
function pageStorage(): TokenStorage | null {
  return attempt(() => globalThis.localStorage) ?? null;
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    // Disabled, full or forbidden: the token in memory still serves this page.
    return undefined;
  }
}
