// The standalone client of docs/PROTOCOL.md is real: the doc shows the file verbatim, its checksum port agrees with
// the shared reference, and it ends with exactly the server's books after thousands of updates from a real server
// and across a restart of that server into a new epoch. (standalone-client-scripted.spec.ts: a scripted server.)

import { readFileSync } from 'node:fs';
import type { Application } from '@tickline/server';
import { bookChecksum, type Lots, makeInstrument, type ResyncReason, type Ticks } from '@tickline/shared';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { type FastMarketServer, startFastMarketServer } from './support/fast-market-server.ts';
import {
  connect,
  EXAMPLE,
  PROTOCOL,
  type Levels,
  type ExampleTrade,
  type ExampleClient,
  example,
  until,
  branded,
  spec,
  onCleanup,
  runCleanups,
} from './support/standalone-example.ts';

afterEach(runCleanups);

describe('the standalone client example', () => {
  it('is shown in docs/PROTOCOL.md exactly as it is in the repository', () => {
    const doc = readFileSync(PROTOCOL, 'utf8');
    const section = doc.slice(doc.indexOf('\n## A complete client'));
    const block = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(EXAMPLE, 'utf8'));
  });

  it('computes the checksum of the documented vectors', () => {
    const btc = example.instrument(spec({ symbol: 'BTC-USD' }));
    const book: { bids: Levels; asks: Levels } = {
      asks: [
        [6425100, 2500],
        [6425300, 10000],
      ],
      bids: [
        [6425000, 1],
        [6424900, 123456],
      ],
    };
    expect(btc.checksum(book)).toBe(2210946412);
    const eurusd = example.instrument(
      spec({ symbol: 'EUR/USD', tickSize: '0.00001', pricePrecision: 5, lotSize: '1000', sizePrecision: 0 }),
    );
    expect(eurusd.checksum({ asks: [[108003, 5]], bids: [[108001, 12]] })).toBe(4231000117);
    expect(example.instrument(spec({ symbol: 'P', tickSize: '0.05' })).price(1234567)).toBe('61728.35');
  });

  it('agrees with bookChecksum and the exact formatting of @tickline/shared on random books and specs', () => {
    // Tick and lot sizes as venues write them, at their own precision or more ("0.05" shown at 2 or 4 decimals).
    const steps = fc.constantFrom<[string, number]>(
      ['0.01', 2],
      ['0.05', 2],
      ['0.25', 2],
      ['0.00001', 5],
      ['0.001', 3],
      ['1', 0],
      ['5', 0],
      ['0.0001', 4],
      ['0.5', 1],
      ['1000', 0],
      ['100', 0],
    );
    const extra = fc.integer({ min: 0, max: 2 });
    const specs = fc
      .record({ tick: steps, lot: steps, morePrice: extra, moreSize: extra })
      .map(({ tick: [tickSize, pp], lot: [lotSize, sp], morePrice, moreSize }) =>
        spec({ symbol: 'R', tickSize, pricePrecision: pp + morePrice, lotSize, sizePrecision: sp + moreSize }),
      );
    const level = fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 5_000_000 }));
    const side = (descending: boolean) =>
      fc
        .uniqueArray(level, { selector: (l) => l[0], maxLength: 25 })
        .map((levels) => levels.sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0])));
    fc.assert(
      fc.property(specs, side(true), side(false), (s, bids, asks) => {
        const reference = makeInstrument(s);
        const port = example.instrument(s);
        expect(port.checksum({ bids, asks })).toBe(bookChecksum(branded({ bids, asks }), reference));
        for (const [price, size] of [...bids, ...asks]) {
          expect(port.price(price)).toBe(reference.formatPrice(price as Ticks));
          expect(port.size(size)).toBe(reference.formatSize(size as Lots));
        }
      }),
      { numRuns: 500 },
    );
  });
});

// --- Against a real single-process server (sim feed, 10 ms flushes) -------------------------------------------------

const SYMBOLS = ['BTC-USD', 'ETH-USD', 'AAPL', 'EUR/USD', 'USD/JPY'];

type RunningServer = FastMarketServer;

const startServer = (seed: number, port = 0): Promise<RunningServer> =>
  startFastMarketServer({ seed, symbols: SYMBOLS, port });

