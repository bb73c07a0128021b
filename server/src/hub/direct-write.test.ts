import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireUpdate } from '@tickline/shared';
import { batchParser } from './batch-encoder.ts';
import { writeBatch } from './direct-write.ts';
import type { TicklineSocket } from './socket-types.ts';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A real Socket.IO server on loopback, with Tickline's parser; resolves with its port and its sockets' arrivals. */
async function startServer(onSocket: (socket: TicklineSocket) => void): Promise<number> {
  const http = createServer();
  const server = new Server(http, { parser: batchParser });
  server.on('connection', (s) => onSocket(s as unknown as TicklineSocket));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return (http.address() as AddressInfo).port;
}

const update = (sid: number, seq: number): WireUpdate => [sid, seq, 0, 100 + seq, 1] as unknown as WireUpdate;

/** Receives until `count` events arrived, in order, as [event, payload]. */
function collect(client: ClientSocket, count: number): Promise<[string, unknown][]> {
  const got: [string, unknown][] = [];
  return new Promise((resolve) =>
    client.onAny((event: string, payload: unknown) => {
      got.push([event, payload]);
      if (got.length === count) resolve(got);
    }),
  );
}

describe('writeBatch', () => {
  it('keeps batches in their place among other packets, direct or queued, and counts the direct ones', async () => {
    const sent: number[] = [];
    const expected: [string, unknown][] = [];
    const port = await startServer((socket) => {
      // One synchronous burst on an idle connection: after a packet sent the usual way Engine.IO's transport waits
      // for its write, so the packets that follow queue in its write buffer, and a batch after them must queue too.
      setTimeout(() => burst(socket), 20);
    });
    const burst = (socket: TicklineSocket) => {
      for (let i = 0; i < 200; i++) {
        if (i % 3 === 0) {
          (socket as unknown as { emit(e: string, p: unknown): void }).emit('other', i);
          expected.push(['other', i]);
        } else {
          writeBatch(socket, 1000 + i, [update(1, i), update(2, i)], (bytes) => sent.push(bytes));
          expected.push(['md', [1000 + i, update(1, i), update(2, i)]]);
        }
      }
    };
    const client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true });
    closers.push(() => void client.disconnect());
    expect(await collect(client, 200)).toEqual(expected);
    // Both ways were taken: direct ones, and ones that waited behind queued packets.
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(133);
  });

  it('writes the very frame emit writes', async () => {
    const batch = [update(7, 1), update(9, 3)];
    let sentBytes = 0;
    const port = await startServer((socket) => {
      socket.on('disconnect', () => {});
      // Spaced out, so each goes out on an idle connection: the first direct, the second through emit.
      setTimeout(() => writeBatch(socket, 5, batch, (n) => (sentBytes = n)), 20);
      setTimeout(() => socket.emit('md', [5, ...batch] as never), 60);
    });
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
    closers.push(() => ws.terminate());
    const frames: string[] = [];
    await new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const frame = String(data);
        if (frame.startsWith('0')) ws.send('40'); // Engine.IO open: join the main namespace
        if (frame.startsWith('42')) frames.push(frame);
        if (frames.length === 2) resolve();
      });
    });
    expect(frames[0]).toBe(frames[1]);
    expect(frames[0]).toBe(`42["md",[5,[7,1,0,101,1],[9,3,0,103,1]]]`);
    expect(sentBytes).toBe(frames[0]!.length - 1);
  });

  it('on long polling, sends with emit', async () => {
    const sent: number[] = [];
    const port = await startServer((socket) => {
      writeBatch(socket, 1, [update(1, 1)], (n) => sent.push(n));
    });
    const client = connect(`http://127.0.0.1:${port}`, { transports: ['polling'], forceNew: true });
    closers.push(() => void client.disconnect());
    expect(await collect(client, 1)).toEqual([['md', [1, update(1, 1)]]]);
    expect(sent).toEqual([]);
  });
});
