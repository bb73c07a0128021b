// The presenter's broadcasts: an announcement every viewer sees as a toast, and the presenter's view (symbol,
// interval, a highlighted price) that viewers in follow mode take on. Sent by a client that presents the admin
// token in the payload; the server passes them to every client of every node (the Socket.IO adapter). Their
// schemas are with the other requests' (schemas.ts).

import type { CandleInterval } from '../market/intervals.ts';

/** The zoom a presenter may send: the chart's own span limits. */
export const PRESENTER_ZOOM_SPAN = { min: 10, max: 480 } as const;

/** Longest announcement, characters: a line on a toast, not an essay. */
export const MAX_ANNOUNCEMENT_LENGTH = 200;

export interface AnnounceRequest {
  /** The admin token (TICKLINE_ADMIN_TOKEN). */
  token: string;
  message: string;
}

/** How far a presenter's chart is zoomed and panned: the same window on a follower's chart. */
export interface PresenterZoom {
  /** Candles across the chart (10 to 480). */
  span: number;
  /** Start time (ms) of the newest closed candle on screen when panned into the past; null when following live. */
  end: number | null;
}

/** What a presenter shows, for viewers to follow. */
export interface PresenterView {
  symbol: string;
  interval: CandleInterval;
  /** A price to point at on the chart (the symbol's decimal string), or null for none. */
  highlight: string | null;
  /** The chart's zoom and pan; absent or null from a presenter that does not send it (the follower keeps its own). */
  zoom?: PresenterZoom | null | undefined;
}

export interface PresenterViewRequest extends PresenterView {
  token: string;
}

/** Server to every client: an announcement, stamped with the server's time. */
export interface Announcement {
  message: string;
  time: number;
}

/** Server to every client: the presenter's view as of `time`. */
export interface PresenterViewNotice extends PresenterView {
  time: number;
}
