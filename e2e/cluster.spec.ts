// The cluster under failure, with real processes: a redis-server, a feed node, two edges behind the README's nginx
// block, and headless clients running the dashboard's own market code through nginx (WebSocket only, no sticky
// sessions). Each step kills or corrupts something and checks what a trader would see: stale marks at most, never a
// wrong number, and every client live again with exactly the feed node's state.

import type { MarketStore } from '@tickline/client/market';
import { bookChecksum, CHECKSUM_LEVELS, makeInstrument, type SymbolSnapshot, type SymbolSpec } from '@tickline/shared';
import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, connectHeadless, getJson, type HeadlessClient, startCluster, until } from './support/cluster.ts';

const STALE_MS = 1500;
const CLIENTS = 6;
const UPDATES_PER_CLIENT = 10_000;
const KEYS = { stream: 'tickline:{main}:md', snapshots: 'tickline:{main}:snapshots', meta: 'tickline:{main}:meta' };

let cluster: Cluster;
let specs: SymbolSpec[];
let symbols: string[];
let redis: Redis;
const clients: HeadlessClient[] = [];

beforeAll(async () => {
  // A busy market: a flush every 20 ms, nearly every symbol changing in each.
  cluster = await startCluster({
    edges: 2,
    staleMs: STALE_MS,
    feedArgs: ['--seed', '3', '--flush-ms', '20', '--rate', '20', '--history-ms', '5000'],
  });
  specs = await getJson<SymbolSpec[]>(`${cluster.edges[0]!.url}/api/symbols`);
  symbols = specs.map((s) => s.symbol);
  redis = new Redis(cluster.redis.url, { maxRetriesPerRequest: null });
  redis.on('error', () => {});
  for (let i = 0; i < CLIENTS; i++) clients.push(connectHeadless(cluster.lb.url, specs));
}, 120_000);

afterAll(async () => {
  if (process.env.CLUSTER_LOGS)
    console.log(`feed:\n${cluster?.feed.output()}\nedges:\n${cluster?.edges.map((e) => e.output()).join('\n---\n')}`);
  for (const c of clients) c.connection.close();
  redis?.disconnect();
  await cluster?.stop();
});

// --- what the clients hold ---------------------------------------------------------------------------------------

const diag = (c: HeadlessClient) => c.store.diagnostics();
const applied = (c: HeadlessClient) => diag(c).symbols.reduce((n, s) => n + s.updates, 0);
const total = (c: HeadlessClient, pick: (s: ReturnType<MarketStore['symbolDiagnostics']>) => number) =>
  diag(c).symbols.reduce((n, s) => n + pick(s), 0);
const allLive = () => clients.every((c) => c.store.getStatus() === 'live' && symbols.every((s) => c.store.isLive(s)));
const liveness = () =>
  clients
    .map((c, i) => `client ${i}: ${c.store.getStatus()} ${symbols.filter((s) => !c.store.isLive(s)).join(',')}`)
    .join('; ');

interface EdgeStats {
  epoch: number;
  feed: string;
  symbols: Record<string, { sid: number; seq: number; checksum: number; status: string }>;
}
interface EdgeHealth {
  clients: number;
  bus: { badEntries: number; badUpdates: number; unknownSids: number; mismatches: number; gaps: number };
}

/** The feed node's own final state: the snapshots it stores as it shuts down (SIGTERM). */
async function finalSnapshots(): Promise<Map<string, SymbolSnapshot>> {
  const stored = await redis.hgetall(KEYS.snapshots);
  return new Map(symbols.map((s) => [s, JSON.parse(stored[s]!.slice(stored[s]!.indexOf(' ') + 1)) as SymbolSnapshot]));
}

/** Every way in which a client's replica differs from the feed node's snapshot of a symbol. */
function differences(store: MarketStore, truth: Map<string, SymbolSnapshot>): string[] {
  const found: string[] = [];
  for (const spec of specs) {
    const want = truth.get(spec.symbol)!;
    const r = store.replica(spec.symbol);
    const what: string[] = [];
    if (!r.synced) what.push('not synced');
    if (r.epoch !== want.epoch || r.seq !== want.seq)
      what.push(`at ${r.epoch}/${r.seq}, feed at ${want.epoch}/${want.seq}`);
    if (JSON.stringify(r.book.top(want.depth)) !== JSON.stringify(want.book)) what.push('book');
    if (bookChecksum(r.book.top(CHECKSUM_LEVELS), makeInstrument(spec)) !== want.checksum) what.push('checksum');
    if (JSON.stringify(r.trades.toArray()) !== JSON.stringify(want.trades)) what.push('trades');
    if (JSON.stringify(r.candles.toArray()) !== JSON.stringify(want.candles)) what.push('candles');
    if (JSON.stringify(r.ticker) !== JSON.stringify(want.ticker)) what.push('ticker');
    if (what.length > 0) found.push(`${spec.symbol}: ${what.join(', ')}`);
  }
  return found;
}

