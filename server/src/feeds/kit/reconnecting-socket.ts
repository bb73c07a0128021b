// A WebSocket to an exchange that stays up: reconnects with backoff and jitter, treats silence as a dead
// connection (idle timeout), keeps the link warm with pings, and reports every state change.

import WebSocket from 'ws';
import { backoffDelay, type BackoffPolicy, DEFAULT_BACKOFF } from './backoff.ts';

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ReconnectingSocketOptions {
  /** Where to connect; a function is asked again before every attempt (a venue may rotate its URL). */
  url: string | (() => string);
  /** No message, ping or pong for this long and the connection is presumed dead and replaced. */
  idleTimeoutMs: number;
  /** Interval of our own ping frames; 0 leaves keepalive to the server. */
  pingIntervalMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** Called on every successful open, with a way to send (subscribe messages go here). */
  onOpen(send: (data: string) => void): void;
  onMessage(text: string): void;
  /** `error` is the socket's own error when there was one, for callers that explain it (explainUnreachable). */
  onState(state: SocketState, detail?: string, error?: Error): void;
}

export class ReconnectingSocket {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private stopped = true;
  private opens = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: ReconnectingSocketOptions) {}

  /** Times the socket has opened; more than one means it reconnected. */
  get openCount(): number {
    return this.opens;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  /** Drops the current connection (a gap the venue cannot repair in place) and connects again at once. */
  reconnect(reason: string): void {
    if (this.stopped) return;
    this.attempt = 0;
    this.ws?.terminate();
    this.options.onState('reconnecting', reason);
  }

  send(data: string): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    clearTimeout(this.retryTimer);
    const ws = this.ws;
    this.ws = undefined;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        ws.terminate();
        resolve();
      }, 1000);
      ws.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      ws.close();
    });
    this.options.onState('closed');
  }

  private connect(): void {
    const { url } = this.options;
    this.options.onState(this.opens === 0 ? 'connecting' : 'reconnecting');
    const ws = new WebSocket(typeof url === 'function' ? url() : url);
    this.ws = ws;
    ws.on('open', () => {
      this.attempt = 0;
      this.opens++;
      this.armIdle();
      const every = this.options.pingIntervalMs ?? 0;
      if (every > 0) this.pingTimer = setInterval(() => ws.ping(), every);
      this.options.onState('open');
      this.options.onOpen((data) => ws.readyState === WebSocket.OPEN && ws.send(data));
    });
    ws.on('message', (data) => {
      this.armIdle();
      this.options.onMessage(data.toString());
    });
    ws.on('ping', () => this.armIdle());
    ws.on('pong', () => this.armIdle());
    ws.on('error', (err) => this.options.onState('reconnecting', err.message, err));
    ws.on('close', () => {
      if (this.ws !== ws) return; // replaced or stopped
      this.clearTimers();
      this.ws = undefined;
      if (this.stopped) return;
      const delay = backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random);
      this.options.onState('reconnecting', `closed; retrying in ${Math.round(delay)} ms`);
      this.retryTimer = setTimeout(() => this.connect(), delay);
    });
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    const ws = this.ws;
    this.idleTimer = setTimeout(() => {
      this.options.onState('reconnecting', `no message for ${this.options.idleTimeoutMs} ms`);
      ws?.terminate();
    }, this.options.idleTimeoutMs);
  }

  private clearTimers(): void {
    clearTimeout(this.idleTimer);
    clearInterval(this.pingTimer);
    this.idleTimer = undefined;
    this.pingTimer = undefined;
  }
}
