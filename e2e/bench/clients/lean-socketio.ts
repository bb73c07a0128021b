// A minimal Socket.IO v5 client (Engine.IO v4, websocket transport only) over `ws`, for the load generator's lean
// clients. socket.io-client runs every message through engine.io-client's transport and emitter, socket.io-parser's
// decoder (with its binary checks) and its Socket's dispatch: ~30 % more generator CPU than the raw-ws client spends
// on the same JSON, so the generator, not the server under test, could set the limit. Here a message costs one
// decode of the frame and one JSON.parse. What it keeps of socket.io-client is what the bench relies on: acks with a
// timeout, emits held while disconnected, the heartbeat, and reconnection with the same backoff. Namespace "/" only,
// no binary, no polling; the real client (tickline-real-client.ts) stays on socket.io-client on purpose.

import type { Socket as NetSocket } from 'node:net';
import WebSocket from 'ws';

export interface LeanSocketIoOptions {
  /** socket.io-client's backoff and defaults: the first retry after ~delay, doubling up to delayMax, +-50 %. */
  reconnectionDelay?: number;
  reconnectionDelayMax?: number;
  randomizationFactor?: number;
  /** From opening the WebSocket to Engine.IO's open packet (socket.io-client's `timeout`). */
  connectTimeout?: number;
  path?: string;
}

type Settings = Required<LeanSocketIoOptions>;

const DEFAULTS: Settings = {
  reconnectionDelay: 1000,
  reconnectionDelayMax: 5000,
  randomizationFactor: 0.5,
  connectTimeout: 20_000,
  path: '/socket.io/',
};

/** socket.io-client's names for why a connected socket went away. */
export type DisconnectReason =
  'transport close' | 'ping timeout' | 'parse error' | 'io server disconnect' | 'io client disconnect';

type RequestOf<F> = F extends (request: infer Q, ...rest: never[]) => void ? Q : never;
type ResponseOf<F> = F extends (request: never, ack: (response: infer R) => void) => void ? R : undefined;

/**
 * The server's answer, or why there is none: it timed out, or the connection it went out on was lost. As with
 * socket.io-client's `socket.timeout(ms).emit`, `response` means nothing when `err` is set.
 */
export type AckCallback<R> = (err: Error | null, response: R) => void;

interface PendingAck {
  ack: (err: Error | null, response?: unknown) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
  sent: boolean;
}

// First characters of the packets: Engine.IO's type, then (in a message) Socket.IO's.
const EIO_OPEN = 0x30; // '0'
const EIO_CLOSE = 0x31; // '1'
const EIO_PING = 0x32; // '2'
const EIO_MESSAGE = 0x34; // '4'
const SIO_EVENT = 0x32; // '2'
const OPEN_BRACKET = 0x5b; // '['

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;

/** `http://host:port` -> the Engine.IO websocket endpoint. */
export function engineUrl(url: string, path = DEFAULTS.path): string {
  const u = new URL(url);
  u.protocol = u.protocol === 'https:' || u.protocol === 'wss:' ? 'wss:' : 'ws:';
  u.pathname = path;
  u.search = 'EIO=4&transport=websocket';
  return u.href;
}

/** socket.io-client's backoff (backo2): min * 2^attempt, moved up or down by up to `randomizationFactor`, capped. */
export function reconnectDelay(
  attempt: number,
  o: Pick<Settings, 'reconnectionDelay' | 'reconnectionDelayMax' | 'randomizationFactor'>,
  random: () => number = Math.random,
): number {
  // Capped so a long outage cannot overflow to Infinity (backo2 then returns 0 and retries in a tight loop).
  const ms = o.reconnectionDelay * 2 ** Math.min(attempt, 30);
  const rand = random();
  const deviation = Math.floor(rand * o.randomizationFactor * ms);
  const jittered = (Math.floor(rand * 10) & 1) === 0 ? ms - deviation : ms + deviation;
  return Math.min(jittered, o.reconnectionDelayMax) | 0;
}

export class LeanSocketIo<Listen extends object, Emit extends object> {
  /** Called on every connection to "/" (the first and each reconnection), after held emits went out. */
  onConnect: () => void = () => {};
  /** Called when a connected socket goes away; a reconnection follows unless closed by either side. */
  onDisconnect: (reason: DisconnectReason) => void = () => {};

