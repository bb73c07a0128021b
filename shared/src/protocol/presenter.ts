// The presenter's broadcasts: an announcement every viewer sees as a toast, and the presenter's view (symbol,
// interval, a highlighted price) that viewers in follow mode take on. Sent by a client that presents the admin
// token in the payload; the server passes them to every client of every node (the Socket.IO adapter). Their
// schemas are with the other requests' (schemas.ts).

import type { CandleInterval } from '../market/intervals.ts';

/** Longest announcement, characters: a line on a toast, not an essay. */
export const MAX_ANNOUNCEMENT_LENGTH = 200;

export interface AnnounceRequest {
  /** The admin token (TICKLINE_ADMIN_TOKEN). */
  token: string;
  message: string;
}

/** What a presenter shows, for viewers to follow. */
export interface PresenterView {
  symbol: string;
  interval: CandleInterval;
  /** A price to point at on the chart (the symbol's decimal string), or null for none. */
  highlight: string | null;
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
