// A connection's paper trading: its account is opened as it connects (the token it presents in `auth.account`, or a
// new account whose token goes to it in the first `account` event), it joins the account's room for the private
// events, and its order:place / order:cancel / account:reset requests act on that account. Each request goes
// through the connection's request gate like any other; the desk limits each account's orders on top.

import type { AckError } from '@tickline/shared';
import { accountRoom, type PaperService } from '../paper/paper-service.ts';
import { handleRequest, OPEN_GATE, type RequestGate } from './request-handler.ts';
import type { TicklineSocket } from './socket-types.ts';

export interface PaperDeps {
  paper: PaperService;
  onError: (err: unknown) => void;
  gate?: RequestGate | undefined;
}

/** Longest token accepted in the handshake (the desk's are 24 characters). */
const MAX_TOKEN_LENGTH = 64;

const NO_ACCOUNT: AckError = {
  ok: false,
  error: { code: 'unavailable', message: 'paper trading is not available right now; retry shortly' },
};

export function presentedToken(auth: unknown): string | undefined {
  const token = typeof auth === 'object' && auth !== null ? (auth as { account?: unknown }).account : undefined;
  return typeof token === 'string' && token.length > 0 && token.length <= MAX_TOKEN_LENGTH ? token : undefined;
}

export function registerPaperHandlers(socket: TicklineSocket, deps: PaperDeps): void {
  const { paper, onError } = deps;
  const gate = deps.gate ?? OPEN_GATE;
  const address = socket.data.address ?? socket.handshake.address;
  let presented = presentedToken(socket.handshake.auth);
  let token: string | undefined;
  let opening: Promise<string | undefined> | undefined;

  /** The connection's account token, opening the account first (again, if the last attempt failed). */
  const account = (): Promise<string | undefined> => {
    if (token !== undefined) return Promise.resolve(token);
    opening ??= Promise.resolve()
      .then(() => paper.open(presented, address))
      .then(
        async (result) => {
          opening = undefined;
          if (!result.ok) return undefined;
          token = result.account.token ?? presented;
          // Once opened, a retry must not open yet another account.
          presented = token;
          await socket.join(accountRoom(result.accountId));
          socket.emit('account', result.account);
          return token;
        },
        (err: unknown) => {
          opening = undefined;
          onError(err);
          return undefined;
        },
      );
    return opening;
  };
  void account();

  handleRequest(
    socket,
    'order:place',
    async (request) => {
      const t = await account();
      return t === undefined ? NO_ACCOUNT : paper.place(t, request);
    },
    onError,
    gate,
  );
  handleRequest(
    socket,
    'order:cancel',
    async ({ orderId }) => {
      const t = await account();
      return t === undefined ? NO_ACCOUNT : paper.cancel(t, orderId);
    },
    onError,
    gate,
  );
  handleRequest(
    socket,
    'account:reset',
    async () => {
      const t = await account();
      return t === undefined ? NO_ACCOUNT : paper.reset(t);
    },
    onError,
    gate,
  );
}
