// The trader's workspace in a real browser against the real server: the address holds the symbol and interval
// (deep links, reload, back/forward), the keyboard drives it, the theme is remembered, and the page fits a phone and
// 200 % zoom without scrolling sideways.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { connectionStatus } from './support/page-state.ts';
import { REPO_ROOT, startTickline, type TicklineProcess } from './support/tickline-process.ts';

let tickline: TicklineProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let symbols: string[];
const pageErrors: string[] = [];

beforeAll(async () => {
  tickline = await startTickline({ args: ['--seed', '1'] });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  symbols = ((await (await fetch(`${tickline.url}/api/symbols`)).json()) as { symbol: string }[]).map((s) => s.symbol);
});

afterAll(async () => {
  await browser?.close();
  await tickline?.stop();
});

const param = (p: Page, name: string) => new URL(p.url()).searchParams.get(name);
const showsSymbol = (p: Page, symbol: string) =>
  p.waitForFunction(
    (want) => document.querySelector('[data-testid="selected-symbol"]')?.textContent?.trim() === want,
    symbol,
  );

function artifactsDir(): string {
  const dir = path.join(REPO_ROOT, 'e2e', '.artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function open(p: Page, search = '') {
  await p.goto(`${tickline.url}/${search}`);
  await p.waitForSelector(connectionStatus('live'), { timeout: 15_000 });
}

describe('the workspace', () => {
  it('opens the symbol and interval a link names, and keeps them on reload', async () => {
    const target = symbols[2] as string;
    await open(page, `?symbol=${encodeURIComponent(target)}&interval=5m&render=frame`);
    await showsSymbol(page, target);
    expect([param(page, 'interval'), param(page, 'render')]).toEqual(['5m', 'frame']);

    await page.reload();
    await showsSymbol(page, target);
    expect(param(page, 'symbol')).toBe(target);
  });

  it('ignores a symbol it does not know', async () => {
    await open(page, '?symbol=NOPE-USD&interval=9y');
    await showsSymbol(page, symbols[0] as string);
  });

  it('puts the price and symbol in the tab title', async () => {
    await open(page, `?symbol=${encodeURIComponent(symbols[1] as string)}`);
    await page.waitForFunction(
      (symbol) => new RegExp(`^[\\d.,\\s\\u00a0']+ ${symbol.replace(/[/]/g, '\\/')} · Tickline$`).test(document.title),
      symbols[1] as string,
      { timeout: 15_000 },
    );
  });

  it('moves through the markets with the arrow keys and j/k, each step a history entry back and forward restore', async () => {
    await open(page);
    await showsSymbol(page, symbols[0] as string);
    await page.keyboard.press('ArrowDown');
    await showsSymbol(page, symbols[1] as string);
    await page.keyboard.press('j');
    await showsSymbol(page, symbols[2] as string);
    await expect.poll(() => param(page, 'symbol')).toBe(symbols[2]);
    await page.keyboard.press('k');
    await showsSymbol(page, symbols[1] as string);

    await page.goBack();
    await showsSymbol(page, symbols[2] as string);
    await page.goBack();
    await showsSymbol(page, symbols[1] as string);
    await page.goForward();
    await showsSymbol(page, symbols[2] as string);
  });

  it('picks the chart interval with the number keys', async () => {
    await open(page);
    for (const [key, interval] of [
      ['1', '1s'],
      ['6', '15m'],
      ['9', '1d'],
    ] as const) {
      await page.keyboard.press(key);
      await expect.poll(() => param(page, 'interval')).toBe(interval);
    }
    await page.goBack();
    await expect.poll(() => param(page, 'interval')).toBe('15m');
  });

  it('shows every shortcut on ?, and Esc closes it with focus back where it was', async () => {
    await open(page);
    await page.focus('[data-testid="shortcuts-toggle"]');
    await page.keyboard.press('?');
    const dialog = page.locator('[role="dialog"][aria-labelledby="shortcuts-help-title"]');
    await dialog.waitFor();
    expect(await dialog.locator('tr').count()).toBeGreaterThanOrEqual(13);
    await page.screenshot({ path: path.join(artifactsDir(), 'workspace-shortcuts.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('shortcuts-toggle');
  });

  it('closes the diagnostics panel on Esc and on a click outside it', async () => {
    await open(page);
    await page.click('[data-testid="diagnostics-toggle"]');
    await page.waitForSelector('[data-testid="diagnostics"]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="diagnostics"]', { state: 'detached' });
    await page.click('[data-testid="diagnostics-toggle"]');
    await page.waitForSelector('[data-testid="diagnostics"]');
    await page.mouse.click(640, 300);
    await page.waitForSelector('[data-testid="diagnostics"]', { state: 'detached' });
  });

  it('switches theme from the header and remembers it', async () => {
    await open(page);
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const before = await theme();
    expect(['dark', 'light']).toContain(before);
    await page.click('[data-testid="theme-toggle"]');
    const after = before === 'dark' ? 'light' : 'dark';
    expect(await theme()).toBe(after);
    // The background really changes with it.
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe(after === 'light' ? 'rgb(243, 245, 248)' : 'rgb(11, 14, 17)');
    await page.screenshot({ path: path.join(artifactsDir(), `workspace-${after}.png`) });

    await page.reload();
    // Set by theme-boot.js before the app's own code runs.
    expect(await theme()).toBe(after);
    await page.click('[data-testid="theme-toggle"]');
    expect(await theme()).toBe(before);
  });

  it('follows the system colour scheme until the reader picks, themed before the body is parsed', async () => {
    const fresh = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 720 } });
    const p = await fresh.newPage();
    // Notes whether <body> existed when data-theme first appeared: if not, nothing of the page was painted yet.
    await p.addInitScript(() => {
      const seen = window as unknown as { themedBeforeBody?: boolean };
      // Watches the document, not its <html>: this runs before the parser has made one.
      new MutationObserver((_, observer) => {
        seen.themedBeforeBody = document.body === null;
        observer.disconnect();
      }).observe(document, { subtree: true, attributeFilter: ['data-theme'] });
    });
    await p.goto(tickline.url);
    expect(await p.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await p.evaluate(() => (window as unknown as { themedBeforeBody?: boolean }).themedBeforeBody)).toBe(true);
    await fresh.close();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

/** How far the page scrolls sideways, on every tab of the phone layout. */
async function overflowPerTab(p: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const tabs = await p.$$eval('[data-testid="panel-tabs"] button', (els) => els.map((e) => e.getAttribute('data-tab')));
  for (const tab of tabs.length ? tabs : ['(none)']) {
    if (tab !== '(none)') await p.click(`[data-testid="panel-tabs"] button[data-tab="${tab}"]`);
    out[tab as string] = await p.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
  }
  return out;
}

describe('small screens', () => {
  // 390×844 is a current phone; 640×360 at deviceScaleFactor 2 is a 1280×720 window at 200 % zoom (WCAG 1.4.10):
  // the browser lays out at half the width in CSS pixels, as zooming does.
  it.each([
    ['a phone', { width: 390, height: 844 }, 3],
    ['a narrow phone', { width: 360, height: 740 }, 3],
    ['200 % zoom', { width: 640, height: 360 }, 2],
  ])('fits %s without sideways scrolling', async (_name, viewport, deviceScaleFactor) => {
    const small = await browser.newContext({ viewport, deviceScaleFactor, isMobile: deviceScaleFactor === 3 });
    const p = await small.newPage();
    await open(p);
    await p.waitForSelector('[data-testid="watchlist-row"]', { state: 'attached' });
    expect(await p.isVisible('[data-testid="panel-tabs"]')).toBe(true);
    const overflow = await overflowPerTab(p);
    expect(overflow).toEqual(Object.fromEntries(Object.keys(overflow).map((tab) => [tab, 0])));
    // One panel at a time: the book's tab shows the book and hides the chart.
    await p.click('[data-testid="panel-tabs"] button[data-tab="book"]');
    expect([await p.isVisible('[data-testid="order-book"]'), await p.isVisible('[data-testid="price-chart"]')]).toEqual(
      [true, false],
    );
    await p.screenshot({ path: path.join(artifactsDir(), `workspace-${viewport.width}x${viewport.height}.png`) });
    await small.close();
  });
});
