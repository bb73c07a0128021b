// Scenario controls over HTTP against a real server on loopback: the admin guard, clear refusals, the rate limit,
// and the market doing what was asked where every client sees it (a halt within a second, a crash in the trades).

import { SymbolReplica, type SymbolStatus } from '@tickline/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIOS_PER_SECOND } from '../src/gate/admin-scenario.ts';
import { rawPost } from './support/raw-http.ts';
import { onUpdates, startTestServer, subscribeApplying, until, type TestServer } from './support/test-server.ts';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ADMIN = { authorization: 'Bearer admin-secret' };
const scenario = (body: unknown, headers: Record<string, string> = ADMIN) =>
  rawPost(`${server!.url}/api/admin/scenario`, body, headers);
const json = (res: { body: string }) =>
  JSON.parse(res.body) as { ok: boolean; error?: { code: string; message: string } };

describe('POST /api/admin/scenario', () => {
  it('is off without TICKLINE_ADMIN_TOKEN, and needs the token when it is set', async () => {
    server = await startTestServer({ symbols: ['NVDA'] });
    const off = await scenario({ symbol: 'NVDA', kind: 'halt' });
    expect(off.status).toBe(404);
    expect(json(off).error?.code).toBe('admin_disabled');
    await server.close();

    server = await startTestServer({ symbols: ['NVDA'], gate: { adminToken: 'admin-secret' } });
    expect((await scenario({ symbol: 'NVDA', kind: 'halt' }, {})).status).toBe(401);
    expect((await scenario({ symbol: 'NVDA', kind: 'halt' }, { authorization: 'Bearer guess' })).status).toBe(401);
  });

  it('answers a bad body with 400 naming the field, and an unknown symbol with 404', async () => {
    server = await startTestServer({ symbols: ['NVDA'], gate: { adminToken: 'admin-secret' } });
    const notJson = await scenario('{"symbol": ');
    expect(notJson.status).toBe(400);
    expect(json(notJson).error).toMatchObject({
      code: 'invalid_scenario',
      message: expect.stringMatching(/must be JSON/),
    });
    const badSize = await scenario({ symbol: 'NVDA', kind: 'crash', size: 2 });
    expect(badSize.status).toBe(400);
    expect(json(badSize).error?.message).toMatch(/^size: size for crash is the fall/);
    const unknown = await scenario({ symbol: 'DOGE-USD', kind: 'crash' });
    expect(unknown.status).toBe(404);
    expect(json(unknown).error).toEqual({ code: 'unknown_symbol', message: 'unknown symbol DOGE-USD' });
    // Nothing of it reached the market: still trading.
    expect(server.app.hub.describe('NVDA', Date.now())).toMatchObject({ status: 'live' });
  });

  it('halts a symbol for every client within a second, and resume reopens it', async () => {
    server = await startTestServer({ symbols: ['NVDA'], gate: { adminToken: 'admin-secret' } });
    const statuses: SymbolStatus[] = [];
    /** The server time of the update that told each client NVDA is halted. */
    const haltedAt: number[] = [];
    for (let i = 0; i < 2; i++) {
      const client = await server.connect();
      const replica = new SymbolReplica('NVDA');
      // Listening before subscribing: an update in the same read as the ack would otherwise be emitted before an
      // awaiting caller could listen, and the replica would stop at the gap it leaves.
      onUpdates(server.app, client, (u) => {
        replica.applyUpdate(u);
        statuses[i] = replica.status;
        if (u.status === 'halted') haltedAt[i] ??= u.time;
      });
      await subscribeApplying(client, ['NVDA'], (s) => replica.applySnapshot(s));
    }
    const requested = Date.now();
    const ok = await scenario({ symbol: 'NVDA', kind: 'halt' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({
      ok: true,
      scenario: { symbol: 'NVDA', kind: 'halt', size: 0, durationMs: 0 },
    });
    await until(() => statuses[0] === 'halted' && statuses[1] === 'halted', 5000, 'both clients to see the halt');
    // Judged by the server's stamp on the update that carried it (the test runner's own delays on a loaded machine
    // are not the product's): sent to both clients within a second of the request.
    for (const at of haltedAt) expect(at - requested).toBeLessThan(1000);

    expect((await scenario({ symbol: 'NVDA', kind: 'resume' })).status).toBe(200);
    await until(() => statuses[0] === 'live' && statuses[1] === 'live', 5000, 'both clients to see the reopening');
  });

  it('a crash at once prints trades at least 5 % lower within seconds', async () => {
    server = await startTestServer({ symbols: ['NVDA'], gate: { adminToken: 'admin-secret' } });
    const client = await server.connect();
    const prices: number[] = [];
    await subscribeApplying(client, ['NVDA'], () => {});
    onUpdates(server.app, client, (u) => {
      for (const [, price] of u.trades ?? []) prices.push(price);
    });
    await until(() => prices.length > 0, 5000, 'a trade');
    const before = prices.at(-1) as number;
    prices.length = 0;
    expect((await scenario({ symbol: 'NVDA', kind: 'crash', size: 0.05, durationMs: 0 })).status).toBe(200);
    await until(() => prices.some((p) => p <= before * 0.95), 10_000, 'a trade 5 % lower');
  });

  it(`limits an address to ${SCENARIOS_PER_SECOND} scenarios a second`, async () => {
    server = await startTestServer({ symbols: ['NVDA'], gate: { adminToken: 'admin-secret' } });
    const answers = await Promise.all(
      Array.from({ length: SCENARIOS_PER_SECOND + 3 }, () => scenario({ symbol: 'NVDA', kind: 'volatility' })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(SCENARIOS_PER_SECOND);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    const limited = answers.find((a) => a.status === 429)!;
    expect(limited.headers['retry-after']).toBe('1');
    expect(json(limited).error?.code).toBe('rate_limited');
  });
});
