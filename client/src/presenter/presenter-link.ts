// The viewer's and the presenter's side of the presenter's broadcasts: announcements heard, the presenter's view
// followed (or not), and, for a presenter, their own view sent as it changes. Outside React, like the store.

import type { CandleInterval, PresenterAck, PresenterView, PresenterViewNotice, PresenterZoom } from '@tickline/shared';
import type { MarketSocket } from '../market/market-socket.ts';
import type { MarketStore } from '../market/store.ts';

export interface HeardAnnouncement {
  id: number;
  message: string;
  time: number;
}

export interface PresenterState {
  /** Announcements not dismissed yet, oldest first (at most MAX_SHOWN). */
  announcements: readonly HeardAnnouncement[];
  /** Whether this page takes on the presenter's view. */
  following: boolean;
  /** The presenter's last view heard; undefined before any. */
  view: PresenterViewNotice | undefined;
  /** Whether this page sends its own view to the room (a presenter). */
  broadcasting: boolean;
  /** The price a presenter points at (a decimal string), sent with the view; null for none. */
  highlight: string | null;
}

/** The price to mark on `symbol`'s chart: the presenter's when following, one's own when presenting. */
export function highlightFor(state: PresenterState, symbol: string): string | null {
  if (state.broadcasting) return state.highlight;
  if (state.following && state.view?.symbol === symbol) return state.view.highlight;
  return null;
}

/**
 * The zoom a chart of `symbol` at `interval` takes from the presenter: theirs when following them and they show that
 * chart; undefined otherwise (and for a presenter, who follows nobody). The same object until a new view arrives.
 */
export function followedZoom(state: PresenterState, symbol: string, interval: string): PresenterZoom | undefined {
  const view = state.view;
  if (!state.following || state.broadcasting || !view?.zoom) return undefined;
  return view.symbol === symbol && view.interval === interval ? view.zoom : undefined;
}

const MAX_SHOWN = 3;

/** A presenter's zoom is sent at most this often: a wheel fires far faster, and followers need only the result. */
export const ZOOM_SEND_MS = 150;

const sameZoom = (a: PresenterZoom | null | undefined, b: PresenterZoom | null | undefined): boolean =>
  (a ?? null) === (b ?? null) || (!!a && !!b && a.span === b.span && a.end === b.end);

/** The socket events the link uses: what a MarketSocket has. */
export type PresenterSocket = Pick<MarketSocket, 'on' | 'timeout'>;

export class PresenterLink {
  private state: PresenterState;
  private readonly listeners = new Set<() => void>();
  private nextId = 1;
  private stopBroadcast: (() => void) | undefined;
  /** Sends the view again (a new highlight); set while broadcasting. */
  private resend: (() => void) | undefined;
  /** The presenter's chart zoom, as the chart last reported it. */
  private zoom: PresenterZoom | null = null;
  private zoomTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly socket: PresenterSocket,
    private readonly store: MarketStore,
    options: { following?: boolean } = {},
  ) {
    this.state = {
      announcements: [],
      following: options.following ?? false,
      view: undefined,
      broadcasting: false,
      highlight: null,
    };
    socket.on('announcement', ({ message, time }) => {
      const heard = { id: this.nextId++, message, time };
      this.set({ announcements: [...this.state.announcements, heard].slice(-MAX_SHOWN) });
    });
    socket.on('presenter:view', (view) => {
      this.set({ view });
      if (this.state.following && !this.state.broadcasting) this.show(view);
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): PresenterState => this.state;

  dismiss(id: number): void {
    this.set({ announcements: this.state.announcements.filter((a) => a.id !== id) });
  }

  /** Follows the presenter from now on (showing their last view at once), or stops. */
  setFollowing(following: boolean): void {
    this.set({ following });
    if (following && this.state.view && !this.state.broadcasting) this.show(this.state.view);
  }

  announce(token: string, message: string): Promise<PresenterAck> {
    return this.socket.timeout(5000).emitWithAck('presenter:announce', { token, message });
  }

  /**
   * Sends this page's symbol and interval to the room now and on every change, until stopped; a presenter does
   * not follow anyone meanwhile. `onRefused` hears a refusal (a wrong token, a lost connection).
   */
  startBroadcast(token: string, onRefused: (message: string) => void): void {
    this.stopBroadcasting();
    let sent: PresenterView | undefined;
    const send = () => {
      const view: PresenterView = {
        symbol: this.store.getSelected(),
        interval: this.store.getInterval() as CandleInterval,
        highlight: this.state.highlight,
        zoom: this.zoom,
      };
      if (
        sent &&
        sent.symbol === view.symbol &&
        sent.interval === view.interval &&
        sent.highlight === view.highlight &&
        sameZoom(sent.zoom, view.zoom)
      )
        return;
      sent = view;
      this.socket
        .timeout(5000)
        .emitWithAck('presenter:view', { token, ...view })
        .then(
          (ack) => {
            if (!ack.ok) onRefused(ack.error.message);
          },
          () => onRefused('the server did not answer'),
        );
    };
    this.stopBroadcast = this.store.subscribe(send);
    this.resend = send;
    this.set({ broadcasting: true });
    send();
  }

  /** Points at a price (a decimal string) on the presenter's chart and every follower's; null takes it away. */
  setHighlight(highlight: string | null): void {
    this.set({ highlight });
    this.resend?.();
  }

  /**
   * The presenter's chart reports its zoom and pan here; while broadcasting, followers get it too (at most every
   * ZOOM_SEND_MS, the last one always).
   */
  setZoom(zoom: PresenterZoom | null): void {
    if (sameZoom(zoom, this.zoom)) return;
    this.zoom = zoom;
    if (!this.resend || this.zoomTimer !== undefined) return;
    this.zoomTimer = setTimeout(() => {
      this.zoomTimer = undefined;
      this.resend?.();
    }, ZOOM_SEND_MS);
  }

  stopBroadcasting(): void {
    clearTimeout(this.zoomTimer);
    this.zoomTimer = undefined;
    this.stopBroadcast?.();
    this.stopBroadcast = undefined;
    this.resend = undefined;
    if (this.state.broadcasting) this.set({ broadcasting: false });
  }

  private show(view: PresenterView): void {
    this.store.select(view.symbol);
    this.store.selectInterval(view.interval);
  }

  private set(change: Partial<PresenterState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
