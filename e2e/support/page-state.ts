// What the dashboard page shows, read the way a user would judge it: the connection badge and the stale marks.

import type { Page } from 'playwright-core';

/** The selector of the status bar's connection badge in state `status` ('live', 'reconnecting', ...). */
export const connectionStatus = (status: string) => `[data-testid="connection-status"][data-status="${status}"]`;

/** Resolves when there are watchlist rows and every row and every last price carries data-stale="<stale>". */
export const allStale = (page: Page, stale: boolean, timeout = 10_000) =>
  page.waitForFunction(
    (want) => {
      const rows = document.querySelectorAll('[data-testid="watchlist-row"]');
      const marked = [...rows, ...document.querySelectorAll('[data-testid="last-price"]')];
      return rows.length > 0 && marked.every((el) => el.getAttribute('data-stale') === want);
    },
    String(stale),
    { timeout },
  );
