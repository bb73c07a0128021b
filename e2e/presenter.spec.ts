// The presenter's controls in a real browser against the real server: unlocked with the admin token, a Halt
// click shows HALTED on the presenter's page and on a viewer's within a second, and Resume reopens trading.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { REPO_ROOT, startTickline, type TicklineProcess } from './support/tickline-process.ts';

let tickline: TicklineProcess;
let browser: Browser;
let presenter: Page;
let viewer: Page;

beforeAll(async () => {
  tickline = await startTickline({ args: ['--seed', '1'], env: { TICKLINE_ADMIN_TOKEN: 'room-42' } });
  browser = await launchChromium();
  // Two contexts: two browsers, as a presenter's laptop and someone in the audience.
  presenter = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  viewer = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  for (const page of [presenter, viewer]) {
    await page.goto(`${tickline.url}/?symbol=ETH-USD`);
    await page.waitForSelector('[data-testid="connection-status"][data-status="live"]');
  }
});

afterAll(async () => {
  await browser?.close();
  await tickline?.stop();
});

/** Saves a screenshot among the run's artifacts, and into docs/ for the README with UPDATE_SCREENSHOT=1. */
async function photograph(page: Page, name: string): Promise<void> {
  const artifacts = path.join(REPO_ROOT, 'e2e', '.artifacts');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, name) });
  if (process.env.UPDATE_SCREENSHOT === '1') await page.screenshot({ path: path.join(REPO_ROOT, 'docs', name) });
}

/** The presenter's panel open and unlocked, whatever the tests before left. */
async function openUnlockedPanel(): Promise<void> {
  if (!(await presenter.isVisible('[data-testid="presenter-panel"]')))
    await presenter.click('[data-testid="presenter-toggle"]');
  if (await presenter.isVisible('[data-testid="presenter-token"]')) {
    await presenter.fill('[data-testid="presenter-token"]', 'room-42');
    await presenter.click('[data-testid="presenter-unlock"]');
  }
  await presenter.waitForSelector('[data-testid="presenter-broadcast"]');
}

const headerBadge = (page: Page) => page.locator('.app__header [data-testid="freshness-badge"]').first();

describe('presenter controls', () => {
  it('refuses a wrong token, saying so, and unlocks with the right one', async () => {
    await presenter.click('[data-testid="presenter-toggle"]');
    await presenter.fill('[data-testid="presenter-token"]', 'guess');
    await presenter.click('[data-testid="presenter-unlock"]');
    await expect.poll(() => presenter.textContent('[data-testid="presenter-status"]')).toMatch(/wrong admin token/i);
    await presenter.fill('[data-testid="presenter-token"]', 'room-42');
    await presenter.click('[data-testid="presenter-unlock"]');
    await presenter.waitForSelector('[data-scenario="halt"]');
  });

  it('halts the selected market on every screen within a second, and resumes it', async () => {
    await presenter.click('[data-scenario="halt"]');
    const clicked = Date.now();
    await viewer.waitForFunction(
      () => /halted/i.test(document.querySelector('.app__header')?.textContent ?? ''),
      undefined,
      { timeout: 2000 },
    );
    expect(Date.now() - clicked).toBeLessThan(1000);
    expect(await headerBadge(presenter).textContent()).toMatch(/halted/i);
    expect(await presenter.textContent('[data-testid="presenter-status"]')).toBe('Halt: sent for ETH-USD');

    await presenter.click('[data-scenario="resume"]');
    await viewer.waitForFunction(
      () => !/halted/i.test(document.querySelector('.app__header')?.textContent ?? ''),
      undefined,
      { timeout: 2000 },
    );
  });
});

describe('follow the presenter', () => {
  it('moves a following viewer to the presenter’s symbol within 500 ms, until the viewer leaves follow mode', async () => {
    // A viewer who opened the presenter's link (?follow=1), on another symbol for now.
    const follower = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await follower.goto(`${tickline.url}/?symbol=AAPL&follow=1`);
    await follower.waitForSelector('[data-testid="connection-status"][data-status="live"]');
    const selected = (p: Page) => p.$eval('[data-testid="selected-symbol"]', (el) => el.textContent);

    await openUnlockedPanel();
    await presenter.check('[data-testid="presenter-broadcast"]');
    await expect.poll(() => selected(follower), { timeout: 2000, interval: 50 }).toBe('ETH-USD');

    // The presenter picks another market: the follower is there within half a second, measured in the pages
    // (both read the same machine clock): from the click's event to the follower's header changing.
    await presenter.keyboard.press('Escape');
    await follower.evaluate(`window.__switchedAt = new Promise((resolve) => {
      const header = document.querySelector('[data-testid="selected-symbol"]');
      new MutationObserver(() => {
        if (header.textContent === 'SOL-USD') resolve(Date.now());
      }).observe(header, { subtree: true, childList: true, characterData: true });
    }); undefined`);
    await presenter.evaluate(`window.__clickedAt = new Promise((resolve) => {
      document.addEventListener('click', () => resolve(Date.now()), { capture: true, once: true });
    }); undefined`);
    await presenter.click('[data-testid="watchlist-row"][data-symbol="SOL-USD"]');
    const clickedAt = (await presenter.evaluate('window.__clickedAt')) as number;
    const switchedAt = (await follower.evaluate('window.__switchedAt')) as number;
    expect(switchedAt - clickedAt).toBeLessThan(500);

    // Left follow mode, the viewer stays put; back in it, they catch up at once.
    await follower.click('[data-testid="follow-toggle"]');
    await presenter.click('[data-testid="watchlist-row"][data-symbol="BTC-USD"]');
    await presenter.waitForTimeout(700);
    expect(await selected(follower)).toBe('SOL-USD');
    await follower.click('[data-testid="follow-toggle"]');
    await expect.poll(() => selected(follower), { timeout: 1000 }).toBe('BTC-USD');

    // The presenter points at the price now: the follower's chart marks it.
    const price = ((await presenter.textContent('[data-testid="chart-last-price"]')) ?? '').replace(/,/g, '');
    await openUnlockedPanel();
    await presenter.fill('[data-testid="presenter-highlight-price"]', price);
    await presenter.click('[data-testid="presenter-point"]');
    await follower.waitForSelector(`[data-testid="presenter-highlight"][data-price="${price}"]`, { timeout: 2000 });

    // The presenter zooms in on the chart: the follower's chart shows as many candles as the presenter's.
    const candles = (page: Page) => page.getAttribute('.candle-chart', 'data-candles').then((n) => Number(n ?? NaN));
    await presenter.focus('[data-testid="chart-plot"]');
    for (let i = 0; i < 4; i++) await presenter.keyboard.press('+');
    await expect.poll(() => candles(presenter), { timeout: 2000 }).toBeLessThan(100);
    const zoomed = await candles(presenter);
    await expect.poll(() => candles(follower), { timeout: 2000 }).toBe(zoomed);

    // For the README: the presenter's page with the panel open, and a follower's with the price pointed at.
    await openUnlockedPanel();
    await photograph(presenter, 'screenshot-presenter.png');
    await photograph(follower, 'screenshot-follower.png');
    await follower.close();
  });

  it('shows an announcement on every viewer’s screen', async () => {
    await openUnlockedPanel();
    await presenter.fill('[data-testid="presenter-message"]', 'Questions after the break');
    await presenter.click('[data-testid="presenter-announce"]');
    await viewer.waitForSelector('[data-testid="announcement"]:has-text("Questions after the break")', {
      timeout: 2000,
    });
    expect(await presenter.textContent('[data-testid="presenter-status"]')).toBe('Announcement sent to every viewer');
  });
});
