// Malformed input is counted every time but logged once per kind per interval: a venue sending garbage a hundred
// times a second must not drown the log, and the first of each kind is the one worth reading.

import type { Logger } from '../../logger.ts';
import type { HealthTracker } from './feed-health.ts';
import { LogThrottle } from './log-throttle.ts';

export class MalformedLog {
  private readonly throttles = new Map<string, LogThrottle>();

  constructor(
    private readonly prefix: string,
    private readonly log: Logger,
    private readonly health: HealthTracker,
    private readonly clock: () => number,
    private readonly intervalMs = 60_000,
  ) {}

  report(kind: string, detail: string): void {
    this.health.malformed(`${kind}: ${detail}`);
    let throttle = this.throttles.get(kind);
    if (!throttle) {
      const write = (line: string) => this.log.warn(`${this.prefix}: malformed message (${kind}): ${line}`);
      throttle = new LogThrottle(write, this.clock, { perWindow: 1, windowMs: this.intervalMs });
      this.throttles.set(kind, throttle);
    }
    throttle.log(detail);
  }
}
