// The presenter's broadcasts: `presenter:announce` and `presenter:view`, admin only (the token in the payload,
// checked by the admin guard, wrong guesses limited per address), passed to every client of every node by
// `io.emit` (the Redis adapter in a cluster). Each goes through the connection's request gate like any request.

import type { AdminGuard } from '../gate/admin-guard.ts';
import type { MarketView } from './market-view.ts';
import { handleRequest, OPEN_GATE, type RequestGate } from './request-handler.ts';
import type { TicklineServer, TicklineSocket } from './socket-types.ts';

export interface PresenterDeps {
  admin: AdminGuard;
  io: TicklineServer;
  view: Pick<MarketView, 'has'>;
  clock: () => number;
  onError: (err: unknown) => void;
  gate?: RequestGate | undefined;
}

export function registerPresenterHandlers(socket: TicklineSocket, deps: PresenterDeps): void {
  const { admin, io, view, clock, onError } = deps;
  const gate = deps.gate ?? OPEN_GATE;
  const address = () => socket.data.address ?? socket.handshake.address;

  handleRequest(
    socket,
    'presenter:announce',
    ({ token, message }) => {
      const refusal = admin.checkSocket(token, address());
      if (refusal) return refusal;
      const time = clock();
      io.emit('announcement', { message, time });
      return { ok: true, time };
    },
    onError,
    gate,
  );

  handleRequest(
    socket,
    'presenter:view',
    ({ token, symbol, interval, highlight }) => {
      const refusal = admin.checkSocket(token, address());
      if (refusal) return refusal;
      if (!view.has(symbol))
        return { ok: false, error: { code: 'unknown_symbol', message: `unknown symbol ${symbol}` } };
      const time = clock();
      io.emit('presenter:view', { symbol, interval, highlight, time });
      return { ok: true, time };
    },
    onError,
    gate,
  );
}
