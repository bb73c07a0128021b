// The simulator's long warm-up: days of candles generated in milliseconds from the fair-value model the agents
// trade around, so a chart opened a second after start already shows a market with a past, not an empty axis.
//
// Pure: a seeded Rng, the symbol's parameters and the price to end at in; candles out. The path is the fair value
// run forward from the end price and read backwards in time, so it ends exactly where the live market begins
// (a log random walk with jumps and regimes looks the same either way round), and minute candles are built from
// the same steps as second candles, so the two agree where both exist.

import type { Candle, Lots, Ticks } from '@tickline/shared';
import { FairValue } from '../../exchange/agents/fair-value.ts';
import type { Rng } from '../../exchange/rng.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Before the tail of seconds, the path moves in steps of this much: six per minute candle. */
const COARSE_MS = 10 * SECOND;
const YEAR_SECONDS = 365.25 * 24 * 3600;

export interface SyntheticHistoryParams {
  /** Where the history ends (exclusive), ms; a whole minute. The last candles close here. */
  readonly end: number;
  /** Close of the last candle, in ticks: the price the live market starts from. */
  readonly endPrice: Ticks;
  /** Annualized volatility of the fair value in its normal regime. */
  readonly volatility: number;
  /** A typical order, in lots: trade sizes scale with it. */
  readonly typicalLots: number;
  /** Trades per second at average activity. */
  readonly tradesPerSecond: number;
  /** Length of the history, in whole minutes. */
  readonly minutes: number;
  /** How many of the last seconds also get 1s candles (0 for none): whole minutes, at most `minutes` of them. */
  readonly tailSeconds: number;
}

export interface SyntheticHistory {
  /** 1m candles, oldest first, `minutes` of them, the last one ending at `end`. */
  readonly minutes: Candle[];
  /** 1s candles of the last `tailSeconds`, oldest first; their minutes are exactly the last minute candles. */
  readonly seconds: Candle[];
}

/**
 * Activity by hour of the day (UTC), mean 1: busiest in the afternoon when Europe and America overlap, quietest
 * in the Asian night, as on most venues.
 */
export function intradayActivity(time: number): number {
  const hour = (time % (24 * 3600 * SECOND)) / (3600 * SECOND);
  return 1 + 0.55 * Math.cos((2 * Math.PI * (hour - 15)) / 24);
}

export function syntheticHistory(params: SyntheticHistoryParams, rng: Rng): SyntheticHistory {
  const { end, endPrice, volatility, typicalLots, tradesPerSecond, minutes, tailSeconds } = params;
  if (end % MINUTE !== 0) throw new RangeError(`history must end on a whole minute, got ${end}`);
  if (!Number.isInteger(minutes) || minutes < 1) throw new RangeError(`history needs whole minutes, got ${minutes}`);
  if (!(endPrice > 0)) throw new RangeError(`history needs a positive end price, got ${endPrice}`);
  const n = minutes * 60;
  if (!Number.isInteger(tailSeconds / 60) || tailSeconds < 0 || tailSeconds > n) {
    throw new RangeError(`tailSeconds must be whole minutes of 0..${n} seconds, got ${tailSeconds}`);
  }

  // The path is sampled every COARSE_MS before the tail and every second in it: the minutes need no finer grain,
  // and sampling days by the second would cost most of the server's start. path[k] is the price at the start of
  // step k; path[steps] is the end price itself.
  const coarseSteps = (n - tailSeconds) / (COARSE_MS / SECOND);
  const steps = coarseSteps + tailSeconds;
  const dtOf = (k: number) => (k < coarseSteps ? COARSE_MS : SECOND);
  const path = new Float64Array(steps + 1);
  const fair = new FairValue({ start: endPrice, volatility }, rng.child('fair-value'));
  path[steps] = endPrice;
  for (let k = steps - 1; k >= 0; k--) {
    fair.advance(dtOf(k));
    path[k] = fair.value;
  }

  const start = end - n * SECOND;
  const tailStart = end - tailSeconds * SECOND;
  const perSecond = volatility / Math.sqrt(YEAR_SECONDS); // a second's typical relative move
  const sizes = rng.child('volume');
  const shape = rng.child('shape');
  const minuteCandles: Candle[] = [];
  const secondCandles: Candle[] = [];
  let close = Math.round(path[0] as number);
  let m: [number, number, number, number, number, number] = [start, close, close, close, close, 0];

  for (let k = 0; k < steps; k++) {
    const dt = dtOf(k);
    const time = k < coarseSteps ? start + k * COARSE_MS : tailStart + (k - coarseSteps) * SECOND;
    const from = path[k] as number;
    const to = path[k + 1] as number;
    const open = close;
    close = Math.round(to);
    // Within a step the price strays a little beyond where it opened and closed.
    const wiggle = perSecond * Math.sqrt(dt / SECOND);
    const high = Math.max(open, close, Math.round(Math.max(from, to) * (1 + wiggle * 0.5 * shape.next())));
    const low = Math.min(open, close, Math.round(Math.min(from, to) * (1 - wiggle * 0.5 * shape.next())));
    // Volume follows the clock and the market: busier hours, and busier when the price moves.
    const move = Math.abs(Math.log(to / from)) / (wiggle || 1);
    const trades = (tradesPerSecond * dt * intradayActivity(time) * (0.6 + 0.4 * Math.min(move, 5))) / SECOND;
    const volume = Math.round(trades * typicalLots * Math.exp(sizes.normal(0, 0.5) - 0.125));
    if (dt === SECOND) secondCandles.push(candle([time, open, high, low, close, volume]));

    if (time % MINUTE === 0) m = [time, open, high, low, close, volume];
    else {
      if (high > m[2]) m[2] = high;
      if (low < m[3]) m[3] = low;
      m[4] = close;
      m[5] += volume;
    }
    if ((time + dt) % MINUTE === 0) minuteCandles.push(candle(m));
  }
  return { minutes: minuteCandles, seconds: secondCandles };
}

/** The generator counts in plain numbers; the brands go on here, once per candle. */
function candle(c: readonly [number, number, number, number, number, number]): Candle {
  return [c[0], c[1] as Ticks, c[2] as Ticks, c[3] as Ticks, c[4] as Ticks, c[5] as Lots];
}
