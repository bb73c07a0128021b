// The dashboard as the browser bench measures it: loaded in a render mode, with the workspace's heavier views on
// screen, and a record of what was shown.

import type { Page } from 'playwright-core';
import type { HeavyServer } from './heavy-server.ts';
import type { RenderMode } from './run-browser-bench.ts';

/**
 * Opens the dashboard in `mode`, waits until every symbol's first snapshot has arrived, and puts the workspace's
 * heavier views on screen: an indicator overlay on the chart (SMA), beside the depth chart and the watchlist's
 * sparklines, which the default layout shows.
 */
export async function openDashboard(page: Page, server: HeavyServer, mode: RenderMode): Promise<OnScreen> {
  // 5-second candles: the busy market's ten minutes of history make 120 of them, enough for a 20-candle average.
  await page.goto(`${server.url}/?render=${mode}&interval=5s`);
  await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor({ timeout: 15_000 });
  await page.click('[data-testid="chart-overlay"][data-overlay="sma"]');
  await page.locator('.price-chart path.overlay--sma').waitFor({ timeout: 15_000 });
  await page.locator('[data-testid="depth-chart"] path.depth-chart__area').first().waitFor({ timeout: 15_000 });
  // Rows out of sight draw their sparkline at their first once-a-second refresh.
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid="sparkline"]').length ===
      document.querySelectorAll('[data-testid="watchlist-row"]').length,
    undefined,
    { timeout: 15_000 },
  );
  return page.evaluate(() => ({
    depthChart: document.querySelectorAll('[data-testid="depth-chart"] path.depth-chart__area').length > 0,
    sparklines: document.querySelectorAll('[data-testid="sparkline"]').length,
    rowsFollowing: document.querySelectorAll('[data-testid="watchlist-row"][data-following="true"]').length,
    overlays: Array.from(document.querySelectorAll('.price-chart path.overlay'), (p) => p.getAttribute('class')),
  }));
}

/** The workspace views on screen during a measurement (the busy market's watchlist rows scroll: not all 50 show). */
export interface OnScreen {
  depthChart: boolean;
  /** Sparklines drawn, in view or not. */
  sparklines: number;
  /** Watchlist rows in view or near it, which follow every change; the others refresh once a second. */
  rowsFollowing: number;
  overlays: (string | null)[];
}
