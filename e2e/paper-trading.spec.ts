// Paper trading in real browsers against the real server: a market buy fills and shows a position with its P&L and
// the trade marked as the viewer's own in the tape; a limit order rests in the simulator's real book, so it shows in
// the trader's open orders and in another browser's ladder at its price, until it is cancelled; a reload finds the
// same account (its token kept in localStorage).

import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { connectionStatus } from './support/page-state.ts';
import { REPO_ROOT, startTickline, type TicklineProcess } from './support/tickline-process.ts';

let tickline: TicklineProcess;
let browser: Browser;
/** The trader, on a screen wide enough for the ticket beside the account. */
let trader: Page;
/** Someone else, watching the same market. */
let watcher: Page;
const pageErrors: string[] = [];

// ETH-USD: ticks of 0.01 USD, lots of 0.001 ETH.
const SYMBOL = 'ETH-USD';
// AAPL for the resting order: a quiet market (about a tick a second) whose book will not come down to it.
const QUIET = 'AAPL';
const TOKEN_KEY = 'tickline.paper.account';
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function open(page: Page): Promise<void> {
  await page.goto(`${tickline.url}/?symbol=${SYMBOL}`);
  await page.waitForSelector(connectionStatus('live'), { timeout: 15_000 });
  await page.waitForSelector('[data-testid="paper-panel"][data-online="true"]', { timeout: 10_000 });
  await page.waitForSelector('[data-testid="book-bid-row"]');
}

beforeAll(async () => {
  tickline = await startTickline({ args: ['--seed', '1'] });
  browser = await launchChromium();
  // Two contexts: two browsers, each with its own storage and so its own paper account.
  // bypassCSP: axe arrives as a script the page's policy would refuse; reduced motion: no colour caught mid-flash.
  const context = (width: number, height: number) =>
    browser.newContext({ viewport: { width, height }, colorScheme: 'dark', bypassCSP: true, reducedMotion: 'reduce' });
  trader = await (await context(1600, 900)).newPage();
  watcher = await (await context(1280, 1400)).newPage();
  for (const page of [trader, watcher]) {
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });
    await open(page);
  }
});

afterAll(async () => {
  await browser?.close();
  await tickline?.stop();
});

/** The trader's ticket, filled in and sent; resolves with what the ticket says the server did. */
async function place(order: { side: 'b' | 's'; size: string; price?: string }): Promise<string> {
  // The keyboard's way in: b or s opens the ticket on that side with its size focused (not from inside a field).
  await trader.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await trader.keyboard.press(order.side);
  await trader.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'ticket-size');
  await trader.keyboard.press('ControlOrMeta+a');
  await trader.keyboard.type(order.size);
  if (order.price !== undefined) {
    await trader.click('[data-testid="ticket-type-limit"]');
    await trader.fill('[data-testid="ticket-price"]', order.price);
  } else {
    await trader.click('[data-testid="ticket-type-market"]');
  }
  const before = await trader.getAttribute('[data-testid="ticket-result"]', 'data-answer');
  await trader.click('[data-testid="ticket-submit"]');
  await trader.waitForFunction(
    (seen) => {
      const result = document.querySelector('[data-testid="ticket-result"]');
      return result?.getAttribute('data-state') && result.getAttribute('data-answer') !== seen;
    },
    before,
    { timeout: 10_000 },
  );
  return (await trader.textContent('[data-testid="ticket-result"]')) ?? '';
}

async function select(page: Page, symbol: string): Promise<void> {
  await page.click(`[data-testid="watchlist-row"][data-symbol="${symbol}"]`);
  await page.waitForSelector(`[data-testid="order-book"][data-symbol="${symbol}"] [data-testid="book-bid-row"]`);
}

/** axe's serious and critical findings inside the paper panel, as `rule: element`. */
async function panelViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async () => {
    interface Results {
      violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
    }
    const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<Results> } }).axe;
    const panel = document.querySelector('[data-testid="paper-panel"]') as Element;
    const { violations } = await axe.run(panel, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

const bidPrices = (page: Page) =>
  page.$$eval('[data-testid="book-bid-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-price'))));