/** What an edge answers a fresh subscriber: its replicas' snapshots. */
async function edgeSnapshots(url: string): Promise<SymbolSnapshot[]> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  try {
    return await new Promise((resolve, reject) => {
      socket
        .timeout(5000)
        .emit('subscribe', { symbols }, (err: Error | null, ack: { ok: boolean; snapshots: SymbolSnapshot[] }) => {
          if (err || !ack.ok) reject(err ?? new Error(JSON.stringify(ack)));
          else resolve(ack.snapshots);
        });
    });
  } finally {
    socket.disconnect();
  }
}

/** Stops the feed node gracefully and checks that every client and both edges hold exactly its final state. */
async function expectEveryoneEqualToTheFeed(): Promise<void> {
  await cluster.feed.stop();
  const truth = await finalSnapshots();
  await until(
    () => clients.every((c) => differences(c.store, truth).length === 0),
    10_000,
    () => clients.map((c, i) => `client ${i}: ${differences(c.store, truth).join('; ')}`).join(' | '),
  );
  for (const edge of cluster.edges) {
    const stats = await getJson<EdgeStats>(`${edge.url}/api/stats`);
    for (const symbol of symbols) {
      const want = truth.get(symbol)!;
      expect(stats.symbols[symbol], `${edge.url} ${symbol}`).toMatchObject({
        sid: want.sid,
        seq: want.seq,
        checksum: want.checksum,
      });
    }
    for (const snap of await edgeSnapshots(edge.url)) {
      expect({ ...snap, time: 0 }).toEqual({ ...truth.get(snap.symbol)!, time: 0 });
    }
  }
}

