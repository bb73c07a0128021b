// One hostile connection must not hurt the others: request budgets, snapshot answers from one serialized copy,
// refusals before anything is queued past the cap, binary refused, floods and ignored refusals cut. A real server on
// loopback; the hostile side talks raw Engine.IO (support/raw-client.ts) so it can do what no real client does.

import { afterEach, describe, expect, it } from 'vitest';
import { connectRaw, type RawClient } from './support/raw-client.ts';
import { startTestServer, type TestServer, until } from './support/test-server.ts';

let server: TestServer | undefined;
const raws: RawClient[] = [];
afterEach(async () => {
  raws.splice(0).forEach((r) => r.close());
  await server?.close();
  server = undefined;
});

async function raw(s: TestServer): Promise<RawClient> {
  const client = await connectRaw(s.url);
  raws.push(client);
  return client;
}

type Ack = { ok: boolean; error?: { code: string; message: string; retryAfterMs?: number } };
const acksOf = (client: RawClient, ids: number[]) => ids.map((id) => client.acks.get(id) as Ack | undefined);

describe('request budget', () => {
  it('answers a burst up to the budget and refuses the rest with rate_limited and the wait', async () => {
    server = await startTestServer({ limits: { requestsPerSecond: 5, requestBurst: 20 } });
    const client = await raw(server);
    const ids = client.emitMany(Array.from({ length: 60 }, () => ['ping', { clientTime: 1 }] as const));
    await until(() => ids.every((id) => client.acks.has(id)), 5000, 'every ack');
    const acks = acksOf(client, ids);
    const ok = acks.filter((a) => a?.ok).length;
    expect(ok).toBeGreaterThanOrEqual(20);
    expect(ok).toBeLessThan(25); // the burst, and what refilled while they were read
    const refused = acks.find((a) => !a?.ok)!;
    expect(refused.error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/retry in \d+ ms/) });
    expect(refused.error!.retryAfterMs).toBeGreaterThan(0);
    expect(server.app.stats.refusals().rate_limited).toBe(60 - ok);
  });

  it('cuts a connection that ignores its refusals, and counts it', async () => {
    server = await startTestServer({ limits: { requestBurst: 10, refusalsBeforeDisconnect: 30 } });
    const client = await raw(server);
    client.emitMany(Array.from({ length: 200 }, () => ['ping', { clientTime: 1 }] as const));
    await client.closed;
    expect(server.app.stats.refusals().abuse).toBe(1);
  });

  it('cuts a connection that sends more bytes than its inbound budget before its requests are even parsed', async () => {
    server = await startTestServer({ limits: { inboundBytesPerSecond: 4096, inboundBurstBytes: 16_384 } });
    const client = await raw(server);
    const filler = 'x'.repeat(8000);
    client.emitMany(Array.from({ length: 10 }, () => ['nonsense', { filler }] as const));
    await client.closed;
    expect(server.app.stats.refusals().abuse).toBe(1);
  });
});

