// This browser's paper account, kept outside React like the market store: the server's latest full state of it,
// the order and fill events heard lately, and whether the account is reachable now. The socket writes here (see
// paper-link.ts); panels subscribe and re-render only when the account changes, never on market data.

import type { PaperAccount, PaperFill, PaperOrder } from '@tickline/shared';

/** One private event heard on the socket, numbered so a view can tell which it has shown already. */
export type AccountEvent =
  { id: number; kind: 'order'; order: PaperOrder } | { id: number; kind: 'fill'; fill: PaperFill };

export interface AccountState {
  /** The server's newest state of the account (without its token); null before the first `account` event. */
  account: PaperAccount | null;
  /** True from the first `account` event of a connection until it drops: requests can be answered. */
  online: boolean;
  /** Order and fill events, newest first, at most EVENTS_KEPT. */
  events: readonly AccountEvent[];
}

export const EVENTS_KEPT = 20;

const INITIAL: AccountState = { account: null, online: false, events: [] };

export class AccountStore {
  private state: AccountState = INITIAL;
  private nextEventId = 1;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The same object until something changes, as useSyncExternalStore wants. */
  getState = (): AccountState => this.state;

  /** A full state from the server: it replaces whatever was held. The token is the link's business, not a view's. */
  setAccount(account: PaperAccount): void {
    const { token: _secret, ...shown } = account;
    this.set({ account: shown, online: true });
  }

  noteOrder(order: PaperOrder): void {
    this.note({ id: this.nextEventId++, kind: 'order', order });
  }

  noteFill(fill: PaperFill): void {
    this.note({ id: this.nextEventId++, kind: 'fill', fill });
  }

  /** The connection dropped: the account shown is the last known one until the next `account` event. */
  setOffline(): void {
    if (this.state.online) this.set({ online: false });
  }

  private note(event: AccountEvent): void {
    this.set({ events: [event, ...this.state.events].slice(0, EVENTS_KEPT) });
  }

  private set(change: Partial<AccountState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of Array.from(this.listeners)) listener();
  }
}
