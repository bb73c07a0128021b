// The Socket.IO event maps: the generics of `Server<...>` on the server and `Socket<...>` in the client.

import type {
  FeedState,
  HistoryAck,
  HistoryRequest,
  PingAck,
  PingRequest,
  PresenterAck,
  ResyncAck,
  ResyncRequest,
  ShutdownNotice,
  SubscribeAck,
  SubscribeRequest,
  UnsubscribeAck,
  UnsubscribeRequest,
} from './payloads.ts';
import type { WireBatch } from './wire.ts';
import type { Announcement, AnnounceRequest, PresenterViewNotice, PresenterViewRequest } from './presenter.ts';
import type {
  CancelOrderAck,
  CancelOrderRequest,
  PaperAccount,
  PaperFill,
  PaperOrder,
  PlaceOrderAck,
  PlaceOrderRequest,
  ResetAccountAck,
  ResetAccountRequest,
} from './paper.ts';

export interface ServerToClientEvents {
  /**
   * Market data: one message per flush with the changes of every symbol this client follows, compactly encoded
   * (decode with `decodeBatch`). The name is short because it is on every message.
   */
  md: (batch: WireBatch) => void;
  /**
   * The stream's epoch and whether the server hears its feed: sent first on every connection, then on every change.
   * A new epoch voids every snapshot and sequence number the client holds: resync everything (reason `epoch`).
   */
  'feed:status': (state: FeedState) => void;
  /**
   * The server is shutting down and disconnects this client next: reconnect at once (with 0-500 ms of random
   * jitter, so a crowd of clients does not arrive at once) instead of waiting out a backoff.
   */
  'server:shutdown': (notice: ShutdownNotice) => void;
  /** The presenter's announcement, to every client: show it (a toast). */
  announcement: (announcement: Announcement) => void;
  /** The presenter's view, to every client: a client in follow mode takes it on (symbol, interval, highlight). */
  'presenter:view': (view: PresenterViewNotice) => void;
  /**
   * Private, to the connections of one paper account: its whole state, on connecting (with the account's `token`
   * when the server opened a new account for this connection), after every order, fill or reset, and once a second
   * while it holds positions (marked to the live mid).
   */
  account: (account: PaperAccount) => void;
  /** Private: one of the account's orders changed (placed, filled in part or whole, cancelled). */
  order: (order: PaperOrder) => void;
  /** Private: one of the account's orders traded. */
  fill: (fill: PaperFill) => void;
}

export interface ClientToServerEvents {
  /** Join the symbols' rooms; the ack carries a snapshot of each, and updates follow. */
  subscribe: (request: SubscribeRequest, ack: (response: SubscribeAck) => void) => void;
  /** Leave the symbols' rooms; no more updates for them. */
  unsubscribe: (request: UnsubscribeRequest, ack: (response: UnsubscribeAck) => void) => void;
  /** Fresh snapshots for symbols whose state is in doubt (a gap, a checksum mismatch, a reconnect). */
  resync: (request: ResyncRequest, ack: (response: ResyncAck) => void) => void;
  /** Candles of one symbol at any interval, older than the stream's, for charts (see HistoryRequest). */
  history: (request: HistoryRequest, ack: (response: HistoryAck) => void) => void;
  /** Round-trip time and clock offset. */
  ping: (request: PingRequest, ack: (response: PingAck) => void) => void;
  /** Admin: an announcement to every client (`announcement`). Refused without the admin token. */
  'presenter:announce': (request: AnnounceRequest, ack: (response: PresenterAck) => void) => void;
  /** Admin: the presenter's view to every client (`presenter:view`). Refused without the admin token. */
  'presenter:view': (request: PresenterViewRequest, ack: (response: PresenterAck) => void) => void;
  /** Paper trading: an order for this connection's account. */
  'order:place': (request: PlaceOrderRequest, ack: (response: PlaceOrderAck) => void) => void;
  /** Paper trading: cancels an open order of this connection's account. */
  'order:cancel': (request: CancelOrderRequest, ack: (response: CancelOrderAck) => void) => void;
  /** Paper trading: cancels every open order and starts the account again with its starting cash. */
  'account:reset': (request: ResetAccountRequest, ack: (response: ResetAccountAck) => void) => void;
}

/**
 * Between the nodes of a cluster (Socket.IO's serverSideEmit, through the Redis adapter). The market stream does not
 * go this way: the nodes talk through the Redis bus and its command path (server/src/bus).
 */
export interface InterServerEvents {
  /** The presenter's view sent on one edge: every edge keeps the last one, for viewers who join later. */
  'presenter:last-view': (view: PresenterViewNotice) => void;
}

export interface SocketData {
  /** When the socket connected (ms since epoch). */
  connectedAt: number;
  /** The client address its connection counts against (behind a trusted proxy, the one the proxy saw). */
  address?: string;
  /** Engine.IO transport now: `websocket`, or `polling` until an upgrade. */
  transport?: string;
  /** The symbols it follows, kept here so the admin listing can read them from every node of a cluster. */
  symbols?: string[];
}
