// The dashboard in a real browser against the real server, started as `npm start` starts it.

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

beforeAll(async () => {
  tickline = await startTickline({ args: ['--seed', '1'] });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  await page.goto(tickline.url);
});

afterAll(async () => {
  await browser?.close();
  await tickline?.stop();
});

const lastPrices = (p: Page) =>
  p.$$eval('[data-testid="watchlist-row"]', (rows) =>
    rows.map((r) => `${r.getAttribute('data-symbol')}=${r.querySelector('[data-testid="last-price"]')?.textContent}`),
  );

describe('the dashboard', () => {
  it('connects and lists every symbol', async () => {
    await page.waitForSelector('[data-testid="connection-status"][data-status="live"]', { timeout: 15_000 });
    const symbols = (await (await fetch(`${tickline.url}/api/symbols`)).json()) as { symbol: string }[];
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="watchlist-row"]').length === n,
      symbols.length,
    );
  });

  it('shows prices that change over time', async () => {
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="last-price"]')].every((el) => /\d/.test(el.textContent ?? '')),
    );
    const before = await lastPrices(page);
    await expect
      .poll(async () => (await lastPrices(page)).filter((p, i) => p !== before[i]).length, { timeout: 15_000 })
      .toBeGreaterThan(0);
  });

  it('switching symbol makes the chart, the book and the tape follow', async () => {
    const rows = await page.$$eval('[data-testid="watchlist-row"]', (els) =>
      els.map((e) => e.getAttribute('data-symbol')),
    );
    const current = await page.textContent('[data-testid="selected-symbol"]');
    const target = rows.find((s) => s && s !== current?.trim()) as string;
    await page.click(`[data-testid="watchlist-row"][data-symbol="${target}"]`);

    await page.waitForSelector(`[data-testid="selected-symbol"]:has-text("${target}")`);
    await page.waitForSelector(`[data-testid="price-chart"][data-symbol="${target}"] svg`);
    await page.waitForSelector(`[data-testid="order-book"][data-symbol="${target}"] [data-testid="book-ask-row"]`);
    await page.waitForSelector(`[data-testid="trade-tape"] [data-testid="trade-row"]`, { timeout: 15_000 });

    // The ladder is a sane book: best ask above best bid, asks ascending away from the spread.
    const askPrices = await page.$$eval('[data-testid="book-ask-row"]', (els) =>
      els.map((e) => Number(e.getAttribute('data-price'))),
    );
    const bidPrices = await page.$$eval('[data-testid="book-bid-row"]', (els) =>
      els.map((e) => Number(e.getAttribute('data-price'))),
    );
    expect(askPrices.length).toBeGreaterThan(3);
    expect(bidPrices.length).toBeGreaterThan(3);
    expect(Math.min(...askPrices)).toBeGreaterThan(Math.max(...bidPrices));

    // The chart keeps drawing the new symbol's data as it moves.
    const chart = `[data-testid="price-chart"][data-symbol="${target}"]`;
    await expect.poll(() => page.$$eval(`${chart} svg path`, (p) => p.length), { timeout: 15_000 }).toBeGreaterThan(0);

    // The status bar counts the updates it receives (a rate over each second, so after the first second).
    await expect
      .poll(async () => Number(await page.textContent('[data-testid="update-rate"]')), { timeout: 5_000 })
      .toBeGreaterThan(0);

    const artifacts = path.join(REPO_ROOT, 'e2e', '.artifacts');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'dashboard.png') });
  });

  it('photographs the workspace: dark and light themes, a phone, and presentation mode', async () => {
    const artifacts = path.join(REPO_ROOT, 'e2e', '.artifacts');
    const save = async (target: Page, name: string) => {
      await target.screenshot({ path: path.join(artifacts, name) });
      if (process.env.UPDATE_SCREENSHOT === '1') await target.screenshot({ path: path.join(REPO_ROOT, 'docs', name) });
    };
    // The theme follows the system's colour scheme until the reader picks one.
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
      await page.click('[data-testid="chart-overlay"][data-overlay="sma"]');
      await page.waitForSelector('.price-chart path.overlay--sma');
      await save(page, `screenshot-${scheme}.png`);
      await page.click('[data-testid="chart-overlay"][data-overlay="sma"]');
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(tickline.url);
      await phone.waitForSelector('[data-testid="connection-status"][data-status="live"]');
      await phone.waitForSelector('[data-testid="price-chart"] .candles--live path.candle', { timeout: 15_000 });
      await save(phone, 'screenshot-phone.png');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    } finally {
      await phone.close();
    }
    // Presentation mode as a 1080p projector shows it.
    const projector = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await projector.goto(`${tickline.url}/?present=1`);
      await projector.waitForSelector('[data-testid="price-chart"] .candles--live path.candle', { timeout: 15_000 });
      await save(projector, 'screenshot-present.png');
    } finally {
      await projector.close();
    }
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
