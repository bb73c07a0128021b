// The paper account's side of the socket: the private events go into the AccountStore (and a new account's token
// into storage, for the next handshake), and the ticket's requests go out with a deadline, so a request never
// hangs on a server that does not answer.

import type {
  AckError,
  CancelOrderAck,
  CancelOrderRequest,
  PlaceOrderAck,
  PlaceOrderRequest,
  ResetAccountAck,
  ResetAccountRequest,
  ServerToClientEvents,
} from '@tickline/shared';
import type { AccountTokens } from './account-token.ts';
import type { AccountStore } from './account-store.ts';

/** What `socket.timeout(ms)` offers the link: requests whose promise rejects when no answer came in time. */
export interface PaperEmitter {
  emitWithAck(event: 'order:place', request: PlaceOrderRequest): Promise<PlaceOrderAck>;
  emitWithAck(event: 'order:cancel', request: CancelOrderRequest): Promise<CancelOrderAck>;
  emitWithAck(event: 'account:reset', request: ResetAccountRequest): Promise<ResetAccountAck>;
}

/** The part of the Socket.IO client socket the link uses (main.tsx passes the real one, so the compiler checks). */
export interface PaperSocket {
  on(event: 'account', listener: ServerToClientEvents['account']): unknown;
  on(event: 'order', listener: ServerToClientEvents['order']): unknown;
  on(event: 'fill', listener: ServerToClientEvents['fill']): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  timeout(ms: number): PaperEmitter;
}

/** What the panels ask of the account. Every answer is an ack: a lost or late answer is an `unavailable` error. */
export interface PaperRequests {
  place(request: PlaceOrderRequest): Promise<PlaceOrderAck>;
  cancel(orderId: string): Promise<CancelOrderAck>;
  reset(): Promise<ResetAccountAck>;
}

/** How long a request may go unanswered: a matching engine answers in milliseconds, a human waits a few seconds. */
export const PAPER_ACK_TIMEOUT_MS = 5_000;

export function linkPaperAccount(
  socket: PaperSocket,
  store: AccountStore,
  tokens: AccountTokens,
  timeoutMs = PAPER_ACK_TIMEOUT_MS,
): PaperRequests {
  socket.on('account', (account) => {
    // Sent only when the server opened a new account for us (the first visit, or one it no longer knew): the
    // handshake presents it from the next connect on.
    if (account.token !== undefined) tokens.set(account.token);
    store.setAccount(account);
  });
  socket.on('order', (order) => store.noteOrder(order));
  socket.on('fill', (fill) => store.noteFill(fill));
  socket.on('disconnect', () => store.setOffline());

  const noAnswer = (): AckError => ({
    ok: false,
    error: { code: 'unavailable', message: `The server did not answer within ${timeoutMs / 1000} s.` },
  });

  return {
    place: (request) => socket.timeout(timeoutMs).emitWithAck('order:place', request).catch(noAnswer),
    cancel: (orderId) => socket.timeout(timeoutMs).emitWithAck('order:cancel', { orderId }).catch(noAnswer),
    async reset() {
      const ack = await socket.timeout(timeoutMs).emitWithAck('account:reset', {}).catch(noAnswer);
      if (ack.ok) store.setAccount(ack.account);
      return ack;
    },
  };
}

/**
 * The handshake's `auth`, asked for at every connect and reconnect: the viewer token if the server wants one, and
 * the paper account's token once this browser has one (a token received on this connection is presented on the
 * next).
 */
export function handshakeAuth(
  viewerToken: string | undefined,
  tokens: AccountTokens,
): (callback: (auth: Record<string, string>) => void) => void {
  return (callback) => {
    const auth: Record<string, string> = {};
    if (viewerToken !== undefined) auth.token = viewerToken;
    const account = tokens.get();
    if (account !== undefined) auth.account = account;
    callback(auth);
  };
}
