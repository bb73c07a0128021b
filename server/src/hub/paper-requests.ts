// A connection's paper trading: its account is opened as it connects (the token it presents in `auth.account`, or a
// new account whose token goes to it in the first `account` event), it joins the account's room for the private
// events, and its order:place / order:cancel / account:reset requests act on that account. Each request goes
// through the connection's request gate like any other; the desk limits each account's orders on top.

import type { AckError } from '@tickline/shared';
import type { OpenAccountResult } from '../paper/paper-desk.ts';
import { accountRoom, type PaperService } from '../paper/paper-service.ts';
import type { ClientState } from './client-state.ts';
import type { RequestHandlers } from './request-handler.ts';

export interface PaperDeps {
  paper: PaperService;
  onError: (err: unknown) => void;
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

export interface PaperSessions {
  /**
   * The connection's account token, opening the account first (again, if the last attempt failed): called as it
   * connects, so its `account` event comes at once.
   */
  account(client: ClientState): Promise<string | undefined>;
  handlers: Pick<RequestHandlers<ClientState>, 'order:place' | 'order:cancel' | 'account:reset'>;
}

export function paperSessions({ paper, onError }: PaperDeps): PaperSessions {
  const open = async (client: ClientState): Promise<string | undefined> => {
    const { socket } = client;
    // The token presented in the handshake, read from it again on a retry (until an account is opened).
    const presented = presentedToken(socket.handshake.auth);
    let result: OpenAccountResult;
    try {
      result = await paper.open(presented, socket.data.address ?? socket.handshake.address);
    } catch (err) {
      onError(err);
      return undefined;
    } finally {
      client.opening = undefined;
    }
    if (!result.ok) return undefined;
    // Once opened, a retry must not open yet another account.
    const token = result.account.token ?? presented;
    client.account = token;
    await socket.join(accountRoom(result.accountId));
    socket.emit('account', result.account);
    return token;
  };
  // Opened in a microtask, never at once: `opening` is set before the attempt can end and clear it.
  const account = (client: ClientState): Promise<string | undefined> =>
    client.account !== undefined
      ? Promise.resolve(client.account)
      : (client.opening ??= Promise.resolve(client).then(open));

  return {
    account,
    handlers: {
      'order:place': async (client, request) => {
        const t = await account(client);
        return t === undefined ? NO_ACCOUNT : paper.place(t, request);
      },
      'order:cancel': async (client, { orderId }) => {
        const t = await account(client);
        return t === undefined ? NO_ACCOUNT : paper.cancel(t, orderId);
      },
      'account:reset': async (client) => {
        const t = await account(client);
        return t === undefined ? NO_ACCOUNT : paper.reset(t);
      },
    },
  };
}
