// What a Binance symbol does when the venue sends a price or size off the grid we serve it on: Binance can change a
// symbol's PRICE_FILTER tickSize or LOT_SIZE stepSize while we run. Pure: the shell fetches, waits and emits.
//
// The served SymbolSpec cannot change while we run: the hub's state, the snapshots, the clients' formatting and
// the checksums are all integers of it, and clients read it once from /api/symbols. So the question a check
// answers is whether every value on the venue's new grid is still an exact integer of the served one: a coarser
// tick that is a multiple of ours is; a finer one (or one that is not a multiple) is not. While it is not, the
// symbol is suspended (stale, no book, no trades): never wrong numbers shown as live. It comes back by itself when
// the venue's filters fit again; a restart serves the new increments.

import { type BackoffPolicy, backoffDelay, type Instrument, makeInstrument, type SymbolSpec } from '@tickline/shared';
import { trimDecimal } from '../kit/venue-numbers.ts';

/** A symbol's increments as Binance states them (PRICE_FILTER tickSize, LOT_SIZE stepSize), if it states them. */
export interface VenueFilters {
  tickSize: string | undefined;
  stepSize: string | undefined;
}

/**
 * ok: serving normally; checking: paused while the filters are fetched; suspended: the venue's filters do not fit
 * the served spec, so the symbol stays paused and they are fetched again now and then.
 */
export type GuardPhase = 'ok' | 'checking' | 'suspended';

export interface FilterVerdict {
  /** Whether every value on the venue's grid is exact in the served spec; the symbol resumes if so. */
  fits: boolean;
  /** The filters seen before, when these differ from them: worth one log line, not one per check. */
  changedFrom: VenueFilters | undefined;
}

/** Paces the checks: the first at once, then further apart while values keep coming off the grid. */
export const DEFAULT_FILTER_CHECK_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 300_000 };

export class FilterGuard {
  private state: GuardPhase = 'ok';
  private seen: VenueFilters;
  private attempt = 0;
  private due = 0;
  private lastCheckAt = -Infinity;
  private readonly instrument: Instrument;

  constructor(
    readonly served: SymbolSpec,
    private readonly policy: BackoffPolicy = DEFAULT_FILTER_CHECK_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {
    this.instrument = makeInstrument(served);
    this.seen = { tickSize: served.tickSize, stepSize: served.lotSize };
  }

  get phase(): GuardPhase {
    return this.state;
  }

  /** When the next fetch may go out (checking, suspended), or the end of the quiet time after one (ok). */
  get dueAt(): number {
    return this.due;
  }

  /** The venue's filters as last fetched (initially the served spec's). */
  get filters(): VenueFilters {
    return this.seen;
  }

  /**
   * A value off the served grid arrived. True means: pause the symbol and check its filters (one fetch at a time;
   * further values while paused are the shell's to drop). False means a check is running or was just made, and
   * the value is a malformed message like any other.
   */
  offGrid(now: number): boolean {
    if (this.state !== 'ok' || now < this.due) return false;
    // A long quiet spell since the last check ends the episode: a new change is checked without the old backoff.
    if (now - this.lastCheckAt > 2 * this.policy.maxMs) this.attempt = 0;
    this.state = 'checking';
    this.due = now;
    return true;
  }

  /** The fetched filters: the symbol resumes if they fit, stays suspended (checked again later) if not. */
  checked(now: number, venue: VenueFilters): FilterVerdict {
    const normalized = { tickSize: trimmed(venue.tickSize), stepSize: trimmed(venue.stepSize) };
    const changed = normalized.tickSize !== this.seen.tickSize || normalized.stepSize !== this.seen.stepSize;
    const verdict: FilterVerdict = { fits: this.fits(normalized), changedFrom: changed ? this.seen : undefined };
    this.seen = normalized;
    this.lastCheckAt = now;
    this.state = verdict.fits ? 'ok' : 'suspended';
    // While ok this is the quiet time before values off the grid may trigger another check; while suspended, the
    // time of the next one. Either way the venue's REST limits are not spent on a stream that keeps misfitting.
    this.due = now + backoffDelay(this.attempt++, this.policy, this.random);
    return verdict;
  }

  /** The fetch failed; try again later. */
  failed(now: number): void {
    this.due = now + backoffDelay(this.attempt++, this.policy, this.random);
  }

  private fits(venue: VenueFilters): boolean {
    return (
      onGrid(() => this.instrument.parsePrice(venue.tickSize ?? '0')) &&
      onGrid(() => this.instrument.parseSize(venue.stepSize ?? '0'))
    );
  }
}

/** Whether an increment is a whole, positive number of the served step (a zero increment: Binance's "disabled"). */
function onGrid(parse: () => number): boolean {
  try {
    return parse() > 0;
  } catch (err) {
    if (err instanceof RangeError) return false;
    throw err;
  }
}

function trimmed(decimal: string | undefined): string | undefined {
  return decimal === undefined ? undefined : trimDecimal(decimal);
}

/** "tick 0.01 -> 0.001" and the like, for the one line a change is worth. */
export function describeChange(from: VenueFilters, to: VenueFilters): string {
  const parts: string[] = [];
  if (from.tickSize !== to.tickSize) parts.push(`tick ${from.tickSize ?? 'none'} -> ${to.tickSize ?? 'none'}`);
  if (from.stepSize !== to.stepSize) parts.push(`step ${from.stepSize ?? 'none'} -> ${to.stepSize ?? 'none'}`);
  return parts.join(', ');
}
