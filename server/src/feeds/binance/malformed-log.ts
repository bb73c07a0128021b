// Malformed input is counted every time but logged once per kind per interval: a venue sending garbage a hundred
// times a second must not drown the log, and the first of each kind is the one worth reading.

import type { Logger } from '../../logger.ts';
import type { HealthTracker } from '../kit/feed-health.ts';

export class MalformedLog {
  private readonly seen = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly prefix: string,
    private readonly log: Logger,
    private readonly health: HealthTracker,
    private readonly clock: () => number,
    private readonly intervalMs = 60_000,
  ) {}

  report(kind: string, detail: string): void {
    this.health.malformed(`${kind}: ${detail}`);
    const now = this.clock();
    const seen = this.seen.get(kind);
    if (seen && now - seen.at < this.intervalMs) {
      seen.suppressed++;
      return;
    }
    const more = seen && seen.suppressed > 0 ? ` (and ${seen.suppressed} more since the last report)` : '';
    this.log.warn(`${this.prefix}: malformed message (${kind}): ${detail}${more}`);
    this.seen.set(kind, { at: now, suppressed: 0 });
  }
}
