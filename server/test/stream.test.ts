// The stream end to end: a real server on loopback, the real client, the simulator as the feed.

import {
  makeInstrument,
  type MarketUpdate,
  type PingAck,
  PROTOCOL_VERSION,
  type ResyncAck,
  type SubscribeAck,
  SymbolReplica,
  type SymbolSpec,
} from '@tickline/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { onUpdates, startTestServer, subscribeApplying, type TestServer, until } from './support/test-server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const SYMBOLS = ['BTC-USD', 'AAPL', 'EUR/USD'];

describe('GET /api/symbols', () => {
  it('lists every symbol with its tick size and display precision', async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/api/symbols`);
    expect(res.status).toBe(200);
    const specs = (await res.json()) as SymbolSpec[];
    expect(specs.length).toBeGreaterThanOrEqual(8);
    for (const spec of specs) {
      expect(spec).toEqual(
        expect.objectContaining({
          symbol: expect.any(String),
          tickSize: expect.any(String),
          pricePrecision: expect.any(Number),
        }),
      );
    }
    expect(specs.map((s) => s.symbol)).toEqual(expect.arrayContaining(SYMBOLS));
  });
});

describe('the epoch', () => {
  it('is announced first on every connection, and every ack and snapshot carries it with the protocol version', async () => {
    server = await startTestServer();
    const { io } = await import('socket.io-client');
    const raw = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, autoConnect: false });
    const first = new Promise<{ event: string; args: unknown[] }>((resolve) =>
      raw.onAny((event, ...args) => resolve({ event, args })),
    );
    raw.connect();
    const { event, args } = await first;
    expect(event).toBe('feed:status');
    expect(args[0]).toEqual({ version: PROTOCOL_VERSION, epoch: server.app.hub.epoch, status: 'live' });
    const ack = (await raw.timeout(5000).emitWithAck('subscribe', { symbols: ['AAPL'] })) as SubscribeAck;
    raw.disconnect();
    expect(ack).toMatchObject({ ok: true, version: PROTOCOL_VERSION, epoch: server.app.hub.epoch });
    if (ack.ok) expect(ack.snapshots[0]?.epoch).toBe(server.app.hub.epoch);
  });
});

describe('subscribe', () => {
  it('sends snapshots, then consecutive checksummed updates whose application reproduces the server book exactly', async () => {
    server = await startTestServer();
    const specs = (await (await fetch(`${server.url}/api/symbols`)).json()) as SymbolSpec[];
    const instrumentOf = (symbol: string) => makeInstrument(specs.find((s) => s.symbol === symbol)!);
    const client = await server.connect();
    const replicas = new Map(
      SYMBOLS.map((s) => [
        s,
        new SymbolReplica(s, { tradeCapacity: 50, candleCapacity: 120, instrument: instrumentOf(s) }),
      ]),
    );
    const results: string[] = [];
    const counts = new Map<string, number>();
    onUpdates(server.app, client, (u) => {
      results.push(replicas.get(u.symbol)?.applyUpdate(u) ?? `unexpected ${u.symbol}`);
      counts.set(u.symbol, (counts.get(u.symbol) ?? 0) + 1);
    });

    const applied: string[] = [];
    const ack = await subscribeApplying(client, SYMBOLS, (snap) =>
      applied.push(replicas.get(snap.symbol)!.applySnapshot(snap)),
    );
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(applied).toEqual(['applied', 'applied', 'applied']);
    expect(ack.snapshots.map((s) => s.symbol)).toEqual(SYMBOLS);
    for (const snap of ack.snapshots) {
      // The stream id the snapshot teaches the client is the one its updates travel under.
      expect(snap.sid).toBe(server.app.hub.sidOf(snap.symbol));
      expect(snap.book.bids.length).toBeGreaterThan(0);
      expect(snap.book.asks.length).toBeGreaterThan(0);
    }

    await until(() => SYMBOLS.every((s) => (counts.get(s) ?? 0) >= 40), 15_000, '40 updates per symbol');
    await server.feed.stop();
    server.app.flushLoop.flushNow();
    const now = Date.now();
    const final = SYMBOLS.map((s) => server!.app.hub.snapshot(s, now)!);
    await until(() => final.every((f) => replicas.get(f.symbol)?.seq === f.seq), 5000, 'the last update');

    expect(results.every((r) => r === 'applied')).toBe(true);
    for (const snap of final) {
      const replica = replicas.get(snap.symbol)!;
      expect(replica.book.top(snap.depth)).toEqual(snap.book);
      expect(replica.book.isCrossed()).toBe(false);
      expect(replica.trades.toArray()).toEqual(snap.trades);
      expect(replica.candles.toArray()).toEqual(snap.candles);
      expect(replica.ticker).toEqual(snap.ticker);
    }

    // A late joiner's snapshot agrees with what the first client built from deltas.
    const late = await server.connect();
    const lateAck: SubscribeAck = await late.timeout(5000).emitWithAck('subscribe', { symbols: SYMBOLS });
    expect(lateAck.ok && lateAck.snapshots.map((s) => [s.seq, s.book])).toEqual(final.map((s) => [s.seq, s.book]));
  });

  it('sends only the subscribed symbols, and nothing more after unsubscribe', async () => {
    server = await startTestServer();
    const client = await server.connect();
    const seen: MarketUpdate[] = [];
    onUpdates(server.app, client, (u) => seen.push(u));
    await client.timeout(5000).emitWithAck('subscribe', { symbols: ['AAPL', 'BTC-USD'] });
    await until(() => seen.some((u) => u.symbol === 'AAPL') && seen.some((u) => u.symbol === 'BTC-USD'));
    expect(new Set(seen.map((u) => u.symbol))).toEqual(new Set(['AAPL', 'BTC-USD']));

    const ack = await client.timeout(5000).emitWithAck('unsubscribe', { symbols: ['AAPL'] });
    expect(ack).toEqual({ ok: true, symbols: ['AAPL'] });
    const mark = seen.length;
    await until(() => seen.slice(mark).filter((u) => u.symbol === 'BTC-USD').length >= 10);
    expect(seen.slice(mark).some((u) => u.symbol === 'AAPL')).toBe(false);
  });

  it('subscribing again answers with a fresh snapshot that continues the sequence', async () => {
    server = await startTestServer();
    const client = await server.connect();
    const seqs: number[] = [];
    onUpdates(server.app, client, (u) => seqs.push(u.seq));
    const first: SubscribeAck = await client.timeout(5000).emitWithAck('subscribe', { symbols: ['AAPL'] });
    const firstSeq = first.ok ? first.snapshots[0]!.seq : Infinity;
    // The market has moved on from the first snapshot (not merely some time has passed) before asking again.
    await until(() => seqs.some((seq) => seq > firstSeq), 5000, 'an update after the first snapshot');
    const again: SubscribeAck = await client.timeout(5000).emitWithAck('subscribe', { symbols: ['AAPL'] });
    expect(first.ok && again.ok).toBe(true);
    if (first.ok && again.ok) expect(again.snapshots[0]!.seq).toBeGreaterThan(first.snapshots[0]!.seq);
  });
});

describe('symbol status', () => {
  it('a symbol whose feed goes quiet is published as stale, in sequence', async () => {
    server = await startTestServer({ staleAfterMs: 300 });
    const client = await server.connect();
    const replica = new SymbolReplica('AAPL');
    const results: string[] = [];
    onUpdates(server.app, client, (u) => results.push(replica.applyUpdate(u)));
    await subscribeApplying(client, ['AAPL'], (s) => replica.applySnapshot(s));
    expect(replica.status).toBe('live');

    await server.feed.stop();
    await until(() => replica.status === 'stale', 5000, 'the stale status');
    expect(results.every((r) => r === 'applied')).toBe(true);
    const late: SubscribeAck = await client.timeout(5000).emitWithAck('subscribe', { symbols: ['AAPL'] });
    expect(late.ok && late.snapshots[0]!.status).toBe('stale');
  });
});

describe('resync and ping', () => {
  it('resync answers with fresh snapshots and is counted by reason in /api/stats', async () => {
    server = await startTestServer();
    const client = await server.connect();
    const nextUpdate = () => new Promise((resolve) => client.once('md', resolve));
    await client.timeout(5000).emitWithAck('subscribe', { symbols: ['AAPL'] });
    await nextUpdate(); // a resync is counted once per state it is served: let AAPL move first
    const ack: ResyncAck = await client
      .timeout(5000)
      .emitWithAck('resync', { symbols: ['AAPL', 'EUR/USD'], reason: 'gap' });
    expect(ack.ok && ack.snapshots.map((s) => s.symbol)).toEqual(['AAPL', 'EUR/USD']);
    await nextUpdate();
    await client.timeout(5000).emitWithAck('resync', { symbols: ['AAPL'], reason: 'checksum' });

    const stats = (await (await fetch(`${server.url}/api/stats`)).json()) as {
      totals: { resyncs: Record<string, number> };
      symbols: Record<string, { subscribers: number; status: string; seq: number; resyncs: Record<string, number> }>;
    };
    expect(stats.symbols['AAPL']).toMatchObject({ subscribers: 1, status: 'live', resyncs: { gap: 1, checksum: 1 } });
    expect(stats.symbols['EUR/USD']?.subscribers).toBe(1);
    expect(stats.totals.resyncs).toMatchObject({ gap: 2, checksum: 1, reconnect: 0 });

    const bad: ResyncAck = await client
      .timeout(5000)
      .emitWithAck('resync', { symbols: ['AAPL'], reason: 'bored' } as never);
    expect(bad.ok).toBe(false);
  });

  it('counts a resync once per state served, so repeating one cannot inflate /api/stats', async () => {
    server = await startTestServer({ rate: 0.01, flushIntervalMs: 1000 });
    const client = await server.connect();
    for (let i = 0; i < 5; i++)
      await client.timeout(5000).emitWithAck('resync', { symbols: ['AAPL'], reason: 'checksum' });
    const stats = (await (await fetch(`${server.url}/api/stats`)).json()) as {
      symbols: Record<string, { resyncs: Record<string, number>; seq: number }>;
    };
    // Five requests, one state (or two, if a flush moved AAPL in between): never five.
    expect(stats.symbols['AAPL']!.resyncs['checksum']).toBeLessThanOrEqual(2);
    expect(stats.symbols['AAPL']!.resyncs['checksum']).toBeGreaterThanOrEqual(1);
  });

  it('ping echoes the client time with the server time', async () => {
    server = await startTestServer();
    const client = await server.connect();
    const before = Date.now();
    const ack: PingAck = await client.timeout(5000).emitWithAck('ping', { clientTime: 123 });
    expect(ack).toEqual({ ok: true, clientTime: 123, serverTime: expect.any(Number) });
    if (ack.ok) expect(ack.serverTime).toBeGreaterThanOrEqual(before);
  });
});

describe('bad input', () => {
  it('gets an error ack, and the connection and other clients carry on', async () => {
    server = await startTestServer();
    const bystander = await server.connect();
    const received: string[] = [];
    const replica = new SymbolReplica('AAPL');
    onUpdates(server.app, bystander, (u) => received.push(replica.applyUpdate(u)));
    await subscribeApplying(bystander, ['AAPL'], (s) => replica.applySnapshot(s));

    const rogue = await server.connectUntyped();
    const bad: [unknown, string, RegExp][] = [
      [{ symbols: 'AAPL' }, 'invalid_payload', /symbols/],
      [{}, 'invalid_payload', /symbols/],
      [null, 'invalid_payload', /./],
      ['AAPL', 'invalid_payload', /./],
      [{ symbols: [] }, 'invalid_payload', /at least one/],
      [{ symbols: [42] }, 'invalid_payload', /symbols\.0/],
      [{ symbols: ['<script>'] }, 'invalid_payload', /letters, digits/],
      [{ symbols: ['NOPE', 'AAPL'] }, 'unknown_symbol', /NOPE/],
      [{ symbols: Array.from({ length: 201 }, () => 'AAPL') }, 'too_many_symbols', /at most 200/],
    ];
    for (const [payload, code, message] of bad) {
      const ack = (await rogue.timeout(5000).emitWithAck('subscribe', payload)) as SubscribeAck;
      expect(ack).toEqual({ ok: false, error: { code, message: expect.stringMatching(message) } });
    }
    const unsubAck = (await rogue.timeout(5000).emitWithAck('unsubscribe', { symbols: 7 })) as SubscribeAck;
    expect(unsubAck.ok).toBe(false);

    // No ack, no payload, extra arguments, unknown events: ignored without a crash.
    rogue.emit('subscribe', { symbols: 'x' });
    rogue.emit('subscribe');
    rogue.emit('unsubscribe', 1, 2, 3);
    rogue.emit('no-such-event', { a: 1 });

    // The rogue is still connected and can do the right thing.
    const good = (await rogue.timeout(5000).emitWithAck('subscribe', { symbols: ['AAPL'] })) as SubscribeAck;
    expect(good.ok).toBe(true);
    expect(rogue.connected).toBe(true);

    const mark = received.length;
    await until(() => received.length >= mark + 10, 10_000, 'bystander updates');
    expect(received.every((r) => r === 'applied')).toBe(true);
    expect(bystander.connected).toBe(true);
  });

  it('an oversized message disconnects only its sender', async () => {
    server = await startTestServer();
    const bystander = await server.connect();
    let updates = 0;
    onUpdates(server.app, bystander, () => updates++);
    await bystander.timeout(5000).emitWithAck('subscribe', { symbols: ['AAPL'] });

    const rogue = await server.connectUntyped();
    const gone = new Promise<string>((resolve) => rogue.once('disconnect', resolve));
    rogue.emit('subscribe', { symbols: ['A'.repeat(200_000)] });
    expect(await gone).toBe('transport close');

    const mark = updates;
    await until(() => updates >= mark + 5, 10_000, 'bystander updates');
    expect(bystander.connected).toBe(true);
  });
});
