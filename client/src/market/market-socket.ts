// The Socket.IO client socket the market connection talks through, and the narrow part of it the connection uses.

import type {
  ClientToServerEvents,
  HistoryAck,
  HistoryRequest,
  PingAck,
  PingRequest,
  ResyncAck,
  ResyncRequest,
  ServerToClientEvents,
  SubscribeAck,
  SubscribeRequest,
} from '@tickline/shared';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

export type MarketSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type MarketSocketOptions = Partial<ManagerOptions & SocketOptions>;

/** An ack callback under `socket.timeout(ms)`: an Error when no answer came in time (or the socket disconnected). */
export type TimedAck<A> = (err: Error | null, response: A) => void;

/** What `socket.timeout(ms)` returns: requests whose ack fails with an Error after `ms`. */
export interface TimedEmitter {
  emit(event: 'subscribe', request: SubscribeRequest, ack: TimedAck<SubscribeAck>): unknown;
  emit(event: 'resync', request: ResyncRequest, ack: TimedAck<ResyncAck>): unknown;
  emit(event: 'ping', request: PingRequest, ack: TimedAck<PingAck>): unknown;
  emit(event: 'history', request: HistoryRequest, ack: TimedAck<HistoryAck>): unknown;
}

/**
 * The part of a Socket.IO client socket the connection uses. A real `MarketSocket` satisfies it (main.tsx passes
 * one, so the compiler checks that), and so does an in-memory fake in tests.
 */
export interface MarketSocketPort {
  readonly connected: boolean;
  /** False once the socket has given up for good (closed by either side); true while it (re)connects. */
  readonly active: boolean;
  /** The Engine.IO side, read only for the transport's name ('websocket' or 'polling'). */
  readonly io?: { readonly engine?: { readonly transport?: { readonly name: string } } };
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'connect_error', listener: (error: Error) => void): unknown;
  on(event: 'md', listener: ServerToClientEvents['md']): unknown;
  on(event: 'feed:status', listener: ServerToClientEvents['feed:status']): unknown;
  on(event: 'server:shutdown', listener: ServerToClientEvents['server:shutdown']): unknown;
  /** Every request goes through here: an unanswered one fails after `ms` instead of waiting forever. */
  timeout(ms: number): TimedEmitter;
  disconnect(): unknown;
  /** Connects again after a disconnect (Socket.IO does not by itself after the server disconnected it). */
  connect(): unknown;
}

/** The name of the transport the socket uses now; null when it cannot tell. */
export function transportName(socket: MarketSocketPort): string | null {
  return socket.io?.engine?.transport?.name ?? null;
}

/**
 * A socket to `url` (the page's own origin by default), over WebSocket only: the server may be several edges behind
 * a plain load balancer, and polling's many requests would land on different edges (it needs sticky sessions).
 * `options` go to socket.io-client as they are (a Node client passes `reconnectionDelay`, ...).
 * Connection state recovery stays off: after a reconnect the client resyncs every symbol itself.
 */
export function createMarketSocket(url?: string, options: MarketSocketOptions = {}): MarketSocket {
  const merged: MarketSocketOptions = { transports: ['websocket'], ...options };
  return url === undefined ? io(merged) : io(url, merged);
}
