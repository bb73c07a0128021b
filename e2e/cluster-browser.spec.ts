// The cluster seen from a real browser behind nginx (the README's block): the page's edge is killed with -9 and the
// same page, without a reload, reconnects through nginx to the other edge and shows the feed node's book there;
// then the feed node dies (every price turns stale) and comes back in a new epoch (live again).

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuild } from './bench/browser/client-build.ts';
import { type ChecksumRecorder, recordChecksums } from './support/checksum-recorder.ts';
import { launchChromium } from './support/chromium.ts';
import { allStale, connectionStatus } from './support/page-state.ts';
import { type Cluster, getJson, startCluster } from './support/cluster.ts';

const STALE_MS = 2000;
const MARKER = 'the page loaded before the edge died';

let cluster: Cluster;
let browser: Browser;
let page: Page;
let probe: ChecksumRecorder | undefined;
/** The edge the page is on after the first test. */
let survivorUrl: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureClientBuild();
  cluster = await startCluster({ edges: 2, staleMs: STALE_MS, feedArgs: ['--seed', '8'] });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(cluster.lb.url);
}, 180_000);

afterAll(async () => {
  probe?.close();
  await browser?.close();
  await cluster?.stop();
});

const clientsOn = async (url: string) => (await getJson<{ clients: number }>(`${url}/api/health`)).clients;

/** The page's shown (seq, checksum) of its book must be one the given edge's stream had at that seq. */
async function expectPageShowsTheBookOf(url: string): Promise<void> {
  const symbol = await page.getAttribute('[data-testid="order-book"]', 'data-symbol');
  probe?.close();
  probe = await recordChecksums(url, symbol!);
  const read = () =>
    page.$eval('[data-testid="order-book"]', (el) => ({
      seq: Number(el.getAttribute('data-seq') ?? Number.NaN),
      checksum: Number(el.getAttribute('data-checksum') ?? Number.NaN),
    }));
  let shown = await read();
  await expect.poll(async () => probe!.checksums.has((shown = await read()).seq), { timeout: 10_000 }).toBe(true);
  expect(shown.checksum).toBe(probe.checksums.get(shown.seq));
  expect(probe.gap).toBeUndefined();
}

describe('a browser on a cluster', () => {
  it('moves to the other edge when its own is killed, on the same page, with the feed node’s book', async () => {
    await page.waitForSelector(connectionStatus('live'), { timeout: 20_000 });
    await allStale(page, false, 10_000);
    await page.evaluate((marker) => Object.assign(window, { __ticklineMarker: marker }), MARKER);
    const counts = await Promise.all(cluster.edges.map((e) => clientsOn(e.url)));
    const mine = counts.findIndex((n) => n === 1);
    expect(counts.sort()).toEqual([0, 1]);
    const survivor = cluster.edges[1 - mine]!;
    survivorUrl = survivor.url;

    await cluster.edges[mine]!.kill();
    await page.waitForSelector(connectionStatus('reconnecting'), { timeout: 5_000 });
    await page.waitForSelector(connectionStatus('live'), { timeout: 20_000 });
    await allStale(page, false, 10_000);
    expect(await page.evaluate(() => (window as { __ticklineMarker?: string }).__ticklineMarker)).toBe(MARKER);
    expect(await clientsOn(survivor.url)).toBe(1);
    await expectPageShowsTheBookOf(survivor.url);
    const mismatches = await page.$$eval('[data-testid="diag-mismatches"]', (cells) =>
      cells.map((c) => Number(c.textContent)),
    );
    expect(mismatches.every((n) => n === 0)).toBe(true);
  });

  it('marks every price stale when the feed node dies, and is live in its next epoch', async () => {
    await cluster.feed.kill();
    await allStale(page, true, STALE_MS + 3000);
    await cluster.startFeed();
    await allStale(page, false, 20_000);
    await page.waitForSelector(connectionStatus('live'), { timeout: 5_000 });
    await expectPageShowsTheBookOf(survivorUrl);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
