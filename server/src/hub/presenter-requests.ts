// The presenter's broadcasts: `presenter:announce` and `presenter:view`, admin only (the token in the payload,
// checked by the admin guard, wrong guesses limited per address), passed to every client of every node by
// `io.emit` (the Redis adapter in a cluster). Each goes through the connection's request gate like any request.
// The last view is kept on every node and sent to each viewer as it connects.

import type { AdminGuard } from '../gate/admin-guard.ts';
import type { MarketView } from './market-view.ts';
import type { ClientState } from './client-state.ts';
import type { RequestHandlers } from './request-handler.ts';
import type { PresenterViewNotice } from '@tickline/shared';
import type { TicklineServer, TicklineSocket } from './socket-types.ts';

/** A view older than this is not shown to viewers who join: the talk is over. */
export const LAST_VIEW_MAX_AGE_MS = 2 * 3_600_000;

/**
 * The presenter's last view, kept by every node (the one that took it, and the others through serverSideEmit), so a
 * viewer who joins after it was sent is shown it at once instead of waiting for the presenter's next change.
 */
export class LastView {
  private view: PresenterViewNotice | undefined;

  constructor(
    private readonly io: TicklineServer,
    private readonly clock: () => number,
    /** Whether other nodes share this one's broadcasts (a cluster's adapter); the in-memory one cannot. */
    private readonly crossNode: boolean,
  ) {
    io.on('presenter:last-view', (view) => this.keep(view));
  }

  /** Keeps a view sent here, and tells the other nodes. */
  sent(view: PresenterViewNotice): void {
    this.keep(view);
    if (this.crossNode) this.io.serverSideEmit('presenter:last-view', view);
  }

  private keep(view: PresenterViewNotice): void {
    if (!this.view || view.time >= this.view.time) this.view = view;
  }

  /** The view a joining viewer should get, if one is recent enough. */
  current(): PresenterViewNotice | undefined {
    const view = this.view;
    return view && this.clock() - view.time <= LAST_VIEW_MAX_AGE_MS ? view : undefined;
  }
}

export interface PresenterDeps {
  admin: AdminGuard;
  io: TicklineServer;
  view: Pick<MarketView, 'has'>;
  clock: () => number;
  /** Where this node keeps the last view; none, nothing kept. */
  lastView?: LastView | undefined;
}

/** A viewer who joins mid-talk sees what the presenter shows now (a follower takes it on at once). */
export function showLastView(socket: TicklineSocket, lastView: LastView | undefined): void {
  const last = lastView?.current();
  if (last) socket.emit('presenter:view', last);
}

/** The presenter's requests, shared by every connection. */
export function presenterHandlers(
  deps: PresenterDeps,
): Pick<RequestHandlers<ClientState>, 'presenter:announce' | 'presenter:view'> {
  const { admin, io, view, clock } = deps;
  const address = ({ socket }: ClientState) => socket.data.address ?? socket.handshake.address;
  return {
    'presenter:announce': (client, { token, message }) => {
      const refusal = admin.checkSocket(token, address(client));
      if (refusal) return refusal;
      const time = clock();
      io.emit('announcement', { message, time });
      return { ok: true, time };
    },
    'presenter:view': (client, { token, symbol, interval, highlight, zoom }) => {
      const refusal = admin.checkSocket(token, address(client));
      if (refusal) return refusal;
      if (!view.has(symbol))
        return { ok: false, error: { code: 'unknown_symbol', message: `unknown symbol ${symbol}` } };
      const time = clock();
      const notice = { symbol, interval, highlight, ...(zoom ? { zoom } : {}), time };
      io.emit('presenter:view', notice);
      deps.lastView?.sent(notice);
      return { ok: true, time };
    },
  };
}
