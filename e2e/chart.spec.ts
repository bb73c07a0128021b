// The price chart in a real browser against the real server: its controls, zoom, pan, crosshair and alert gesture.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { startTickline, type TicklineProcess } from './support/tickline-process.ts';

let tickline: TicklineProcess;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const CHART = '[data-testid="price-chart"]';
const PLOT = '[data-testid="chart-plot"]';

beforeAll(async () => {
  // One-second candles over the simulator's ten minutes of history: far more candles than one screen holds.
  tickline = await startTickline({ args: ['--seed', '1', '--candle-ms', '1000'] });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  await page.goto(tickline.url);
  await page.waitForSelector('[data-testid="connection-status"][data-status="live"]', { timeout: 15_000 });
  await page.waitForSelector(`${CHART} .candles--live path.candle`, { timeout: 15_000 });
});

afterAll(async () => {
  await browser?.close();
  await tickline?.stop();
});

/** Slots the plot is divided into (closed candles on screen, plus the live one when it is). */
const candlesDrawn = () => page.$eval(`${CHART} .candle-chart`, (el) => Number(el.getAttribute('data-candles')));
/** Closed candles the chart holds for its symbol and interval, and the oldest one's time. */
const loaded = () => page.$eval(CHART, (el) => Number(el.getAttribute('data-loaded')));
const oldest = () => page.$eval(CHART, (el) => Number(el.getAttribute('data-oldest')));
const liveDrawn = () => page.$$eval(`${CHART} .candles--live path.candle`, (p) => p.length > 0);
const pressedInterval = () =>
  page.$$eval('[data-testid="chart-interval"][aria-pressed="true"]', (els) => els.map((e) => e.textContent));

