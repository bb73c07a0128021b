// Price alerts in a real browser against the real server: an alert set one tick either side of the live price fires
// exactly once, as a desktop notification, a toast and a flag in the tab title.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { startTickline, type TicklineProcess } from './support/tickline-process.ts';

interface Spec {
  symbol: string;
  tickSize: string;
  pricePrecision: number;
}

let tickline: TicklineProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let spec: Spec;
const pageErrors: string[] = [];

// Every `new Notification(...)` the page makes, recorded (and still made): the test reads them from the page.
const RECORD_NOTIFICATIONS = () => {
  const made: { title: string; body: string | undefined }[] = [];
  Object.defineProperty(window, '__notifications', { value: made });
  const Real = window.Notification;
  window.Notification = new Proxy(Real, {
    construct(target, args: [string, NotificationOptions?]) {
      made.push({ title: args[0], body: args[1]?.body });
      return Reflect.construct(target, args) as object;
    },
    get: (target, key) => Reflect.get(target, key) as unknown,
  });
};

const ADMIN_TOKEN = 'alerts-spec';

/**
 * Moves the symbol's price at once by `fraction` (the presenter's news scenario): a random walk can take minutes to
 * come back across a level it has left, a jump takes the simulator's traders a second or two to print at.
 */
async function newsJump(fraction: number): Promise<void> {
  const res = await fetch(`${tickline.url}/api/admin/scenario`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ symbol: spec.symbol, kind: 'news', size: fraction }),
  });
  expect(res.status).toBe(200);
}

const notifications = (p: Page) =>
  p.evaluate(() => (window as unknown as { __notifications: { title: string; body?: string }[] }).__notifications);

beforeAll(async () => {
  tickline = await startTickline({ args: ['--seed', '7'], env: { TICKLINE_ADMIN_TOKEN: ADMIN_TOKEN } });
  const specs = (await (await fetch(`${tickline.url}/api/symbols`)).json()) as Spec[];
  spec = specs[0] as Spec;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 720 }, permissions: ['notifications'] });
  await context.addInitScript(RECORD_NOTIFICATIONS);
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  await page.goto(tickline.url);
  await page.waitForSelector('[data-testid="connection-status"][data-status="live"]', { timeout: 15_000 });
});

afterAll(async () => {
  await browser?.close();
  await tickline?.stop();
});

/** The watchlist's last price of the symbol, in ticks (the text may carry thousands separators). */
async function lastTicks(): Promise<number | null> {
  const text = await page.textContent(
    `[data-testid="watchlist-row"][data-symbol="${spec.symbol}"] [data-testid="last-price"]`,
  );
  const value = Number((text ?? '').replace(/[^\d.]/g, ''));
  return text && /\d/.test(text) ? Math.round(value / Number(spec.tickSize)) : null;
}

const decimal = (ticks: number) => (ticks * Number(spec.tickSize)).toFixed(spec.pricePrecision);

async function createAlert(kind: 'above' | 'below', ticks: number): Promise<void> {
  const dialog = page.locator('[data-testid="alerts-dialog"]');
  await dialog.getByTestId('alert-symbol').selectOption(spec.symbol);
  await dialog.getByTestId('alert-kind').selectOption(kind);
  await dialog.getByTestId('alert-price').fill(decimal(ticks));
  await dialog.getByTestId('alert-submit').click();
}

/** Waits until the watchlist has shown a price on `side` of `level` (inclusive). */
async function waitForPrice(side: 'at or above' | 'at or below', level: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const last = await lastTicks();
        return last !== null && (side === 'at or above' ? last >= level : last <= level);
      },
      { timeout: 60_000, interval: 20 },
    )
    .toBe(true);
}

describe('price alerts', () => {
  it('an alert one tick either side of the live price fires once each: notification, toast and tab title', async () => {
    await expect.poll(lastTicks, { timeout: 15_000 }).not.toBeNull();
    expect(await page.evaluate(() => Notification.permission)).toBe('granted');

    await page.getByTestId('alerts-button').click();
    const live = (await lastTicks()) as number;
    const above = live + 1;
    const below = live - 1;
    await createAlert('above', above);
    await createAlert('below', below);
    // Both are in the list. Whether both are still active when looked at is a race: a tick away from the live price,
    // either may fire at once (the adaptive flush brings each price change within a few ms).
    await expect.poll(() => page.locator('[data-testid="alert-item"]').count()).toBe(2);

    // Both fire as the price crosses them. Down, up, down: an alert made while the price had already wandered a
    // tick past its level has to see it come back before it can cross, and this order crosses each either way.
    await newsJump(-0.002);
    await waitForPrice('at or below', below);
    await newsJump(0.004);
    await waitForPrice('at or above', above);
    await newsJump(-0.004);
    await waitForPrice('at or below', below);
    await expect.poll(async () => (await notifications(page)).length, { timeout: 60_000 }).toBe(2);
    const made = await notifications(page);
    expect(made.map((n) => n.title).sort()).toEqual(
      [expect.stringMatching(`^🔔 ${spec.symbol} ↑ `), expect.stringMatching(`^🔔 ${spec.symbol} ↓ `)].sort(),
    );
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="alert-toast"]').length === 2);
    // The page's own title follows the live price (`64,250.50 BTC-USD · Tickline`), so only its shape is fixed.
    expect(await page.title()).toMatch(
      new RegExp(`^🔔 ${spec.symbol} [↑↓] [\\d,.]+ · [\\d,.]+ ${spec.symbol} · Tickline$`),
    );
    await expect.poll(() => page.getByTestId('alerts-count').textContent()).toBe('0 active');
    expect(await page.locator('[data-testid="alert-item"][data-state="triggered"]').count()).toBe(2);

    // The price crosses both levels again, well past them: neither alert fires again.
    await newsJump(0.004);
    await waitForPrice('at or above', above);
    await newsJump(-0.004);
    await waitForPrice('at or below', below);
    expect(await notifications(page)).toHaveLength(2);
    expect(await page.locator('[data-testid="alert-toast"]').count()).toBe(2);

    // Esc closes the dialog first, then the toasts; with them read, the title is the page's own again.
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="alerts-dialog"]', { state: 'detached' });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="alert-toast"]').length === 0);
    expect(await page.title()).toMatch(new RegExp(`^[\\d,.]+ ${spec.symbol} · Tickline$`));
    expect(pageErrors).toEqual([]);
  });

  it('the alerts survive a reload, still marked as fired', async () => {
    await page.reload();
    await page.getByTestId('alerts-button').click();
    expect(await page.locator('[data-testid="alert-item"][data-state="triggered"]').count()).toBe(2);
    expect(await page.getByTestId('alerts-count').textContent()).toBe('0 active');
  });
});
