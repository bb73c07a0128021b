// A server crash seen from the browser: the page says it is reconnecting and marks every price stale, then, with
// the server back on the same port, goes live again without a reload and shows the restarted server's book.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChecksumRecorder, recordChecksums } from './support/checksum-recorder.ts';
import { launchChromium } from './support/chromium.ts';
import { allStale, connectionStatus } from './support/page-state.ts';
import { freePort, startTickline, type TicklineProcess } from './support/tickline-process.ts';

const SEED = ['--seed', '5'];
const MARKER = 'the page that was loaded before the crash';

let port: number;
let tickline: TicklineProcess | undefined;
let browser: Browser;
let page: Page;
let probe: ChecksumRecorder | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  port = await freePort();
  tickline = await startTickline({ port, args: SEED }); // `npm start`: builds the client once for both runs
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(tickline.url);
});

afterAll(async () => {
  probe?.close();
  await browser?.close();
  await tickline?.stop();
});

describe('a server crash', () => {
  it('shows reconnecting and stale prices, then is live again on the same page with the server book', async () => {
    await page.waitForSelector(connectionStatus('live'), { timeout: 15_000 });
    await allStale(page, false);
    await page.evaluate((marker) => {
      Object.assign(window, { __ticklineMarker: marker }); // a reload would lose it
    }, MARKER);

    await tickline!.kill();
    await page.waitForSelector(connectionStatus('reconnecting'), { timeout: 2_000 });
    await allStale(page, true, 2_000);

    tickline = await startTickline({ port, script: 'serve', args: SEED });
    await page.waitForSelector(connectionStatus('live'), { timeout: 20_000 });
    await allStale(page, false);
    expect(await page.evaluate(() => (window as { __ticklineMarker?: string }).__ticklineMarker)).toBe(MARKER);

    // Our own client on the restarted server records the checksum at every seq of the page's selected symbol.
    const symbol = await page.getAttribute('[data-testid="order-book"]', 'data-symbol');
    expect(symbol).toBeTruthy();
    probe = await recordChecksums(tickline.url, symbol!);
    const { checksums } = probe;

    // The page's seq and checksum are read in one go, so they belong to one render; poll until it shows a seq
    // that we recorded (it may be a little behind or ahead of our own client), then compare that one reading.
    const read = () =>
      page.$eval('[data-testid="order-book"]', (el) => ({
        symbol: el.getAttribute('data-symbol'),
        seq: Number(el.getAttribute('data-seq') ?? Number.NaN),
        checksum: Number(el.getAttribute('data-checksum') ?? Number.NaN),
      }));
    let shown = await read();
    await expect.poll(async () => checksums.has((shown = await read()).seq), { timeout: 10_000 }).toBe(true);
    expect(shown.symbol).toBe(symbol);
    expect(shown.checksum).toBe(checksums.get(shown.seq));
    expect(probe.gap).toBeUndefined();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
