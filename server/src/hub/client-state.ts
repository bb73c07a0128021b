// What the server keeps for one connection, in one small object: the request handlers are shared by every socket
// and take it as an argument. Closures made per socket per event cost ~9 KB a connection (docs/BENCHMARKS.md);
// this costs a few hundred bytes, most of them the budgets.

import type { ClientBudget } from './client-limits.ts';
import type { TicklineSocket } from './socket-types.ts';

export interface ClientState {
  readonly socket: TicklineSocket;
  /** Its request, snapshot and inbound byte budgets (client-limits.ts). */
  readonly budget: ClientBudget;
  /** Set once the connection is being cut, so it is cut, counted and logged once. */
  cut: boolean;
  /**
   * The state each symbol was last served to it in (subscriptions.ts): a resync is counted once per state. Made at
   * its first snapshot; a connection that never subscribes has none.
   */
  served: Map<string, string> | undefined;
  /** Its paper account's token once opened (paper-requests.ts). */
  account: string | undefined;
  /** The paper account being opened, while it is. */
  opening: Promise<string | undefined> | undefined;
}

export function clientState(socket: TicklineSocket, budget: ClientBudget): ClientState {
  return { socket, budget, cut: false, served: undefined, account: undefined, opening: undefined };
}

/**
 * Each connection's state, by its Engine.IO connection: the request listener finds it from the socket (`socket.conn`)
 * and the inbound byte counter from the connection itself, so both are functions shared by every connection.
 * Weak, so a connection dropped without a disconnect event (none should be) is still collected.
 */
export class ClientStates {
  private readonly byConnection = new WeakMap<object, ClientState>();

  add(state: ClientState): void {
    this.byConnection.set(state.socket.conn, state);
  }

  /** The state of a socket, if it is still the one connected on its connection. */
  ofSocket(socket: TicklineSocket): ClientState | undefined {
    const state = this.byConnection.get(socket.conn);
    return state?.socket === socket ? state : undefined;
  }

  ofConnection(conn: object): ClientState | undefined {
    return this.byConnection.get(conn);
  }

  delete(socket: TicklineSocket): void {
    if (this.ofSocket(socket)) this.byConnection.delete(socket.conn);
  }
}
