// A Socket.IO client at the wire level (Engine.IO v4 over a bare WebSocket), for tests that must do what the real
// client never would: send a burst in one write, stop reading, send binary, flood. It speaks just enough of the
// protocol: the handshake, the namespace connect, events with ack ids, and pongs (until told to stop reading).

import { WebSocket } from 'ws';

export interface RawClient {
  readonly ws: WebSocket;
  /** Every ack received, by id. */
  readonly acks: Map<number, unknown>;
  /** Events received by name, counted (md batches, feed:status, ...). */
  readonly events: Map<string, number>;
  /** Total bytes of text frames received. */
  readonly received: () => number;
  /** Sends an event; returns its ack id. */
  emit(event: string, payload: unknown): number;
  /** Sends many events in one TCP write (the socket corked around them); returns their ack ids. */
  emitMany(events: ReadonlyArray<readonly [event: string, payload: unknown]>): number[];
  /** Sends raw Engine.IO text (e.g. `4` + a Socket.IO packet). */
  sendRaw(text: string | Buffer): void;
  /** Stops reading from the TCP socket: the server's writes pile up in the kernel, then in its own queue. */
  stopReading(): void;
  /** Resolves when the connection closes. */
  readonly closed: Promise<void>;
  close(): void;
}

export async function connectRaw(url: string, headers: Record<string, string> = {}): Promise<RawClient> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers });
  const acks = new Map<number, unknown>();
  const events = new Map<string, number>();
  let bytes = 0;
  let nextId = 0;
  let connected: () => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    connected = resolve;
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
  });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) return;
    const text = data.toString();
    bytes += text.length;
    if (text[0] === '0')
      ws.send('40'); // Engine.IO open: connect the main namespace
    else if (text === '2')
      ws.send('3'); // ping -> pong
    else if (text.startsWith('40')) connected();
    else if (text.startsWith('43')) {
      const match = /^43(\d+)(.*)$/s.exec(text);
      if (match) acks.set(Number(match[1]), (JSON.parse(match[2]!) as unknown[])[0]);
    } else if (text.startsWith('42')) {
      const name = /^42\["([^"]+)"/.exec(text)?.[1] ?? '?';
      events.set(name, (events.get(name) ?? 0) + 1);
    }
  });
  await ready;
  return {
    ws,
    acks,
    events,
    received: () => bytes,
    emit(event, payload) {
      const id = nextId++;
      ws.send(`42${id}${JSON.stringify([event, payload])}`);
      return id;
    },
    emitMany(list) {
      const socket = (ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
      socket.cork();
      const ids = list.map(([event, payload]) => {
        const id = nextId++;
        ws.send(`42${id}${JSON.stringify([event, payload])}`);
        return id;
      });
      socket.uncork();
      return ids;
    },
    sendRaw: (text) => ws.send(text),
    stopReading() {
      (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    },
    closed,
    close: () => ws.terminate(),
  };
}