/** The plot's centre, in page coordinates. */
async function plotCentre(): Promise<{ x: number; y: number }> {
  const box = await (await page.$(PLOT))!.boundingBox();
  if (!box) throw new Error('the plot has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 3 };
}

describe('the price chart', () => {
  it('switches interval from its buttons: the pressed button moves and the plot redraws for it', async () => {
    expect(await pressedInterval()).toEqual(['1m']);
    await page.click('[data-testid="chart-interval"][data-interval="1s"]');
    await page.waitForSelector(`${CHART}[data-interval="1s"]`);
    expect(await pressedInterval()).toEqual(['1s']);
    // Second candles label their time axis to the second.
    await expect
      .poll(() => page.$$eval(`${CHART} .recharts-xAxis-tick-labels text`, (t) => t.map((e) => e.textContent)))
      .toEqual(expect.arrayContaining([expect.stringMatching(/^\d\d:\d\d:\d\d$/)]));
    expect(await liveDrawn()).toBe(true);
  });

  it('zooms with the wheel: in draws fewer candles, out draws more', async () => {
    const centre = await plotCentre();
    await page.mouse.move(centre.x, centre.y);
    const before = await candlesDrawn();
    await page.mouse.wheel(0, -400);
    await expect.poll(candlesDrawn).toBeLessThan(before);
    const zoomedIn = await candlesDrawn();
    await page.mouse.wheel(0, 800);
    await expect.poll(candlesDrawn).toBeGreaterThan(zoomedIn);
    // The page itself did not scroll.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  it('pans when dragged, leaving the live candle; "Go to live" brings it back', async () => {
    const centre = await plotCentre();
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    await page.mouse.move(centre.x + 300, centre.y, { steps: 10 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid="chart-go-live"]');
    expect(await liveDrawn()).toBe(false);

    await page.click('[data-testid="chart-go-live"]');
    await page.waitForSelector('[data-testid="chart-go-live"]', { state: 'detached' });
    await expect.poll(liveDrawn).toBe(true);
  });

  it('follows the pointer with a crosshair labelled with its price and time', async () => {
    const centre = await plotCentre();
    await page.mouse.move(centre.x - 40, centre.y + 10);
    const price = await page.waitForSelector('[data-testid="crosshair-price"]');
    const time = await page.waitForSelector('[data-testid="crosshair-time"]');
    expect(await price.textContent()).toMatch(/\d/);
    expect(await time.textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    await page.mouse.move(5, 5);
    await page.waitForSelector('[data-testid="crosshair-price"]', { state: 'detached' });
  });

  it('shows no focus ring after a click, and the accent ring on keyboard focus', async () => {
    const centre = await plotCentre();
    await page.mouse.click(centre.x, centre.y);
    const outline = () =>
      page.$eval(PLOT, (el) => {
        const style = getComputedStyle(el);
        return { focused: document.activeElement === el, style: style.outlineStyle, colour: style.outlineColor };
      });
    expect(await outline()).toMatchObject({ focused: true, style: 'none' });
    // Nor anything inside it: Chromium rings the SVG group a click or drag lands in unless told not to.
    await page.mouse.down();
    await page.mouse.move(centre.x + 60, centre.y, { steps: 3 });
    await page.mouse.up();
    // Queried and checked in one script: `$$eval` finds the elements first and runs the check after, and an update
    // rendered in between detaches some, whose computed outline style is then '' (not 'none').
    const ringed = await page.evaluate(
      (plot) =>
        [...document.querySelectorAll(`${plot} *`)]
          .filter((e) => getComputedStyle(e).outlineStyle !== 'none')
          .map((e) => e.getAttribute('class')),
      PLOT,
    );
    expect(ringed).toEqual([]);

    // Keyboard focus: leave the plot and come back to it with Tab.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const accent = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
    );
    const ring = await outline();
    expect(ring.focused).toBe(true);
    expect(ring.style).toBe('solid');
    expect(ring.colour).toBe(
      await page.evaluate((hex) => {
        const probe = document.createElement('div');
        probe.style.color = hex;
        document.body.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
      }, accent),
    );
  });

  it('pans with the arrow keys while focused', async () => {
    await page.focus(PLOT);
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('[data-testid="chart-go-live"]');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid="chart-go-live"]', { state: 'detached' });
  });

  it('takes a right-click on the plot as a price for an alert, not as the browser menu', async () => {
    const centre = await plotCentre();
    const prevented = await page.$eval(
      PLOT,
      (el, at) => {
        const event = new MouseEvent('contextmenu', {
          bubbles: true,
          cancelable: true,
          clientX: at.x,
          clientY: at.y,
          button: 2,
        });
        el.dispatchEvent(event);
        return event.defaultPrevented;
      },
      centre,
    );
    expect(prevented).toBe(true);
  });

  it('zooms with a two-finger pinch: spreading the fingers draws fewer candles', async () => {
    const touch = await browser.newPage({ viewport: { width: 1280, height: 720 }, hasTouch: true });
    try {
      await touch.goto(tickline.url);
      await touch.waitForSelector(`${CHART} .candles--live path.candle`, { timeout: 15_000 });
      const box = await (await touch.$(PLOT))!.boundingBox();
      if (!box) throw new Error('the plot has no box');
      const count = () => touch.$eval(`${CHART} .candle-chart`, (el) => Number(el.getAttribute('data-candles')));
      const before = await count();
      const cdp = await touch.context().newCDPSession(touch);
      const y = box.y + box.height / 3;
      const x = box.x + box.width / 2;
      const fingers = (apart: number) => [
        { x: x - apart, y, id: 0 },
        { x: x + apart, y, id: 1 },
      ];
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(40) });
      for (const apart of [60, 90, 120, 160]) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(apart) });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await expect.poll(count).toBeLessThan(before);
    } finally {
      await touch.close();
    }
  });

  it('switching interval loads its history: hour candles from before the page opened', async () => {
    const opened = Date.now();
    // The right-click above opened the alert form: close it.
    await page.keyboard.press('Escape');
    await page.waitForSelector('[role="dialog"]', { state: 'detached' });
    await page.click('[data-testid="chart-interval"][data-interval="1h"]');
    await page.waitForSelector(`${CHART}[data-interval="1h"]`);
    // The simulator's warm-up holds two days of minutes: about 48 hours, all older than this page.
    await expect.poll(loaded, { timeout: 10_000 }).toBeGreaterThan(40);
    expect(await oldest()).toBeLessThan(opened - 24 * 3_600_000);
  });

  it('loads older candles when panned past the oldest loaded one', async () => {
    await page.click('[data-testid="chart-interval"][data-interval="1s"]');
    await page.waitForSelector(`${CHART}[data-interval="1s"][data-history="more"]`);
    const first = await loaded();
    const firstOldest = await oldest();
    await page.focus(PLOT);
    // Arrow keys pan a tenth of the screen; reaching the oldest candle asks for the page before it.
    for (let i = 0; i < 80 && (await oldest()) >= firstOldest; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(oldest, { timeout: 10_000 }).toBeLessThan(firstOldest);
    // A page of 500 more (new candles closing meanwhile add a few of their own).
    expect(await loaded()).toBeGreaterThanOrEqual(first + 500);
    await page.keyboard.press('End');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
