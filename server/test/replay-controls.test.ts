// Replay controls over HTTP against a real server playing the recording shipped in docs/: the admin guard, where
// the replay stands, pause shown as halted to a real client within a second, speed, a jump, and clear refusals.

import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type ReplayState, SymbolReplica } from '@tickline/shared';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createReplayFeed } from '../src/feeds/replay/replay-feed.ts';
import { silentLogger } from '../src/logger.ts';
import { type Application, createApplication } from '../src/roles/all.ts';
import { rawGet, rawPost } from './support/raw-http.ts';
import { type ClientSocket, onUpdates, startTestServer, subscribeApplying, until } from './support/test-server.ts';

const RECORDING = fileURLToPath(new URL('../../docs/recordings/sim-3min.ndjson', import.meta.url));
const ADMIN = { authorization: 'Bearer admin-secret' };

let app: Application | undefined;
let client: ClientSocket | undefined;
let closeOther: (() => Promise<void>) | undefined;

afterEach(async () => {
  client?.disconnect();
  await app?.close();
  await closeOther?.();
  app = client = closeOther = undefined;
});

async function replayServer(): Promise<string> {
  app = createApplication({
    feeds: [createReplayFeed({ file: RECORDING, speed: 1, loop: true })],
    flushIntervalMs: 20,
    bookDepth: 20,
    tradeHistory: 50,
    candleIntervalMs: 1000,
    candleHistory: 120,
    maxTradesPerUpdate: 200,
    staleAfterMs: 2000,
    logger: silentLogger,
    gate: { adminToken: 'admin-secret' },
  });
  await app.start();
  await new Promise<void>((resolve) => app!.httpServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
}

const json = (res: { body: string }) =>
  JSON.parse(res.body) as { ok: boolean; replay?: ReplayState; error?: { code: string; message: string } };

describe('/api/admin/replay', () => {
  it('needs the admin token, and says where the replay stands', async () => {
    const url = await replayServer();
    expect((await rawGet(`${url}/api/admin/replay`)).status).toBe(401);
    const state = await rawGet(`${url}/api/admin/replay`, ADMIN);
    expect(state.status).toBe(200);
    expect(json(state).replay).toMatchObject({ file: 'sim-3min.ndjson', paused: false, speed: 1, loop: true });
    expect(json(state).replay!.durationMs).toBeGreaterThan(170_000);
  });

  it('pauses (every client sees the symbols halted within a second), changes speed, jumps, and resumes', async () => {
    const url = await replayServer();
    client = io(url, { transports: ['websocket'], forceNew: true, reconnection: false }) as ClientSocket;
    await new Promise<void>((resolve) => client!.once('connect', resolve));
    const replica = new SymbolReplica('AAPL');
    let haltedAt: number | undefined;
    onUpdates(app!, client, (u) => {
      replica.applyUpdate(u);
      if (u.status === 'halted') haltedAt ??= u.time;
    });
    await subscribeApplying(client, ['AAPL'], (s) => replica.applySnapshot(s));

    const asked = Date.now();
    const paused = await rawPost(`${url}/api/admin/replay`, { action: 'pause' }, ADMIN);
    expect(json(paused)).toMatchObject({ ok: true, replay: { paused: true } });
    await until(() => replica.status === 'halted', 5000, 'the client to see the pause');
    expect(haltedAt! - asked).toBeLessThan(1000);

    const faster = await rawPost(`${url}/api/admin/replay`, { action: 'speed', speed: 5 }, ADMIN);
    expect(json(faster).replay).toMatchObject({ speed: 5, paused: true });
    const jumped = await rawPost(`${url}/api/admin/replay`, { action: 'seek', positionMs: 120_000 }, ADMIN);
    expect(json(jumped).replay).toMatchObject({ positionMs: 120_000, paused: true });

    const resumed = await rawPost(`${url}/api/admin/replay`, { action: 'resume' }, ADMIN);
    expect(json(resumed).replay).toMatchObject({ paused: false });
    await until(() => replica.status === 'live', 5000, 'the client to see the replay live again');
    // At 5×, a second of wall time is five of the recording.
    await new Promise((r) => setTimeout(r, 1000));
    const later = json(await rawGet(`${url}/api/admin/replay`, ADMIN)).replay!;
    expect(later.positionMs).toBeGreaterThanOrEqual(124_000);
  });

  it('refuses a bad body with a message, a jump past the end, and a server that plays no recording', async () => {
    const url = await replayServer();
    const bad = await rawPost(`${url}/api/admin/replay`, { action: 'speed', speed: 0 }, ADMIN);
    expect(bad.status).toBe(400);
    expect(json(bad).error).toEqual({ code: 'invalid_replay', message: 'speed: speed is from 0.1 to 1000' });
    const past = await rawPost(`${url}/api/admin/replay`, { action: 'seek', positionMs: 10_000_000 }, ADMIN);
    expect(past.status).toBe(400);
    expect(json(past).error?.message).toMatch(/^position must be from 0 to \d+ ms$/);

    const sim = await startTestServer({ symbols: ['NVDA'], gate: { adminToken: 'admin-secret' } });
    closeOther = () => sim.close();
    const none = await rawGet(`${sim.url}/api/admin/replay`, ADMIN);
    expect(none.status).toBe(409);
    expect(json(none).error?.code).toBe('not_replaying');
  });
});