  private readonly url: string;
  private readonly settings: Settings;
  private current: WebSocket | undefined;
  private isConnected = false;
  private stopped = false;
  private attempts = 0;
  /** Up to the open packet the connect timeout, then the heartbeat (refreshed by each ping). */
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly handlers = new Map<string, (...args: unknown[]) => void>();
  private readonly acks = new Map<number, PendingAck>();
  private nextAckId = 0;
  /** Emitted while disconnected: sent on the next connection, as socket.io-client's sendBuffer. */
  private unsent: { packet: string; id: number | undefined }[] = [];

  constructor(url: string, options: LeanSocketIoOptions = {}) {
    this.settings = { ...DEFAULTS, ...options };
    this.url = engineUrl(url, this.settings.path);
    this.open();
  }

  get connected(): boolean {
    return this.isConnected;
  }

  /** The current connection's WebSocket (undefined between connections): pause()/resume() play a stalled reader. */
  get ws(): WebSocket | undefined {
    return this.current;
  }

  /** The current connection's TCP socket (`ws`'s private `_socket`): its bytesRead are the bytes on the wire. */
  get tcp(): NetSocket | undefined {
    return (this.current as unknown as { _socket?: NetSocket | null } | undefined)?._socket ?? undefined;
  }

  /** One handler per event: the lean clients need no more, and a Map lookup is all a message costs. */
  on<E extends keyof Listen & string>(event: E, handler: Listen[E]): this {
    if (this.handlers.has(event)) throw new Error(`lean Socket.IO client: a second handler for "${event}"`);
    this.handlers.set(event, handler as unknown as (...args: unknown[]) => void);
    return this;
  }