describe('paper trading', () => {
  it('fills a market buy and shows the position with its P&L, and the trade as the trader’s own in the tape', async () => {
    const said = await place({ side: 'b', size: '0.5' });
    expect(said).toMatch(/^Bought 0\.500 ETH at [\d,]+\.\d{2}\.$/);
    const position = trader.locator(`[data-testid="position-row"][data-symbol="${SYMBOL}"]`);
    await position.waitFor();
    expect(await position.locator('td').first().textContent()).toBe('0.500');
    expect(await position.getByTestId('position-unrealized').textContent()).toMatch(/^[+-]?[\d,]+\.\d{2}$/);
    expect(await trader.textContent('[data-testid="account-cash"]')).not.toBe('100,000.00');
    // The simulator matched it in its real book, so it printed in the tape, where the trader sees it marked.
    await trader.waitForSelector('[data-testid="trade-tape"] [data-testid="trade-row"][data-own="true"]', {
      state: 'attached',
      timeout: 5_000,
    });
    expect(await trader.textContent('[data-own="true"] [data-testid="own-trade"]')).toContain('your trade');
    // Nobody else's tape calls it theirs.
    expect(await watcher.$('[data-own="true"]')).toBeNull();
  });

  it('rests a limit order in the book: in the trader’s open orders and the watcher’s ladder, until cancelled', async () => {
    await select(trader, QUIET);
    await select(watcher, QUIET);
    // A bid half-way down the watcher's ladder, at a price where nobody bids yet: deep enough that the market does
    // not come down to it in the next seconds, near enough to stay on screen.
    const bids = await bidPrices(watcher);
    expect(bids.length).toBeGreaterThan(6);
    let ticks = NaN;
    for (let i = Math.floor(bids.length / 2); i < bids.length - 1 && Number.isNaN(ticks); i++) {
      const [above, below] = [bids[i] as number, bids[i + 1] as number];
      if (above - below > 1) ticks = above - 1;
    }
    expect(ticks).not.toBeNaN();
    const price = (ticks / 100).toFixed(2);
    const said = await place({ side: 'b', size: '5', price });
    expect(said).toMatch(/is resting in the book\.$/);

    await trader.click('[data-testid="paper-tab-orders"]');
    const order = trader.locator(`[data-testid="order-row"][data-price="${price}"]`);
    await order.waitFor();
    // The watcher's ladder has a row at that price now, with our 5 shares in it (a market maker may join them).
    const sizeThere = () =>
      watcher
        .$(`[data-testid="book-bid-row"][data-price="${ticks}"]`)
        .then((row) => row?.getAttribute('data-size') ?? null)
        .then((size) => (size === null ? null : Number(size)));
    await expect.poll(sizeThere, { timeout: 5_000 }).toBeGreaterThanOrEqual(5);
    const withOurs = (await sizeThere()) as number;

    // With a position, an open order and an answer in the ticket, the panel passes axe.
    expect(await panelViolations(trader)).toEqual([]);

    const artifacts = path.join(REPO_ROOT, 'e2e', '.artifacts');
    await trader.screenshot({ path: path.join(artifacts, 'paper-trading.png') });
    if (process.env.UPDATE_SCREENSHOT === '1')
      await trader.screenshot({ path: path.join(REPO_ROOT, 'docs', 'screenshot-paper.png') });

    await order.getByTestId('order-cancel').click();
    await order.waitFor({ state: 'detached', timeout: 5_000 });
    // Gone from the book: the row goes, or keeps only what others rest there.
    await expect
      .poll(sizeThere, { timeout: 5_000 })
      .toSatisfy((size: number | null) => size === null || size === withOurs - 5);
  });

  it('keeps the account across a reload: the same token, the same position', async () => {
    const token = await trader.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);
    expect(token).toBeTruthy();
    await open(trader);
    await trader.locator(`[data-testid="position-row"][data-symbol="${SYMBOL}"]`).waitFor();
    expect(await trader.evaluate((key) => localStorage.getItem(key), TOKEN_KEY)).toBe(token);
    // The watcher's browser has an account of its own, untouched.
    expect(await watcher.evaluate((key) => localStorage.getItem(key), TOKEN_KEY)).not.toBe(token);
    expect(await watcher.textContent('[data-testid="account-equity"]')).toBe('100,000.00');
  });

  it('resets the account after the confirm step', async () => {
    await trader.click('[data-testid="account-reset"]');
    await trader.click('[data-testid="account-reset-confirm"]');
    await trader.waitForSelector('[data-testid="position-row"]', { state: 'detached', timeout: 5_000 });
    expect(await trader.textContent('[data-testid="account-cash"]')).toBe('100,000.00');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