describe('a cluster of one feed node and two edges behind nginx', () => {
  it('puts clients on both edges, and after 10,000 updates each every client holds exactly the feed node state', async () => {
    await until(allLive, 20_000, liveness);
    const perEdge = await Promise.all(
      cluster.edges.map(async (e) => (await getJson<EdgeHealth>(`${e.url}/api/health`)).clients),
    );
    expect(perEdge.every((n) => n >= 1)).toBe(true);
    await until(
      () => clients.every((c) => applied(c) >= UPDATES_PER_CLIENT),
      60_000,
      () => `${UPDATES_PER_CLIENT} updates per client (have ${clients.map(applied).join(', ')})`,
    );
    await expectEveryoneEqualToTheFeed();
    for (const c of clients) {
      expect(total(c, (s) => s.mismatches)).toBe(0);
      expect(total(c, (s) => s.gaps)).toBe(0);
    }
  });

  it('marks every symbol stale on every edge within --stale-ms of the feed node going away', async () => {
    // The feed node stopped at the end of the previous step.
    const stoppedAt = Date.now();
    await until(
      () => clients.every((c) => symbols.every((s) => c.store.freshness(s) === 'stale')),
      STALE_MS + 2000,
      liveness,
    );
    const tookMs = Date.now() - stoppedAt;
    console.log(JSON.stringify({ staleAfterFeedStopMs: tookMs, staleMs: STALE_MS }));
    expect(tookMs).toBeLessThanOrEqual(STALE_MS + 1000);
    for (const edge of cluster.edges) expect((await getJson<EdgeStats>(`${edge.url}/api/stats`)).feed).toBe('stale');
  });

  it('resyncs every client into the new epoch of a restarted feed node', async () => {
    const before = clients.map((c) => c.store.diagnostics().feed.epoch);
    await cluster.startFeed();
    await until(
      () => allLive() && clients.every((c, i) => c.store.diagnostics().feed.epoch !== before[i]),
      15_000,
      liveness,
    );
    const epochs = new Set(clients.map((c) => c.store.diagnostics().feed.epoch));
    expect(epochs.size).toBe(1);
    for (const c of clients) {
      for (const s of symbols) expect(c.store.replica(s).epoch).toBe([...epochs][0]);
      expect(total(c, (s) => s.resyncs.epoch)).toBeGreaterThanOrEqual(symbols.length);
      expect(total(c, (s) => s.mismatches)).toBe(0);
    }
  });

  it('moves the clients of a kill -9ed edge to the other one, and the other edge’s clients see no gap', async () => {
    const [victim, survivor] = cluster.edges;
    const onVictim = (await getJson<EdgeHealth>(`${victim!.url}/api/health`)).clients;
    const onSurvivor = (await getJson<EdgeHealth>(`${survivor!.url}/api/health`)).clients;
    expect(onVictim).toBeGreaterThanOrEqual(1);
    expect(onSurvivor).toBeGreaterThanOrEqual(1);
    const connectsBefore = clients.map((c) => diag(c).connection.connects);
    const gapsBefore = clients.map((c) => total(c, (s) => s.gaps));
    await victim!.kill();
    await until(
      () => clients.filter((c, i) => diag(c).connection.connects > connectsBefore[i]!).length === onVictim && allLive(),
      15_000,
      () => `the ${onVictim} clients of the killed edge to reconnect: ${liveness()}`,
    );
    expect((await getJson<EdgeHealth>(`${survivor!.url}/api/health`)).clients).toBe(onVictim + onSurvivor);
    // Let the survivor carry the load for a while.
    const mark = clients.map(applied);
    await until(
      () => clients.every((c, i) => applied(c) >= mark[i]! + 500),
      15_000,
      () => 'updates after the move',
    );
    clients.forEach((c, i) => {
      expect(total(c, (s) => s.mismatches)).toBe(0);
      if (diag(c).connection.connects === connectsBefore[i]) expect(total(c, (s) => s.gaps)).toBe(gapsBefore[i]);
    });
    await cluster.restartEdge(0);
  });

  it('rides out a Redis restart: stale marks at most, then live with the same numbers as the feed node', async () => {
    const mismatchesBefore = clients.map((c) => total(c, (s) => s.mismatches));
    await cluster.redis.restart({ downMs: 500 });
    await until(() => allLive() && clients.every((c) => applied(c) > 0), 20_000, liveness);
    const mark = clients.map(applied);
    await until(
      () => clients.every((c, i) => applied(c) >= mark[i]! + 200),
      15_000,
      () => 'updates after Redis came back',
    );
    clients.forEach((c, i) => expect(total(c, (s) => s.mismatches)).toBe(mismatchesBefore[i]));
  });

  it('never serves bad data from the bus, and resyncs what it touched', async () => {
    const meta = JSON.parse((await redis.get(KEYS.meta))!) as { epoch: number };
    const edgeHealth = () => Promise.all(cluster.edges.map((e) => getJson<EdgeHealth>(`${e.url}/api/health`)));
    const before = await edgeHealth();
    const stats = await getJson<EdgeStats>(`${cluster.edges[0]!.url}/api/stats`);
    const victim = stats.symbols[symbols[0]!]!;
    // A corrupted entry, an update for a stream id no symbol has, a "next" update from another epoch whose book
    // would wipe the symbol's bids, and a current-epoch update that is not valid JSON.
    await redis.xadd(KEYS.stream, '*', 'garbage', '\u0000\u0001');
    await redis.xadd(KEYS.stream, '*', 'e', String(meta.epoch), 't', String(Date.now()), '999', '[999,1]');
    await redis.xadd(
      KEYS.stream,
      '*',
      'e',
      String(meta.epoch - 1),
      't',
      String(Date.now()),
      String(victim.sid),
      JSON.stringify([victim.sid, victim.seq + 1, { b: [1, 0], c: 0 }]),
    );
    await redis.xadd(
      KEYS.stream,
      '*',
      'e',
      String(meta.epoch),
      't',
      String(Date.now()),
      String(victim.sid),
      '[' + victim.sid + ',',
    );
    let after: EdgeHealth[] = before;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      after = await edgeHealth();
      if (
        after.every(
          (h, i) =>
            h.bus.badEntries >= before[i]!.bus.badEntries + 2 &&
            h.bus.unknownSids > before[i]!.bus.unknownSids &&
            h.bus.badUpdates > before[i]!.bus.badUpdates,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    after.forEach((h, i) => {
      expect(h.bus.badEntries).toBeGreaterThanOrEqual(before[i]!.bus.badEntries + 2);
      expect(h.bus.unknownSids).toBeGreaterThan(before[i]!.bus.unknownSids);
      expect(h.bus.badUpdates).toBeGreaterThan(before[i]!.bus.badUpdates);
    });
    for (const edge of cluster.edges) {
      expect(edge.output()).toMatch(/corrupted bus entry/);
      expect(edge.output()).toMatch(/from epoch \d+, not the shard's/);
    }
    await until(allLive, 10_000, liveness);
    for (const c of clients) expect(total(c, (s) => s.mismatches)).toBe(0);
  });

  it('after a kill -9 of the feed node: stale within --stale-ms, then a new epoch, everyone live and equal to it', async () => {
    await cluster.feed.kill();
    const killedAt = Date.now();
    await until(
      () => clients.every((c) => symbols.every((s) => c.store.freshness(s) === 'stale')),
      STALE_MS + 2000,
      liveness,
    );
    expect(Date.now() - killedAt).toBeLessThanOrEqual(STALE_MS + 1000);
    await cluster.startFeed();
    await until(allLive, 20_000, liveness);
    const mark = clients.map(applied);
    await until(
      () => clients.every((c, i) => applied(c) >= mark[i]! + 500),
      15_000,
      () => 'updates in the new epoch',
    );
    await expectEveryoneEqualToTheFeed();
    for (const c of clients) expect(total(c, (s) => s.mismatches)).toBe(0);
  });
});