  /**
   * Sends `event` with one payload; with `ack`, the server's answer comes back to it, or an error after `timeoutMs`
   * (like `socket.timeout(ms).emit`) or when the connection it went out on is lost. Held while disconnected; dropped
   * after close().
   */
  emit<E extends keyof Emit & string>(
    event: E,
    request: RequestOf<Emit[E]>,
    ack?: AckCallback<ResponseOf<Emit[E]>>,
    timeoutMs?: number,
  ): void {
    if (this.stopped) return;
    let id: number | undefined;
    if (ack) {
      const ackId = (id = this.nextAckId++);
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => this.timedOut(ackId), timeoutMs);
      this.acks.set(ackId, { ack: ack as PendingAck['ack'], timer, sent: false });
    }
    const packet = `42${id ?? ''}${JSON.stringify([event, request])}`;
    const ws = this.isConnected ? this.current : undefined;
    if (ws) this.send(ws, packet, id);
    else this.unsent.push({ packet, id });
  }

  /** Disconnects for good: no reconnection, held emits dropped, later emits ignored. */
  close(): void {
    this.stop('io client disconnect');
  }

  private open(): void {
    const ws = new WebSocket(this.url, { perMessageDeflate: false });
    this.current = ws;
    this.arm(this.settings.connectTimeout, 'transport close');
    // A replaced WebSocket may still deliver what it had buffered (ws reads it on close): only the current one counts.
    ws.on('message', (data, isBinary) => {
      if (ws === this.current && !isBinary) this.receive(data as Buffer);
    });
    ws.on('error', () => {}); // followed by 'close'
    ws.on('close', () => {
      if (ws === this.current) this.lost('transport close');
    });
  }

  private receive(buf: Buffer): void {
    switch (buf[0]) {
      case EIO_MESSAGE:
        if (buf[1] === SIO_EVENT) this.event(buf);
        else this.control(buf.toString());
        return;
      case EIO_PING:
        this.timer?.refresh();
        this.current?.send('3');
        return;
      case EIO_OPEN:
        return this.handshake(buf.toString());
      case EIO_CLOSE:
        return this.lost('transport close');
    }
  }

  /** `42[<ack id>]["event",...args]`: the hot path, one JSON.parse and a Map lookup. */
  private event(buf: Buffer): void {
    let i = 2;
    while (isDigit(buf[i])) i++; // an ack the server asks for: not supported, the event is still delivered
    if (buf[i] !== OPEN_BRACKET) return; // another namespace
    let args: unknown[];
    try {
      args = JSON.parse(buf.toString('utf8', i)) as unknown[];
    } catch {
      return this.lost('parse error');
    }
    const handler = this.handlers.get(args[0] as string);
    if (handler === undefined) return;
    if (args.length === 2) handler(args[1]);
    else handler(...args.slice(1));
  }

  private handshake(text: string): void {
    const { pingInterval, pingTimeout } = JSON.parse(text.slice(1)) as { pingInterval: number; pingTimeout: number };
    // engine.io-client's rule: a connection that has not pinged for pingInterval + pingTimeout is lost.
    this.arm(pingInterval + pingTimeout, 'ping timeout');
    this.current?.send('40');
  }

  /** Socket.IO packets other than events, all rare. */
  private control(text: string): void {
    if (text.charCodeAt(2) === 0x2f /* '/' */) return; // another namespace
    switch (text[1]) {
      case '0':
        return this.joined();
      case '1':
        // As socket.io-client: a server-side disconnect means stay away (the server relies on it to shed a client).
        return this.stop('io server disconnect');
      case '3':
        return this.answered(text);
      case '4':
        // Refused by a middleware: socket.io-client would wait; the bench has no such server, so retry with backoff.
        return this.lost('transport close');
    }
  }

  private joined(): void {
    this.isConnected = true;
    this.attempts = 0;
    const unsent = this.unsent;
    this.unsent = [];
    const ws = this.current;
    if (ws) for (const { packet, id } of unsent) this.send(ws, packet, id);
    this.onConnect();
  }

  private send(ws: WebSocket, packet: string, id: number | undefined): void {
    ws.send(packet);
    if (id !== undefined) {
      const pending = this.acks.get(id);
      if (pending) pending.sent = true;
    }
  }

  /** `43<id>[...args]`. */
  private answered(text: string): void {
    let i = 2;
    while (isDigit(text.charCodeAt(i))) i++;
    const id = Number(text.slice(2, i));
    const pending = this.acks.get(id);
    if (!pending) return;
    let args: unknown[];
    try {
      args = JSON.parse(text.slice(i)) as unknown[];
    } catch {
      return this.lost('parse error');
    }
    this.acks.delete(id);
    clearTimeout(pending.timer);
    pending.ack(null, args[0]);
  }

  private timedOut(id: number): void {
    const pending = this.acks.get(id);
    if (!pending) return;
    this.acks.delete(id);
    if (!pending.sent) this.unsent = this.unsent.filter((u) => u.id !== id);
    pending.ack(new Error('operation has timed out'));
  }

  private arm(ms: number, reason: DisconnectReason): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.lost(reason), ms);
  }

  /** The connection is gone (or never came up) without either side meaning it: tell, then retry with backoff. */
  private lost(reason: DisconnectReason): void {
    this.drop();
    this.disconnected(reason);
    if (this.stopped) return; // closed from onDisconnect or an ack callback
    const delay = reconnectDelay(this.attempts++, this.settings);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.open();
    }, delay);
  }

  private stop(reason: DisconnectReason): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.retry);
    this.drop();
    this.disconnected(reason);
    // Nothing more will be sent: forget what waits without calling back (a callback would only ask again).
    for (const pending of this.acks.values()) clearTimeout(pending.timer);
    this.acks.clear();
    this.unsent = [];
  }

  /** Forgets the current WebSocket and cuts it at once: a polite close would wait on a peer that may be gone. */
  private drop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const ws = this.current;
    this.current = undefined;
    ws?.terminate();
  }

  private disconnected(reason: DisconnectReason): void {
    if (!this.isConnected) return;
    this.isConnected = false;
    this.onDisconnect(reason);
    // Requests that went out on the lost connection will never be answered (those held wait for the next one).
    for (const [id, pending] of this.acks) {
      if (!pending.sent) continue;
      this.acks.delete(id);
      clearTimeout(pending.timer);
      pending.ack(new Error('socket has been disconnected'));
    }
  }
}

/** Opens a lean Socket.IO connection to `url` (`http://host:port`); it reconnects until close(). */
export function connectLeanSocketIo<Listen extends object, Emit extends object>(
  url: string,
  options: LeanSocketIoOptions = {},
): LeanSocketIo<Listen, Emit> {
  return new LeanSocketIo<Listen, Emit>(url, options);
}
