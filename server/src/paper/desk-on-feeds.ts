// The paper desk where the feeds run (a single process, or a cluster's feed node): each symbol trades on its feed's
// own venue when the feed makes its market (the simulator), and on one shadow venue over the hub's live book
// otherwise. The shadow venue sees every feed event through the sequencer's tap.

import { makeInstrument, type Instrument, type Money } from '@tickline/shared';
import type { FeedAdapter, MarketEvent } from '../feeds/feed.ts';
import type { MarketHub } from '../hub/market-hub.ts';
import { DEFAULT_STARTING_CASH, PaperDesk, type PaperMarket, type PaperNotifier } from './paper-desk.ts';
import { createShadowVenue } from './shadow-venue.ts';

export interface PaperSettings {
  /** A new account's cash. */
  startingCash: Money;
  feeBps: number;
}

/** The settings with defaults: 100,000 USD and no fee. */
export function paperSettings(given: Partial<PaperSettings> = {}): PaperSettings {
  return { startingCash: given.startingCash ?? DEFAULT_STARTING_CASH, feeBps: given.feeBps ?? 0 };
}

export interface DeskOnFeeds {
  desk: PaperDesk;
  /** Pass every feed event here (the sequencer's tap). */
  observe(event: MarketEvent): void;
  /** Stops the once-a-second marks. */
  stop(): void;
}

export function createDeskOnFeeds(options: {
  feeds: readonly FeedAdapter[];
  hub: () => MarketHub;
  notify: PaperNotifier;
  clock: () => number;
  settings: PaperSettings;
}): DeskOnFeeds {
  const { feeds, clock } = options;
  const shadow = createShadowVenue((symbol) => {
    const snapshot = options.hub().snapshot(symbol, clock());
    if (!snapshot) return undefined;
    return {
      bids: snapshot.book.bids,
      asks: snapshot.book.asks,
      last: snapshot.ticker.last,
      status: snapshot.status,
    };
  });
  const markets = new Map<string, PaperMarket>();
  for (const feed of feeds) {
    for (const spec of feed.symbols) {
      const instrument: Instrument = makeInstrument(spec);
      markets.set(spec.symbol, { venue: feed.venue ?? shadow, instrument });
    }
  }
  const desk = new PaperDesk({
    startingCash: options.settings.startingCash,
    feeBps: options.settings.feeBps,
    clock,
    market: (symbol) => markets.get(symbol),
    notify: options.notify,
  });
  const timer = setInterval(() => desk.pushMarks(), 1000);
  timer.unref();
  return { desk, observe: shadow.observe, stop: () => clearInterval(timer) };
}
