// Tokens at the gate: the viewer token on sockets and /api/*, the admin guard on the first control surface
// (GET /api/admin/clients), and the rate limits on wrong guesses, against a real server on loopback.

import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_FAILURES_PER_MINUTE } from '../src/gate/admin-guard.ts';
import { ADMIN_CLIENTS_PER_SECOND } from '../src/gate/admin-clients.ts';
import { rawGet } from './support/raw-http.ts';
import { startTestServer, subscribeApplying, type TestServer } from './support/test-server.ts';

let server: TestServer | undefined;
const sockets: ReturnType<typeof io>[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.close();
  server = undefined;
});

/** Connects with `auth`; resolves 'connected', or the connect_error's message and data. */
function connectWithAuth(
  url: string,
  auth: Record<string, unknown>,
): Promise<'connected' | { message: string; data: unknown }> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err: Error & { data?: unknown }) =>
      resolve({ message: err.message, data: err.data }),
    );
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('the viewer token', () => {
  it('refuses a socket without it or with a wrong one, saying which, and accepts the right one', async () => {
    server = await startTestServer({ gate: { viewerToken: 'viewer-secret' } });
    expect(await connectWithAuth(server.url, {})).toEqual({
      message: expect.stringMatching(/^this server needs the viewer token: open the dashboard with \?token=/),
      data: { code: 'unauthorized' },
    });
    expect(await connectWithAuth(server.url, { token: 'guess' })).toEqual({
      message: expect.stringMatching(/^wrong viewer token/),
      data: { code: 'unauthorized' },
    });
    expect(await connectWithAuth(server.url, { token: 'viewer-secret' })).toBe('connected');
    expect(server.app.io.engine.clientsCount).toBe(1);
  });

  it('guards the /api/* data endpoints with a Bearer header and leaves /api/health open', async () => {
    server = await startTestServer({ gate: { viewerToken: 'viewer-secret' } });
    const missing = await rawGet(`${server.url}/api/symbols`);
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(JSON.parse(missing.body).error).toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/needs the viewer token/),
    });
    expect((await rawGet(`${server.url}/api/stats`, bearer('guess'))).status).toBe(401);
    expect((await rawGet(`${server.url}/api/symbols`, bearer('viewer-secret'))).status).toBe(200);
    expect((await rawGet(`${server.url}/api/health`)).status).toBe(200);
  });

  it('needs nothing when no viewer token is set', async () => {
    server = await startTestServer();
    expect(await connectWithAuth(server.url, {})).toBe('connected');
    expect((await rawGet(`${server.url}/api/symbols`)).status).toBe(200);
  });
});

describe('the admin guard on GET /api/admin/clients', () => {
  it('is off without TICKLINE_ADMIN_TOKEN: 404 admin_disabled, saying how to turn it on', async () => {
    server = await startTestServer();
    const res = await rawGet(`${server.url}/api/admin/clients`, bearer('anything'));
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'admin_disabled', message: expect.stringMatching(/set TICKLINE_ADMIN_TOKEN/) },
    });
  });

  it('answers 401 with WWW-Authenticate without or with a wrong token, and lists the clients with it', async () => {
    server = await startTestServer({ gate: { adminToken: 'admin-secret', viewerToken: 'viewer-secret' } });
    for (const headers of [{}, bearer('guess'), bearer('viewer-secret')]) {
      const res = await rawGet(`${server.url}/api/admin/clients`, headers);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(JSON.parse(res.body).error.code).toBe('unauthorized');
    }
    const client = io(server.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { token: 'viewer-secret' },
    });
    sockets.push(client);
    await new Promise<void>((resolve) => client.once('connect', resolve));
    const symbol = server.app.hub.specs()[0]!.symbol;
    await subscribeApplying(client, [symbol], () => {});

    const res = await rawGet(`${server.url}/api/admin/clients`, bearer('admin-secret'));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      ok: true,
      clients: [
        {
          id: client.id,
          address: '127.0.0.1',
          connectedAt: expect.any(Number),
          transport: 'websocket',
          symbols: [symbol],
        },
      ],
    });
  });

  it(`refuses an address with 429 and Retry-After after ${ADMIN_FAILURES_PER_MINUTE} wrong tokens, the right one too`, async () => {
    server = await startTestServer({ gate: { adminToken: 'admin-secret' } });
    for (let i = 0; i < ADMIN_FAILURES_PER_MINUTE; i++) {
      expect((await rawGet(`${server.url}/api/admin/clients`, bearer(`guess-${i}`))).status).toBe(401);
    }
    const blocked = await rawGet(`${server.url}/api/admin/clients`, bearer('admin-secret'));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(blocked.body).error.code).toBe('rate_limited');
  });

  it(`rate limits the listing itself to ${ADMIN_CLIENTS_PER_SECOND} a second per address`, async () => {
    // A clock that stands still: every call falls in the same one-second window, however slow the machine.
    const now = Date.now();
    server = await startTestServer({ gate: { adminToken: 'admin-secret' }, clock: () => now });
    for (let i = 0; i < ADMIN_CLIENTS_PER_SECOND; i++) {
      expect((await rawGet(`${server.url}/api/admin/clients`, bearer('admin-secret'))).status).toBe(200);
    }
    const res = await rawGet(`${server.url}/api/admin/clients`, bearer('admin-secret'));
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
  });
});