describe('snapshot answers', () => {
  it('serves a burst of subscribes from one serialized snapshot per state, within the byte budget', async () => {
    server = await startTestServer({
      limits: { requestBurst: 1000, refusalsBeforeDisconnect: 10_000, snapshotBurstBytes: 2_000_000 },
    });
    const symbols = server.app.hub.specs().map((s) => s.symbol);
    const client = await raw(server);
    const builtBefore = server.app.snapshots.built;
    const ids = client.emitMany(Array.from({ length: 200 }, () => ['subscribe', { symbols }] as const));
    await until(() => ids.every((id) => client.acks.has(id)), 10_000, 'every ack');
    const acks = acksOf(client, ids);
    const answered = acks.filter((a) => a?.ok).length;
    expect(answered).toBeGreaterThan(0);
    expect(acks.filter((a) => a?.error?.code === 'rate_limited').length).toBe(200 - answered);
    // Answers share snapshots: at most one build per symbol per state, never one per request.
    expect(server.app.snapshots.built - builtBefore).toBeLessThan(answered * symbols.length);
  });

  it('refuses snapshots to a connection that stops reading once its queue is full, and then cuts it', async () => {
    server = await startTestServer({
      rate: 20,
      limits: {
        requestBurst: 100_000,
        requestsPerSecond: 100_000,
        snapshotBurstBytes: 2 ** 31,
        snapshotBytesPerSecond: 2 ** 31,
        maxQueuedBytes: 256 * 1024,
        refusalsBeforeDisconnect: 100_000,
        stallMs: 60_000,
      },
    });
    const symbols = server.app.hub.specs().map((s) => s.symbol);
    const polite = await server.connect();
    let politeBatches = 0;
    polite.on('md', () => politeBatches++);
    await polite.timeout(5000).emitWithAck('subscribe', { symbols });

    const hostile = await raw(server);
    hostile.stopReading();
    let closed = false;
    void hostile.closed.then(() => (closed = true));
    // Answers until the kernel's buffers on both sides are full, then our queue: refused past the cap, and the
    // market's own updates take it over the cap.
    for (let i = 0; i < 300 && !closed; i++) {
      hostile.emitMany(Array.from({ length: 30 }, () => ['resync', { symbols, reason: 'gap' }] as const));
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(closed).toBe(true);
    expect(server.app.stats.refusals().backlog).toBeGreaterThan(0);
    expect(server.app.stats.refusals().slow_consumer_cap).toBe(1);
    const before = politeBatches;
    await until(() => politeBatches > before + 3, 5000, 'the polite client still streaming');
    expect(polite.connected).toBe(true);
  });

  it('cuts a connection that stops reading within stallMs, far under the cap', async () => {
    server = await startTestServer({ rate: 20, limits: { stallMs: 2000, maxQueuedBytes: 2 ** 31 } });
    const symbols = server.app.hub.specs().map((s) => s.symbol);
    const hostile = await raw(server);
    hostile.emit('subscribe', { symbols });
    await until(() => server!.app.io.engine.clientsCount === 1, 5000, 'the connection');
    hostile.stopReading();
    // Its pong waits behind what it does not read (or its queue never drains): either way, it is cut in about
    // stallMs. Seen from the server: a client that does not read does not see the close either.
    await until(() => server!.app.io.engine.clientsCount === 0, 10_000, 'the cut');
    expect(server.app.stats.refusals()).toMatchObject({ slow_consumer_cap: 0, slow_consumer_stall: 1 });
  });

  it('counts a connection the heartbeat cut (no pong within stallMs) as a stall, with nothing queued for it', async () => {
    server = await startTestServer({ limits: { stallMs: 1000 } });
    const silent = await raw(server);
    await until(() => server!.app.io.engine.clientsCount === 1, 5000, 'the connection');
    silent.stopReading();
    await until(() => server!.app.io.engine.clientsCount === 0, 10_000, 'the heartbeat cut');
    expect(server.app.stats.refusals()).toMatchObject({ slow_consumer_cap: 0, slow_consumer_stall: 1 });
  });
});

describe('protocol limits', () => {
  it('closes a connection that sends a binary packet', async () => {
    server = await startTestServer();
    const client = await raw(server);
    client.sendRaw('451-["subscribe",{"_placeholder":true,"num":0}]');
    await client.closed;
    const other = await server.connect();
    expect(other.connected).toBe(true);
  });

  it('closes a connection that sends a message over 16 KiB, and refuses 201 names by their count', async () => {
    server = await startTestServer();
    const counted = await raw(server);
    const [id] = counted.emitMany([['subscribe', { symbols: Array.from({ length: 2000 }, () => '!') }]]);
    await until(() => counted.acks.has(id!), 5000, 'the ack');
    expect((counted.acks.get(id!) as Ack).error?.code).toBe('too_many_symbols');

    const huge = await raw(server);
    huge.emit('subscribe', { symbols: Array.from({ length: 30_000 }, () => '!') });
    await huge.closed;
  });

  it('limits the symbols one connection follows', async () => {
    server = await startTestServer({ limits: { maxSymbolsPerSocket: 3 } });
    const [a, b, c, d] = server.app.hub.specs().map((s) => s.symbol);
    const client = await server.connect();
    const first = await client.timeout(5000).emitWithAck('subscribe', { symbols: [a!, b!] });
    expect(first.ok).toBe(true);
    const refused = await client.timeout(5000).emitWithAck('subscribe', { symbols: [b!, c!, d!] });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'too_many_symbols', message: expect.stringMatching(/at most 3 symbols/) },
    });
    await client.timeout(5000).emitWithAck('unsubscribe', { symbols: [a!] });
    const again = await client.timeout(5000).emitWithAck('subscribe', { symbols: [b!, c!, d!] });
    expect(again.ok).toBe(true);
  });
});
