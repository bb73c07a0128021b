// A server crash seen from the browser: the page says it is reconnecting and marks every price stale, then, with
// the server back on the same port, goes live again without a reload and shows the restarted server's book.

import {
  type ClientToServerEvents,
  type MarketUpdate,
  type ServerToClientEvents,
  StreamDecoder,
  type SubscribeAck,
  type WireBatch,
} from '@tickline/shared';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { freePort, startTickline, type TicklineProcess } from './support/tickline-process.ts';

const SEED = ['--seed', '5'];
const MARKER = 'the page that was loaded before the crash';

let port: number;
let tickline: TicklineProcess | undefined;
let browser: Browser;
let page: Page;
let probe: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
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
  probe?.disconnect();
  await browser?.close();
  await tickline?.stop();
});

const status = (s: string) => `[data-testid="connection-status"][data-status="${s}"]`;

/** True when there are watchlist rows and every row and every last price carries data-stale="<stale>". */
const allStale = (p: Page, stale: boolean, timeout = 10_000) =>
  p.waitForFunction(
    (want) => {
      const rows = document.querySelectorAll('[data-testid="watchlist-row"]');
      const marked = [...rows, ...document.querySelectorAll('[data-testid="last-price"]')];
      return rows.length > 0 && marked.every((el) => el.getAttribute('data-stale') === want);
    },
    String(stale),
    { timeout },
  );

describe('a server crash', () => {
  it('shows reconnecting and stale prices, then is live again on the same page with the server book', async () => {
    await page.waitForSelector(status('live'), { timeout: 15_000 });
    await allStale(page, false);
    await page.evaluate((marker) => {
      Object.assign(window, { __ticklineMarker: marker }); // a reload would lose it
    }, MARKER);

    await tickline!.kill();
    await page.waitForSelector(status('reconnecting'), { timeout: 2_000 });
    await allStale(page, true, 2_000);

    tickline = await startTickline({ port, script: 'serve', args: SEED });
    await page.waitForSelector(status('live'), { timeout: 20_000 });
    await allStale(page, false);
    expect(await page.evaluate(() => (window as { __ticklineMarker?: string }).__ticklineMarker)).toBe(MARKER);

    // Our own client on the restarted server records the checksum at every seq of the page's selected symbol.
    const symbol = await page.getAttribute('[data-testid="order-book"]', 'data-symbol');
    expect(symbol).toBeTruthy();
    const recording = await recordChecksums(tickline.url, symbol!);
    const { checksums } = recording;

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
    expect(recording.gap).toBeUndefined();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

interface ChecksumRecording {
  /** seq -> book checksum, from the snapshot on; grows while the socket is open. */
  readonly checksums: Map<number, number>;
  /** Set if the stream skipped a seq (it cannot on a clean loopback connection); recording stops there. */
  gap?: string;
}

/** Subscribes our own client to one symbol and records the book checksum at its snapshot and every update after. */
async function recordChecksums(url: string, symbol: string): Promise<ChecksumRecording> {
  const recording: ChecksumRecording = { checksums: new Map() };
  probe = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  let last: { seq: number; checksum: number } | undefined;
  const decoder = new StreamDecoder();
  // Batches that arrive before the subscribe ack's continuation runs (one socket read can carry both) wait here.
  const early: WireBatch[] = [];
  const record = (u: MarketUpdate): void => {
    if (!last || recording.gap || u.symbol !== symbol || u.seq <= last.seq) return;
    if (u.seq !== last.seq + 1) {
      recording.gap = `${last.seq} -> ${u.seq}`;
      return;
    }
    last = { seq: u.seq, checksum: u.checksum ?? last.checksum }; // an update without book: same checksum
    recording.checksums.set(last.seq, last.checksum);
  };
  probe.on('md', (batch) => {
    if (last) decoder.decode(batch).forEach(record);
    else early.push(batch);
  });
  const ack: SubscribeAck = await probe.timeout(5_000).emitWithAck('subscribe', { symbols: [symbol] });
  if (!ack.ok) throw new Error(`subscribe refused: ${ack.error.message}`);
  const snapshot = ack.snapshots[0]!;
  decoder.learn(snapshot);
  last = { seq: snapshot.seq, checksum: snapshot.checksum };
  recording.checksums.set(snapshot.seq, snapshot.checksum);
  for (const batch of early) decoder.decode(batch).forEach(record);
  return recording;
}
