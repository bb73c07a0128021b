// What a connection's paper trading requests are answered by: the desk in this process, or (a cluster edge) the
// feed node's desk through the command path. Private events reach an account's connections in its room, through
// Socket.IO's adapter, so on every edge of a cluster.

import type { CancelOrderAck, PaperAccount, PlaceOrderAck, PlaceOrderRequest, ResetAccountAck } from '@tickline/shared';
import type { TicklineServer } from '../hub/socket-types.ts';
import type { OpenAccountResult, PaperDesk, PaperNotifier } from './paper-desk.ts';

type Answer<T> = T | Promise<T>;

export interface PaperService {
  /** The account of a token, or a new one (its state then carries the token) for none or an unknown one. */
  open(token: string | undefined, address: string): Answer<OpenAccountResult>;
  place(token: string, request: PlaceOrderRequest): Answer<PlaceOrderAck>;
  cancel(token: string, orderId: string): Answer<CancelOrderAck>;
  reset(token: string): Answer<ResetAccountAck>;
}

export function deskService(desk: PaperDesk): PaperService {
  return {
    open: (token, address) => desk.open(token, address),
    place: (token, request) => desk.place(token, request),
    cancel: (token, orderId) => desk.cancel(token, orderId),
    reset: (token) => desk.reset(token),
  };
}

/** The room of one account's connections. */
export const accountRoom = (accountId: string) => `paper:${accountId}`;

/** Private events to an account's room: `io` is the server's (single process) or the feed node's emitter (cluster). */
export function roomNotifier(io: () => TicklineServer | undefined): PaperNotifier {
  return {
    account: (id, account: PaperAccount) => io()?.to(accountRoom(id)).emit('account', account),
    order: (id, order) => io()?.to(accountRoom(id)).emit('order', order),
    fill: (id, fill) => io()?.to(accountRoom(id)).emit('fill', fill),
  };
}
