import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { ReconnectingSocket, type SocketState } from './reconnecting-socket.ts';

const servers: WebSocketServer[] = [];
const sockets: ReconnectingSocket[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(sockets.splice(0).map((s) => s.stop()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function server(): Promise<{ wss: WebSocketServer; url: string; peers: WebSocket[]; received: string[] }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  servers.push(wss);
  await new Promise((r) => wss.once('listening', r));
  const peers: WebSocket[] = [];
  const received: string[] = [];
  // Listen from the first moment: the client sends its subscription as soon as the socket opens.
  wss.on('connection', (ws) => {
    peers.push(ws);
    ws.on('message', (m) => received.push(m.toString()));
  });
  return { wss, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, peers, received };
}

const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

function open(url: string, idleTimeoutMs = 10_000) {
  const messages: string[] = [];
  const states: SocketState[] = [];
  const errors: Error[] = [];
  const socket = new ReconnectingSocket({
    url,
    idleTimeoutMs,
    backoff: { baseMs: 10, maxMs: 50 },
    onOpen: (send) => send('subscribe'),
    onMessage: (text) => messages.push(text),
    onState: (state, _detail, error) => {
      states.push(state);
      if (error) errors.push(error);
    },
  });
  sockets.push(socket);
  socket.start();
  return { socket, messages, states, errors };
}

describe('ReconnectingSocket', () => {
  it('sends its subscription on open and delivers messages', async () => {
    const { url, peers, received } = await server();
    const { messages, states } = open(url);
    await until(() => peers.length === 1, 'a connection');
    peers[0]!.send('hello');
    await until(() => messages.length === 1 && received.length === 1, 'the exchange of messages');
    expect(received).toEqual(['subscribe']);
    expect(messages).toEqual(['hello']);
    expect(states.slice(0, 2)).toEqual(['connecting', 'open']);
  });

  it('reconnects and subscribes again when the server drops it', async () => {
    const { url, peers } = await server();
    const { socket, states } = open(url);
    await until(() => peers.length === 1, 'a connection');
    peers[0]!.terminate();
    await until(() => peers.length === 2, 'a second connection');
    await until(() => socket.openCount === 2, 'the second open');
    expect(states).toContain('reconnecting');
  });

  it('treats a silent connection as dead and replaces it', async () => {
    const { url, peers } = await server();
    const { socket } = open(url, 150);
    await until(() => socket.openCount >= 2, 'a reconnect after silence');
    expect(peers.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps retrying while the server is down, then connects', async () => {
    const probe = await server();
    const port = (probe.wss.address() as AddressInfo).port;
    await new Promise((r) => probe.wss.close(r));
    servers.splice(servers.indexOf(probe.wss), 1);
    const { socket, states, errors } = open(`ws://127.0.0.1:${port}`);
    await until(() => states.filter((s) => s === 'reconnecting').length >= 3, 'several failed attempts');
    // The socket's own error goes with the state, so a feed can say what to check (explainUnreachable).
    expect(errors[0]).toMatchObject({ code: 'ECONNREFUSED' });
    const back = new WebSocketServer({ port, host: '127.0.0.1' });
    servers.push(back);
    await until(() => socket.openCount === 1, 'the connection once the server is back');
  });

  // Only the socket's own timers are faked: a retry it left behind runs when the clock is advanced, so "it never
  // connects again" is checked at once instead of by waiting a while and seeing nothing. Sockets stay real.
  const SOCKET_TIMERS = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as const;

  /** Polls on the event loop (not on the faked timers) until `check` holds. */
  const untilIo = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setImmediate(r));
    }
  };

  /** A socket whose every connection attempt is counted when it starts, so a late one is seen synchronously. */
  function counted(url: string) {
    const states: SocketState[] = [];
    const attempts = { count: 0 };
    const socket = new ReconnectingSocket({
      url: () => (attempts.count++, url),
      idleTimeoutMs: 10_000,
      backoff: { baseMs: 10, maxMs: 50 },
      onOpen: (send) => send('subscribe'),
      onMessage: () => {},
      onState: (state) => states.push(state),
    });
    sockets.push(socket);
    return { socket, states, attempts };
  }

  it('stops for good: once stopped while open, no timer it left can connect again', async () => {
    vi.useFakeTimers({ toFake: [...SOCKET_TIMERS] });
    const { url, peers } = await server();
    const { socket, states, attempts } = counted(url);
    socket.start();
    await untilIo(() => peers.length === 1 && socket.openCount === 1, 'a connection');
    await socket.stop();
    expect(states.at(-1)).toBe('closed');
    vi.advanceTimersByTime(60_000);
    expect(attempts.count).toBe(1);
    expect(states.at(-1)).toBe('closed');
  });

  it('stops for good: once stopped while waiting to retry, the retry never comes', async () => {
    vi.useFakeTimers({ toFake: [...SOCKET_TIMERS] });
    const probe = await server();
    const port = (probe.wss.address() as AddressInfo).port;
    await new Promise((r) => probe.wss.close(r));
    servers.splice(servers.indexOf(probe.wss), 1);
    const { socket, states, attempts } = counted(`ws://127.0.0.1:${port}`);
    socket.start();
    // The refused attempt closes, and the close schedules the retry on the (fake) clock.
    await untilIo(() => vi.getTimerCount() > 0, 'a retry scheduled');
    await socket.stop();
    const stoppedAt = states.length;
    vi.advanceTimersByTime(60_000);
    expect(attempts.count).toBe(1);
    expect(states.slice(stoppedAt)).toEqual([]);
  });
});
