// The built-in feed: the exchange simulator, stepped on a timer, as a FeedAdapter.
//
// Virtual time advances in whole steps, and every event is stamped anchor + steps * stepMs, so a run's timestamps
// are a function of its start time alone; a late timer is caught up step by step, never by one long step.

import type { SymbolSpec } from '@tickline/shared';
import type { FeedAdapter, MarketEvent, MarketEventSink } from '../feed.ts';
import {
  type BackfillLength,
  createSimSession,
  resolveSimOptions,
  type SimSession,
  type SimSessionOptions,
  sessionVenue,
} from './sim-session.ts';

export interface SimFeedOptions extends SimSessionOptions {
  /** Wall clock, ms since epoch. Default Date.now. */
  readonly clock?: () => number;
  /**
   * Market history to simulate before going live, ms (default 0). Its trades are emitted with past timestamps, so
   * the first chart a user sees already has candles and the session change has a real open to compare against.
   */
  readonly historyMs?: number;
  /**
   * Generated candles before that simulated history (none by default; the server asks for DEFAULT_BACKFILL, two
   * days of 1m and the last hour of 1s): cheap to make, so every chart interval opens with a past.
   */
  readonly backfill?: BackfillLength;
}

const MINUTE = 60_000;

/**
 * Most steps run in one timer callback. Beyond this (a suspended laptop, a long GC) the lost time is skipped: the
 * market pauses rather than replaying minutes of trading in one burst that would flood every client.
 */
export const MAX_CATCH_UP_STEPS = 40;

export function createSimFeed(options: SimFeedOptions): FeedAdapter {
  // Validate now, not at start(), so a typo in --symbols is reported before anything listens.
  const { stepMs, symbols } = resolveSimOptions(options);
  const specs: readonly SymbolSpec[] = symbols.map((s) => s.spec);
  const clock = options.clock ?? (() => Date.now());
  let session: SimSession | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let running = false;
  /** Where paper orders' events go, and the time of the last step (theirs too): set by start(). */
  let sink: MarketEventSink | undefined;
  let lastStepTime = 0;
  const live = (): SimSession => {
    session ??= createSimSession({ ...options, stepMs });
    return session;
  };
  const venue = sessionVenue(live, () => (running && sink ? { sink, time: lastStepTime } : undefined));

  return {
    id: 'sim',
    symbols: specs,

    venue,

    async start(out: MarketEventSink): Promise<void> {
      if (running) throw new Error('the sim feed is already started');
      running = true;
      // Events stop at the gate the moment stop() is called, even from inside the sink.
      const gate = (event: MarketEvent) => {
        if (running) out(event);
      };
      sink = gate;
      const session = live();
      let anchor = clock();
      lastStepTime = anchor;
      let steps = 0;
      if (session.steps === 0) {
        const historyStart = anchor - Math.floor((options.historyMs ?? 0) / stepMs) * stepMs;
        // Candles end at the minute the simulated history starts in, so that minute is the trades' own.
        const backfill = options.backfill;
        if (backfill && backfill.minutes > 0)
          session.backfill(Math.floor(historyStart / MINUTE) * MINUTE, backfill, gate);
        replayHistory(session, anchor, options.historyMs ?? 0, gate);
      }
      session.snapshot(anchor, gate);
      timer = setInterval(() => {
        let behind = Math.floor((clock() - anchor) / stepMs) - steps;
        if (behind > MAX_CATCH_UP_STEPS) {
          anchor += (behind - MAX_CATCH_UP_STEPS) * stepMs;
          behind = MAX_CATCH_UP_STEPS;
        }
        for (; behind > 0 && running; behind--) {
          steps++;
          lastStepTime = anchor + steps * stepMs;
          session.step(lastStepTime, gate);
        }
      }, stepMs);
      timer.unref();
    },

    health() {
      // The simulator has no connection to lose: it is live while it runs.
      return {
        status: running ? 'live' : 'halted',
        messages: session?.steps ?? 0,
        malformed: 0,
        reconnects: 0,
        resyncs: 0,
        lastMessageAt: running ? clock() : null,
        lastError: null,
      };
    },

    scenario(scenario) {
      // Before start the session does not exist yet; build it now, so a scenario set early is not lost.
      live().scenario(scenario);
    },

    async stop(): Promise<void> {
      running = false;
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}

/** Runs `historyMs` of market before `now`, forwarding only its trades; the snapshot that follows carries the book. */
function replayHistory(session: SimSession, now: number, historyMs: number, sink: MarketEventSink): void {
  const steps = Math.floor(historyMs / session.stepMs);
  const start = now - steps * session.stepMs;
  const tradesOnly = (event: MarketEvent) => {
    if (event.type === 'trade') sink(event);
  };
  for (let i = 1; i <= steps; i++) session.step(start + i * session.stepMs, tradesOnly);
}
