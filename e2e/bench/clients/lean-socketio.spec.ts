// The lean Socket.IO client against a real Socket.IO 4.8 server (and, for a server that stops pinging, a fake
// Engine.IO endpoint): events, acks, timeouts, the heartbeat, reconnection, and close().

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { until } from '../../support/until.ts';
import {
  connectLeanSocketIo,
  type DisconnectReason,
  engineUrl,
  type LeanSocketIo,
  reconnectDelay,
} from './lean-socketio.ts';

interface Down {
  hello: (payload: { n: number }) => void;
  pair: (a: number, b: string) => void;
}

interface Up {
  echo: (request: { n: number }, ack: (response: { n: number }) => void) => void;
  silent: (request: null, ack: (response: null) => void) => void;
}

type Client = LeanSocketIo<Down, Up>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startIo(options: Partial<ServerOptions> = {}) {
  const http = createServer();
  const io = new Server<Up, Down>(http, { serveClient: false, ...options });
  const sockets: Socket<Up, Down>[] = [];
  const serverDisconnects: string[] = [];
  io.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('disconnect', (reason) => serverDisconnects.push(reason));
    socket.on('echo', (request, ack) => ack({ n: request.n + 1 }));
    socket.on('silent', () => {}); // never answers
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, sockets, serverDisconnects };
}

