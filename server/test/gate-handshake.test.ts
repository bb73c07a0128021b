// The gate at the socket and on /api/*: origins, hosts (DNS rebinding) and the connection caps, against a real
// server on loopback with raw WebSocket handshakes and the real socket.io-client.

import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { rawGet, webSocketHandshake } from './support/raw-http.ts';
import { startTestServer, type TestServer, until } from './support/test-server.ts';

let server: TestServer | undefined;
const extra: Socket[] = [];

afterEach(async () => {
  for (const s of extra.splice(0)) s.disconnect();
  await server?.close();
  server = undefined;
});

/** Connects with socket.io-client and these headers; resolves with the socket, or the connect_error's message. */
function connectWith(url: string, headers: Record<string, string>): Promise<Socket | string> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: headers });
  extra.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

describe('origins', () => {
  it('refuses a foreign or `null` Origin at the handshake: the WebSocket is never upgraded', async () => {
    server = await startTestServer();
    for (const origin of ['https://evil.example', 'null']) {
      const result = await webSocketHandshake(server.url, { origin });
      expect(result).toMatchObject({ upgraded: false, status: 400 });
      expect(result.upgraded === false && result.body).toMatch(
        /origin "(https:\/\/evil\.example|null)" is not allowed/,
      );
      expect(await connectWith(server.url, { origin })).toBe('websocket error');
    }
    expect(server.app.io.engine.clientsCount).toBe(0);
  });

  it('logs a refused origin once, quoted, with what to do if the page is yours, and counts it in /metrics', async () => {
    const warnings: string[] = [];
    server = await startTestServer({ logger: { info: () => {}, warn: (l) => warnings.push(l), error: () => {} } });
    for (let i = 0; i < 20; i++) await webSocketHandshake(server.url, { origin: 'https://evil.example' });
    const lines = warnings.filter((l) => l.includes('handshake from origin'));
    expect(lines[0]).toMatch(/origin "https:\/\/evil\.example" \([^)]*127\.0\.0\.1\); .*add it to --allowed-origins/);
    expect(lines.length).toBeLessThan(20); // throttled: the network cannot flood the log
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/tickline_handshake_refusals_total\{reason="origin"\} 20/);
  });

  it('refuses a foreign Origin on a polling handshake with 403', async () => {
    server = await startTestServer();
    const res = await rawGet(`${server.url}/socket.io/?EIO=4&transport=polling`, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ message: expect.stringMatching(/not allowed/) });
  });

  it('accepts the same origin, no Origin, and an allowed one', async () => {
    server = await startTestServer({ gate: { allowedOrigins: ['https://dash.example'] } });
    expect(await webSocketHandshake(server.url, { origin: server.url })).toEqual({ upgraded: true });
    expect(await webSocketHandshake(server.url, {})).toEqual({ upgraded: true });
    expect(await webSocketHandshake(server.url, { origin: 'https://dash.example' })).toEqual({ upgraded: true });
    expect(typeof (await connectWith(server.url, { origin: 'https://dash.example' }))).toBe('object');
    expect(typeof (await connectWith(server.url, { origin: server.url }))).toBe('object');
  });

  it('answers /api/* from a foreign Origin with 403 forbidden_origin', async () => {
    server = await startTestServer();
    const refused = await rawGet(`${server.url}/api/symbols`, { origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toEqual({
      ok: false,
      error: { code: 'forbidden_origin', message: 'origin "https://evil.example" is not allowed (same origin only)' },
    });
    expect((await rawGet(`${server.url}/api/symbols`, { origin: server.url })).status).toBe(200);
    expect((await rawGet(`${server.url}/api/symbols`)).status).toBe(200);
  });
});

describe('hosts', () => {
  it('refuses a rebinding Host at the handshake and on every HTTP request', async () => {
    server = await startTestServer();
    const port = new URL(server.url).port;
    const host = `evil.example:${port}`;
    // The attacker's page is then same-origin with its socket: the Origin check alone would let it in.
    const result = await webSocketHandshake(server.url, { host, origin: `http://${host}` });
    expect(result).toMatchObject({ upgraded: false, status: 400 });
    const api = await rawGet(`${server.url}/api/symbols`, { host });
    expect(api.status).toBe(403);
    expect(JSON.parse(api.body).error.code).toBe('forbidden_host');
    const page = await rawGet(`${server.url}/`, { host });
    expect(page.status).toBe(403);
    expect(page.headers['content-type']).toMatch(/^text\/plain/);
    expect(page.body).toMatch(/not one this server answers to/);
  });

  it('accepts localhost, a listed name, and any name with --allowed-hosts all', async () => {
    server = await startTestServer({ gate: { allowedHosts: ['*.tickline.test'] } });
    const port = new URL(server.url).port;
    expect((await rawGet(`${server.url}/api/symbols`, { host: `localhost:${port}` })).status).toBe(200);
    expect((await rawGet(`${server.url}/api/symbols`, { host: `a.tickline.test:${port}` })).status).toBe(200);
    expect(
      await webSocketHandshake(server.url, {
        host: `a.tickline.test:${port}`,
        origin: `http://a.tickline.test:${port}`,
      }),
    ).toEqual({
      upgraded: true,
    });
    await server.close();
    server = await startTestServer({ gate: { allowedHosts: 'all' } });
    expect((await rawGet(`${server.url}/api/symbols`, { host: 'anything.example' })).status).toBe(200);
  });
});

describe('connection caps', () => {
  it('caps connections per address: N accepted, N+1 refused, a closed one frees its slot', async () => {
    server = await startTestServer({ gate: { maxConnectionsPerAddress: 3 } });
    const open = await Promise.all([server.connect(), server.connect(), server.connect()]);
    expect(await webSocketHandshake(server.url)).toMatchObject({
      upgraded: false,
      body: 'too many connections from one address (at most 3)',
    });
    open[0]!.disconnect();
    await until(() => server!.app.io.engine.clientsCount === 2, 5000, 'the server to see the close');
    expect(typeof (await connectWith(server.url, {}))).toBe('object');
    expect(await connectWith(server.url, {})).toBe('websocket error');
  });

  it('caps connections in total, and behind a trusted proxy counts each X-Forwarded-For address', async () => {
    server = await startTestServer({ gate: { maxConnections: 3, maxConnectionsPerAddress: 2, trustProxy: true } });
    const from = (address: string) => connectWith(server!.url, { 'x-forwarded-for': address });
    const a1 = await from('203.0.113.1');
    expect(typeof a1).toBe('object');
    expect(typeof (await from('203.0.113.1'))).toBe('object');
    expect(await from('203.0.113.1')).toBe('websocket error');
    expect(typeof (await from('203.0.113.2'))).toBe('object');
    const full = await webSocketHandshake(server.url, { 'x-forwarded-for': '203.0.113.3' });
    expect(full).toMatchObject({ upgraded: false, body: expect.stringMatching(/server is full \(3 connections\)/) });
    (a1 as Socket).disconnect();
    await until(() => server!.app.io.engine.clientsCount === 2, 5000, 'the server to see the close');
    expect(typeof (await from('203.0.113.3'))).toBe('object');
    const listed = await server.app.io.fetchSockets();
    expect(listed.map((s) => s.data.address).sort()).toEqual(['203.0.113.1', '203.0.113.2', '203.0.113.3']);
  });
});
