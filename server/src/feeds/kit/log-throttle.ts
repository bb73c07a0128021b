// Rate limiting for log lines a venue can trigger at line rate: a stream of malformed messages must not become a
// stream of log lines. A few per window are written; the rest are counted and summed up when the window ends.

export interface LogThrottleOptions {
  /** Lines written per window. */
  perWindow: number;
  windowMs: number;
}

export class LogThrottle {
  private windowStart = -Infinity;
  private written = 0;
  private suppressed = 0;

  constructor(
    private readonly write: (line: string) => void,
    private readonly clock: () => number,
    private readonly options: LogThrottleOptions = { perWindow: 5, windowMs: 10_000 },
    /** Where the count of suppressed lines goes; `write` by default. */
    private readonly summarize: (line: string) => void = write,
  ) {}

  log(line: string): void {
    const now = this.clock();
    if (now - this.windowStart >= this.options.windowMs) {
      if (this.suppressed > 0) this.summarize(`${this.suppressed} similar messages suppressed`);
      this.windowStart = now;
      this.written = 0;
      this.suppressed = 0;
    }
    if (this.written < this.options.perWindow) {
      this.written++;
      this.write(line);
    } else {
      this.suppressed++;
    }
  }
}