function connect(url: string): { client: Client; log: { connects: number; disconnects: DisconnectReason[] } } {
  const client = connectLeanSocketIo<Down, Up>(url, { reconnectionDelay: 20, reconnectionDelayMax: 50 });
  cleanups.push(() => client.close());
  const log = { connects: 0, disconnects: [] as DisconnectReason[] };
  client.onConnect = () => log.connects++;
  client.onDisconnect = (reason) => log.disconnects.push(reason);
  return { client, log };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('lean Socket.IO client', () => {
  it('hands server events to their handler, with every argument', async () => {
    const { io, url } = await startIo();
    io.on('connection', (socket) => {
      socket.emit('hello', { n: 7 });
      socket.emit('pair', 1, 'one');
    });
    const { client } = connect(url);
    const got: unknown[] = [];
    client.on('hello', (payload) => got.push(payload));
    client.on('pair', (a, b) => got.push([a, b]));
    await until(
      () => got.length === 2,
      5000,
      () => `2 events, got ${JSON.stringify(got)}`,
    );
    expect(got).toEqual([{ n: 7 }, [1, 'one']]);
  });

  it('answers an emit through its ack, one sent before the connection is up included', async () => {
    const { url } = await startIo();
    const { client } = connect(url);
    const answers: unknown[] = [];
    client.emit('echo', { n: 1 }, (err, response) => answers.push(err ?? response));
    await until(
      () => answers.length === 1,
      5000,
      () => 'the first answer',
    );
    client.emit('echo', { n: 41 }, (err, response) => answers.push(err ?? response), 5000);
    await until(
      () => answers.length === 2,
      5000,
      () => 'the second answer',
    );
    expect(answers).toEqual([{ n: 2 }, { n: 42 }]);
  });

  it('calls the ack with an error when the answer does not come in time', async () => {
    const { url } = await startIo();
    const { client } = connect(url);
    await until(
      () => client.connected,
      5000,
      () => 'a connection',
    );
    let failure: Error | null | undefined;
    client.emit('silent', null, (err) => (failure = err), 100);
    await until(
      () => failure !== undefined,
      5000,
      () => 'the timeout',
    );
    expect(failure?.message).toMatch(/timed out/);
  });

  it("answers the server's pings, so the connection outlives pingInterval + pingTimeout", async () => {
    const { url, serverDisconnects } = await startIo({ pingInterval: 200, pingTimeout: 200 });
    const { client, log } = connect(url);
    await until(
      () => client.connected,
      5000,
      () => 'a connection',
    );
    await sleep(1200); // three times what a missed pong, or a missed ping on our side, would take
    expect(client.connected).toBe(true);
    expect(log).toEqual({ connects: 1, disconnects: [] });
    expect(serverDisconnects).toEqual([]);
  });

  it('takes a server that stops pinging for a lost connection, and connects again', async () => {
    // An Engine.IO endpoint that completes the handshake and then says nothing.
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => wss.once('listening', resolve));
    cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    const paths: string[] = [];
    wss.on('connection', (ws, req) => {
      paths.push(req.url ?? '');
      ws.send('0{"sid":"s","upgrades":[],"pingInterval":100,"pingTimeout":100,"maxPayload":1000000}');
      ws.on('message', (data) => {
        if (String(data) === '40') ws.send('40{"sid":"n"}');
      });
    });
    const { log } = connect(`http://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    await until(
      () => log.connects >= 2,
      5000,
      () => `a reconnection, log ${JSON.stringify(log)}`,
    );
    expect(log.disconnects[0]).toBe('ping timeout');
    expect(paths[0]).toBe('/socket.io/?EIO=4&transport=websocket');
  });

  it('reconnects when the server closes the transport; what was emitted meanwhile goes out then', async () => {
    const { url, sockets } = await startIo();
    const { client, log } = connect(url);
    await until(
      () => client.connected,
      5000,
      () => 'a connection',
    );
    const answers: unknown[] = [];
    // Sent and unanswered when the connection goes: fails. Emitted while disconnected: answered after reconnecting.
    client.emit('silent', null, (err) => answers.push(err?.message), 5000);
    client.onDisconnect = (reason) => {
      log.disconnects.push(reason);
      client.emit('echo', { n: 9 }, (err, response) => answers.push(err ?? response), 5000);
    };
    await until(
      () => sockets.length === 1,
      5000,
      () => 'the server socket',
    );
    sockets[0]!.conn.close();
    await until(
      () => log.connects === 2 && answers.length === 2,
      5000,
      () => `reconnection, ${JSON.stringify(log)}`,
    );
    expect(log.disconnects).toEqual(['transport close']);
    expect(answers).toEqual(['socket has been disconnected', { n: 10 }]);
    expect(client.connected).toBe(true);
  });

  it('stays away after a server-side disconnect, as socket.io-client does', async () => {
    const { url, sockets } = await startIo();
    const { client, log } = connect(url);
    await until(
      () => sockets.length === 1,
      5000,
      () => 'the server socket',
    );
    await until(
      () => client.connected,
      5000,
      () => 'a connection',
    );
    sockets[0]!.disconnect(true);
    await until(
      () => log.disconnects.length === 1,
      5000,
      () => 'the disconnect',
    );
    expect(log.disconnects).toEqual(['io server disconnect']);
    await sleep(300); // six times the longest backoff: a reconnection would have come
    expect(sockets).toHaveLength(1);
    expect(log.connects).toBe(1);
  });

  it('close() disconnects for good: no reconnection, later emits ignored', async () => {
    const { url, sockets, serverDisconnects } = await startIo();
    const { client, log } = connect(url);
    await until(
      () => client.connected,
      5000,
      () => 'a connection',
    );
    client.close();
    expect(log.disconnects).toEqual(['io client disconnect']);
    expect(client.ws).toBeUndefined();
    let answered = false;
    client.emit('echo', { n: 1 }, () => (answered = true), 50);
    await until(
      () => serverDisconnects.length === 1,
      5000,
      () => 'the server to see the client go',
    );
    await sleep(300); // six times the longest backoff, and the emit's timeout
    expect(sockets).toHaveLength(1);
    expect(log.connects).toBe(1);
    expect(answered).toBe(false);
  });

  it("exposes the connection's WebSocket and TCP socket", async () => {
    const { url } = await startIo();
    const { client } = connect(url);
    await until(
      () => client.connected,
      5000,
      () => 'a connection',
    );
    expect(client.ws?.readyState).toBe(1);
    expect(client.tcp?.bytesRead).toBeGreaterThan(0);
  });
});

describe('lean Socket.IO client helpers', () => {
  it("turns the server's http URL into the Engine.IO websocket endpoint", () => {
    expect(engineUrl('http://127.0.0.1:8080')).toBe('ws://127.0.0.1:8080/socket.io/?EIO=4&transport=websocket');
    expect(engineUrl('https://example.com/')).toBe('wss://example.com/socket.io/?EIO=4&transport=websocket');
  });

  it('backs off as socket.io-client does: doubling from the delay, jittered, capped', () => {
    const o = { reconnectionDelay: 500, reconnectionDelayMax: 2000, randomizationFactor: 0.5 };
    expect(reconnectDelay(0, o, () => 0)).toBe(500);
    expect(reconnectDelay(1, o, () => 0)).toBe(1000);
    expect(reconnectDelay(0, o, () => 0.2)).toBe(450); // floor(0.2 * 10) even: down by 0.2 * 0.5 * 500
    expect(reconnectDelay(0, o, () => 0.5)).toBe(625); // odd: up by 0.5 * 0.5 * 500
    expect(reconnectDelay(5, o, () => 0.99)).toBe(2000);
    expect(reconnectDelay(10_000, o, () => 0.3)).toBe(2000);
  });
});
