// One throttle for every log line a client (or anyone on the network) can trigger: per kind of line, a few are
// written per window and the rest counted and summed up when the window ends, so a hostile client that makes the
// server complain a thousand times a second costs a handful of lines. Built on the feeds' LogThrottle.

import { LogThrottle, type LogThrottleOptions } from '../feeds/kit/log-throttle.ts';
import type { Logger } from '../logger.ts';

/** Kinds are chosen by the code, never by a client; past this many the rest share one throttle anyway. */
const MAX_KINDS = 256;
const OVERFLOW = '(other)';

interface Kind {
  throttle: LogThrottle;
  /** The error of the line being logged now (LogThrottle deals in lines only). */
  err: unknown;
}

export class ThrottledLog {
  private readonly kinds = new Map<string, Kind>();

  constructor(
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
    private readonly options: LogThrottleOptions = { perWindow: 5, windowMs: 10_000 },
  ) {}

  /** A warning of `kind` (e.g. 'slow-consumer'); throttled with the other lines of its kind. */
  warn(kind: string, line: string): void {
    this.of(
      `warn:${kind}`,
      (l) => this.log.warn(l),
      (l) => this.log.warn(l),
    ).throttle.log(line);
  }

  /** An error of `kind`, with the thrown value when there is one. */
  error(kind: string, line: string, err?: unknown): void {
    const entry = this.of(
      `error:${kind}`,
      (l) => this.log.error(l, entry.err),
      (l) => this.log.error(l),
    );
    entry.err = err;
    entry.throttle.log(line);
    entry.err = undefined;
  }

  private of(key: string, write: (line: string) => void, summarize: (line: string) => void): Kind {
    const name = this.kinds.has(key) || this.kinds.size < MAX_KINDS ? key : `${key.split(':')[0]}:${OVERFLOW}`;
    let kind = this.kinds.get(name);
    if (!kind) {
      kind = { throttle: new LogThrottle(write, this.clock, this.options, summarize), err: undefined };
      this.kinds.set(name, kind);
    }
    return kind;
  }
}