/** Every symbol where the example's book is not the server's published one, with what differs. */
function differences(client: ExampleClient, app: Application): string[] {
  const found: string[] = [];
  if (client.feed.epoch !== app.hub.epoch) found.push(`epoch ${client.feed.epoch} vs ${app.hub.epoch}`);
  for (const symbol of SYMBOLS) {
    const server = app.hub.snapshot(symbol, Date.now())!;
    const book = client.books.get(symbol);
    if (!book) {
      found.push(`${symbol}: not synced`);
      continue;
    }
    const levels = example.levels(book);
    const checksum = example.instrument(app.hub.specs().find((s) => s.symbol === symbol)!).checksum(levels);
    const what: string[] = [];
    if (book.seq !== server.seq) what.push(`seq ${book.seq} vs ${server.seq}`);
    if (JSON.stringify(levels) !== JSON.stringify(server.book)) what.push('book differs');
    if (checksum !== server.checksum) what.push(`checksum ${checksum} vs ${server.checksum}`);
    if (book.status !== server.status) what.push(`status ${book.status} vs ${server.status}`);
    if (what.length > 0) found.push(`${symbol}: ${what.join(', ')}`);
  }
  return found;
}

/** Resolves once the example holds exactly the server's published state. */
async function equalTo(client: ExampleClient, app: Application): Promise<void> {
  await until(
    () => differences(client, app).length === 0,
    10_000,
    () => differences(client, app).join('; '),
  );
}

/** Stops the market and lets the last flush reach the client: then its books must be the server's, exactly. */
async function settle(client: ExampleClient, server: RunningServer): Promise<void> {
  await server.feed.stop();
  server.app.flushLoop.flushNow();
  await equalTo(client, server.app);
}

async function resyncCounts(url: string): Promise<Record<ResyncReason, number>> {
  const stats = (await (await fetch(`${url}/api/stats`)).json()) as {
    totals: { resyncs: Record<ResyncReason, number> };
  };
  return stats.totals.resyncs;
}

describe('the example against a real server', () => {
  it('holds exactly the server books after thousands of updates, every checksum matching', async () => {
    const server = await startServer(11);
    onCleanup(() => server.app.close());
    const trades: ExampleTrade[] = [];
    const client = await connect(server.url, { onTrade: (t) => trades.push(t) });

    await until(
      () => client.stats.updates >= 2_500,
      30_000,
      () => `2,500 updates (have ${client.stats.updates})`,
    );
    await settle(client, server);

    expect(client.stats.mismatches).toBe(0);
    expect(client.stats.gaps).toBe(0);
    expect(client.stats.snapshots).toBe(SYMBOLS.length);
    expect(trades.length).toBeGreaterThan(0);
    expect(trades[0]!.price).toMatch(/^\d+\.\d+$/);
    const none = { gap: 0, checksum: 0, reconnect: 0, timeout: 0, manual: 0, epoch: 0 };
    expect(await resyncCounts(server.url)).toEqual(none);
  });

  it('follows a restarted server into its new epoch, where sequence numbers start again from 0', async () => {
    const first = await startServer(21);
    let firstOpen = true;
    onCleanup(() => (firstOpen ? first.app.close() : undefined));
    const lines: string[] = [];
    const client = await connect(first.url, { log: (line) => lines.push(line) });
    // Long enough that the old epoch's numbers are well above what the new one reaches.
    await until(
      () => client.stats.updates >= 1_500,
      30_000,
      () => `1,500 updates (have ${client.stats.updates})`,
    );
    const before = new Map(SYMBOLS.map((s) => [s, client.books.get(s)?.seq ?? -1]));
    const oldEpoch = first.app.hub.epoch;
    firstOpen = false;
    await first.app.close();

    const second = await startServer(22, first.port);
    onCleanup(() => second.app.close());
    expect(second.app.hub.epoch).not.toBe(oldEpoch);
    await equalTo(client, second.app);
    const afterRestart = client.stats.updates;
    await until(
      () => client.stats.updates >= afterRestart + 300,
      10_000,
      () => '300 updates in the new epoch',
    );
    await settle(client, second);

    // The new epoch's numbers are below the old ones: a client comparing them would have dropped every update.
    for (const symbol of SYMBOLS) expect(client.books.get(symbol)!.seq).toBeLessThan(before.get(symbol)!);
    expect(client.stats.mismatches).toBe(0);
    expect(lines).toContain(`feed live, epoch ${second.app.hub.epoch}`);
    // One resync per symbol on reconnecting; the epoch it met there needed no second request.
    expect(await resyncCounts(second.url)).toMatchObject({ reconnect: SYMBOLS.length, epoch: 0, gap: 0, checksum: 0 });
  });
});
