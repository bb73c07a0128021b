// The order book panel in a real browser against the real server: grouping, the depth chart, a ladder that fills its
// panel at any height, picking a price, and a phone-sized screen.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { REPO_ROOT, startTickline, type TicklineProcess } from './support/tickline-process.ts';

let tickline: TicklineProcess;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const BOOK = '[data-testid="order-book"]';
const ARTIFACTS = path.join(REPO_ROOT, 'e2e', '.artifacts');

/** The panel as drawn, for a person to look at (not compared). */
async function shoot(name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.locator(BOOK).screenshot({ path: path.join(ARTIFACTS, name) });
}

beforeAll(async () => {
  tickline = await startTickline({ args: ['--seed', '1'] });
  browser = await launchChromium();
  page = await browser.newPage({
    viewport: { width: 1280, height: 720 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  await page.goto(tickline.url);
  await page.waitForSelector('[data-testid="connection-status"][data-status="live"]', { timeout: 15_000 });
  await page.waitForSelector(`${BOOK} [data-testid="book-ask-row"]`, { timeout: 15_000 });
});

afterAll(async () => {
  await browser?.close();
  await tickline?.stop();
});

const ladderPrices = (p: Page) =>
  p.$$eval('[data-testid="book-bid-row"], [data-testid="book-ask-row"]', (rows) =>
    rows.map((r) => ({ side: r.getAttribute('data-testid'), price: Number(r.getAttribute('data-price')) })),
  );

/** Rows drawn per side (priced or blank), and what the ladder says it fitted. */
const ladderRows = (p: Page) =>
  p.$eval(BOOK, (book) => ({
    fitted: Number(book.querySelector('[data-testid="book-ladder"]')?.getAttribute('data-rows')),
    bids: book.querySelectorAll('.book__side--bids .book__row').length,
    asks: book.querySelectorAll('.book__side--asks .book__row').length,
  }));

describe('the order book panel', () => {
  it('groups the ladder: every price a multiple of the group, bids below asks', async () => {
    const options = await page.$$eval('[data-testid="book-group"] option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(options.slice(0, 4)).toEqual(['1', '2', '5', '10']);
    await page.selectOption('[data-testid="book-group"]', '10');
    await page.waitForSelector(`${BOOK}[data-group="10"]`);
    // Poll across a few frames of a moving book: every grouped price stays on the group.
    await expect
      .poll(
        async () => {
          const rows = await ladderPrices(page);
          const bids = rows.filter((r) => r.side === 'book-bid-row').map((r) => r.price);
          const asks = rows.filter((r) => r.side === 'book-ask-row').map((r) => r.price);
          return (
            bids.length > 0 &&
            asks.length > 0 &&
            rows.every((r) => r.price % 10 === 0) &&
            Math.max(...bids) < Math.min(...asks)
          );
        },
        { timeout: 10_000 },
      )
      .toBe(true);

    // Remembered for the symbol across a reload.
    await page.reload();
    await page.waitForSelector(`${BOOK} [data-testid="book-ask-row"]`, { timeout: 15_000 });
    expect(await page.getAttribute(BOOK, 'data-group')).toBe('10');
    await page.selectOption('[data-testid="book-group"]', '1');
    await page.waitForSelector(`${BOOK}[data-group="1"]`);
  });

  it('draws the depth chart: a stepped area per side and the mid', async () => {
    const chart = '[data-testid="depth-chart"]';
    await expect
      .poll(
        () =>
          page.$$eval(
            `${chart} svg path.depth-chart__area`,
            (paths) => paths.filter((p) => (p.getAttribute('d') ?? '').length > 10).length,
          ),
        { timeout: 10_000 },
      )
      .toBe(2);
    expect(await page.$(`${chart} .depth-chart__mid-line line`)).not.toBeNull();
    expect(await page.textContent('[data-testid="depth-mid"]')).toMatch(/^Mid [\d,]+\.\d+$/);
    const imbalance = await page.textContent('[data-testid="book-imbalance"]');
    expect(imbalance).toMatch(/Bids \d+%.*\d+% Asks/);
  });

  it('fills the panel with rows at any height', async () => {
    const short = await ladderRows(page);
    expect(short.fitted).toBeGreaterThan(3);
    expect(short.bids).toBe(short.fitted);
    expect(short.asks).toBe(short.fitted);

    await page.setViewportSize({ width: 1280, height: 1000 });
    await expect.poll(async () => (await ladderRows(page)).fitted, { timeout: 5_000 }).toBeGreaterThan(short.fitted);
    const tall = await ladderRows(page);
    expect(tall.bids).toBe(tall.fitted);

    // The rows fill the ladder: less than one row pair of space is left over.
    const slack = await page.$eval('[data-testid="book-ladder"]', (ladder) => {
      const used = Array.from(ladder.children).reduce((h, c) => h + c.getBoundingClientRect().height, 0);
      const row = ladder.querySelector('.book__row')?.getBoundingClientRect().height ?? 0;
      return { free: ladder.clientHeight - used, row };
    });
    expect(slack.free).toBeGreaterThanOrEqual(-1);
    expect(slack.free).toBeLessThan(2 * slack.row + 1);
    await shoot('book-tall.png');
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('publishes a clicked price and says it was picked', async () => {
    const row = page.locator('[data-testid="book-bid-row"]').first();
    const price = await row.getAttribute('data-price');
    expect(price).toBeTruthy();
    await row.click();
    await expect
      .poll(() => page.textContent('[data-testid="book-pick-note"]'), { timeout: 5_000 })
      .toMatch(/^Bid \d+\.\d+ picked/);
    // Keyboard: rows are buttons, so Enter on a focused row picks too.
    await page.locator('[data-testid="book-ask-row"]').last().focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.textContent('[data-testid="book-pick-note"]'), { timeout: 5_000 })
      .toMatch(/^Ask \d+\.\d+ picked/);
  });

  it('fits a phone-sized screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    // A phone shows one panel at a time, behind tabs.
    await page.click('[data-testid="panel-tabs"] [data-tab="book"]');
    // The panel as wide as a 360 px screen leaves it (8 px of page padding a side), whatever the other panels do:
    // the page's own width at 360 px is the layout's business, this test is the book's.
    await page.$eval(BOOK, (book) => {
      (book as HTMLElement).style.width = '344px';
    });
    await page.locator(BOOK).scrollIntoViewIfNeeded();
    await expect.poll(async () => (await ladderRows(page)).fitted, { timeout: 5_000 }).toBeGreaterThan(3);
    const overflow = await page.$eval(BOOK, (book) => {
      const right = book.getBoundingClientRect().right;
      const sticking = Array.from(book.querySelectorAll<HTMLElement>('*'))
        .filter((el) => el.getBoundingClientRect().right > right + 1)
        .map((el) => el.className);
      return { sticking, scroll: book.scrollWidth - book.clientWidth };
    });
    expect(overflow).toEqual({ sticking: [], scroll: 0 });
    await expect
      .poll(() => page.$$eval(`[data-testid="depth-chart"] svg path.depth-chart__area`, (p) => p.length))
      .toBe(2);
    await shoot('book-phone.png');
    await page.$eval(BOOK, (book) => {
      (book as HTMLElement).style.width = '';
    });
    await page.click('[data-testid="panel-tabs"] [data-tab="chart"]');
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
