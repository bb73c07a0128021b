// Presentation mode in a real browser at a projector's 1920 x 1080: the last price in type a room can read, the
// other panels and controls gone, toggled by the button, `p` and Esc, kept in the address, and the auto-cycle.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { startTickline, type TicklineProcess } from './support/tickline-process.ts';

let tickline: TicklineProcess;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  tickline = await startTickline({ args: ['--seed', '1'] });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await browser?.close();
  await tickline?.stop();
});

async function open(p: Page, search: string): Promise<void> {
  await p.goto(`${tickline.url}/${search}`);
  await p.waitForSelector('[data-testid="connection-status"][data-status="live"]', { state: 'attached' });
  await p.waitForFunction(() =>
    /\d/.test(document.querySelector('[data-testid="chart-last-price"]')?.textContent ?? ''),
  );
}

const lastPricePx = (p: Page) =>
  p.$eval('[data-testid="chart-last-price"]', (el) => parseFloat(getComputedStyle(el).fontSize));
const shown = (p: Page, selector: string) => p.locator(selector).first().isVisible();

describe('presentation mode', () => {
  it('shows the last price in type of at least 96 px at 1920 x 1080, and nothing but the chart', async () => {
    await open(page, '?present=1');
    expect(await lastPricePx(page)).toBeGreaterThanOrEqual(96);
    expect(await shown(page, '[data-testid="price-chart"]')).toBe(true);
    for (const hidden of ['[data-testid="watchlist"]', '.order-book', '.trade-tape', '.status-bar', '.chart-toolbar']) {
      expect(await shown(page, hidden), hidden).toBe(false);
    }
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await page.locator('[data-testid="price-chart"]').boundingBox();
    expect(box?.width).toBeGreaterThan(1800);
  });

  it('is left with Esc or the button and entered with p, the address following', async () => {
    await open(page, '?present=1&symbol=ETH-USD');
    await page.keyboard.press('Escape');
    await expect.poll(() => shown(page, '[data-testid="watchlist"]')).toBe(true);
    expect(new URL(page.url()).searchParams.has('present')).toBe(false);
    expect(await lastPricePx(page)).toBeLessThan(40);

    await page.keyboard.press('p');
    await expect.poll(() => lastPricePx(page)).toBeGreaterThanOrEqual(96);
    expect(new URL(page.url()).searchParams.get('present')).toBe('1');
    expect(new URL(page.url()).searchParams.get('symbol')).toBe('ETH-USD');

    await page.click('[data-testid="present-toggle"]');
    await expect.poll(() => shown(page, '[data-testid="watchlist"]')).toBe(true);
    await page.reload();
    await page.waitForSelector('[data-testid="watchlist-row"]');
    expect(await shown(page, '[data-testid="watchlist"]')).toBe(true);
  });

  it('steps through the markets with ?cycle=3', async () => {
    const symbols = ((await (await fetch(`${tickline.url}/api/symbols`)).json()) as { symbol: string }[]).map(
      (s) => s.symbol,
    );
    const cycling = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await open(cycling, `?present=1&cycle=3&symbol=${encodeURIComponent(symbols[0] as string)}`);
      const selected = () => cycling.$eval('[data-testid="selected-symbol"]', (el) => el.textContent);
      expect(await selected()).toBe(symbols[0]);
      await expect.poll(selected, { timeout: 6000, interval: 200 }).toBe(symbols[1]);
    } finally {
      await cycling.close();
    }
  });

  it('shows the room a join overlay: the follow address as text and as a QR code', async () => {
    await open(page, '?present=1');
    await page.click('[data-testid="join-toggle"]');
    const url = `${tickline.url}/?follow=1`;
    expect(await page.textContent('[data-testid="join-url"]')).toBe(url);
    const qr = page.locator('[data-testid="join-qr"]');
    expect(await qr.getAttribute('aria-label')).toBe(`QR code of ${url}`);
    expect(Number(await qr.getAttribute('data-modules'))).toBeGreaterThanOrEqual(21);
    const box = await qr.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(500);
    // Esc closes the overlay and leaves presentation mode alone.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="join-overlay"]').count()).toBe(0);
    expect(await lastPricePx(page)).toBeGreaterThanOrEqual(96);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
