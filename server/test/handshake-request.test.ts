// The handshake's HTTP request is dropped once the gate has read it (Socket.IO's memory advice): what the gate and
// the admin listing need of it (the client's address, behind a trusted proxy too, its transport, the connection
// count per address) is kept without it, on a polling connection that upgrades as on a WebSocket one.

import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, until } from './support/test-server.ts';

let server: TestServer | undefined;
const extra: Socket[] = [];

afterEach(async () => {
  for (const s of extra.splice(0)) s.disconnect();
  await server?.close();
  server = undefined;
});

function connect(url: string, options: Parameters<typeof io>[1]): Promise<Socket | string> {
  const socket = io(url, { reconnection: false, forceNew: true, ...options });
  extra.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

describe('the handshake request, dropped', () => {
  it('keeps the address (a trusted proxy’s) and the transport after an upgrade, and counts per address', async () => {
    server = await startTestServer({ gate: { trustProxy: true, maxConnectionsPerAddress: 1 } });
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const client = await connect(server.url, { transports: ['polling', 'websocket'], extraHeaders: headers });
    expect(typeof client).not.toBe('string');
    const [socket] = [...server.app.io.of('/').sockets.values()];
    await until(() => socket?.data.transport === 'websocket', 5000, 'the upgrade');
    expect(socket!.data.address).toBe('203.0.113.9');
    expect(socket!.conn.request).toBeNull();

    // The address's one connection is taken; once it closes, the next is admitted.
    expect(await connect(server.url, { transports: ['websocket'], extraHeaders: headers })).toBe('websocket error');
    (client as Socket).disconnect();
    await until(() => server!.app.io.engine.clientsCount === 0, 5000, 'the close');
    expect(typeof (await connect(server.url, { transports: ['websocket'], extraHeaders: headers }))).not.toBe('string');
  });
});
