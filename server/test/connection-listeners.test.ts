// What a connection costs in listeners: the server's request and disconnect handling is shared by every socket, so a
// crowd of idle connections holds no closures of its own (docs/BENCHMARKS.md, memory per idle connection).

import { afterEach, describe, expect, it } from 'vitest';
import type { TicklineSocket } from '../src/hub/socket-types.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every listener on an emitter, by event (`*` for catch-all listeners). */
function listenersOf(emitter: {
  eventNames(): (string | symbol)[];
  listeners(event: string | symbol): unknown[];
}): Map<string | symbol, unknown[]> {
  return new Map(emitter.eventNames().map((event) => [event, emitter.listeners(event)]));
}

type EngineConnection = Parameters<typeof listenersOf>[0];

describe('listeners per connection', () => {
  it('gives every socket the same two listeners, shared functions, whatever it asked', async () => {
    server = await startTestServer();
    await server.connect(); // idle
    const busy = await server.connect();
    const ack = await busy.timeout(5000).emitWithAck('subscribe', { symbols: ['BTC-USD'] });
    expect(ack.ok).toBe(true);
    await busy.timeout(5000).emitWithAck('ping', { clientTime: 1 });

    const sockets = [...server.app.io.of('/').sockets.values()] as TicklineSocket[];
    expect(sockets).toHaveLength(2);
    for (const socket of sockets) {
      // One catch-all listener for every request; ours on events, the disconnect only (Socket.IO adds its `error` no-op).
      expect(socket.listenersAny()).toHaveLength(1);
      expect([...listenersOf(socket).keys()].sort()).toEqual(['disconnect', 'error']);
      expect([...listenersOf(socket).values()].flat()).toHaveLength(2);
    }
    const [first, second] = sockets as [TicklineSocket, TicklineSocket];
    expect(second.listenersAny()[0]).toBe(first.listenersAny()[0]);
    for (const [event, listeners] of listenersOf(first)) {
      listeners.forEach((listener, i) => expect(listenersOf(second).get(event)?.[i]).toBe(listener));
    }
  });

  it("adds only shared functions to each Engine.IO connection's own listeners", async () => {
    server = await startTestServer();
    await server.connect();
    await server.connect();
    const conns = [...server.app.io.of('/').sockets.values()].map((s) => s.conn as unknown as EngineConnection);
    const [first, second] = conns.map(listenersOf) as [
      Map<string | symbol, unknown[]>,
      Map<string | symbol, unknown[]>,
    ];
    // The bytes counted in and out, and the connection count per address.
    for (const event of ['packet', 'packetCreate']) {
      expect(first.get(event)).toHaveLength(1);
      expect(second.get(event)?.[0]).toBe(first.get(event)?.[0]);
    }
    const shared = (first.get('close') ?? []).filter((listener) => second.get('close')?.includes(listener));
    expect(shared).toHaveLength(1);
    // Nothing else: the same events, each with as many listeners, on both.
    expect([...second].map(([event, l]) => [event, l.length])).toEqual(
      [...first].map(([event, l]) => [event, l.length]),
    );
  });
});
