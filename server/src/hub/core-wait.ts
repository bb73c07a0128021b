// How much of its flushes' time the process spent waiting for a core: the wall time a flush took beyond the CPU time
// it used. Near zero when the process has a core to itself; large when it shares its cores with busier neighbours
// (on the bench, the load generator; in production, whatever else the host runs) and is preempted mid-flush.

/** How far back the share looks: each flush's weight halves in about 0.7 of this. */
const WINDOW_MS = 1000;

export class CoreWaitMeter {
  private waited = 0;
  private took = 0;
  private lastEnd: number | undefined;

  /** A flush that ended at `end` (ms, any monotonic clock), after `wallMs` of wall time and `cpuMs` of CPU. */
  add(end: number, wallMs: number, cpuMs: number): void {
    const decay = this.lastEnd === undefined ? 1 : Math.exp(-Math.max(0, end - this.lastEnd) / WINDOW_MS);
    this.lastEnd = end;
    this.waited = this.waited * decay + Math.max(0, wallMs - cpuMs);
    this.took = this.took * decay + Math.max(0, wallMs);
  }

  /** The share of the recent flushes' wall time spent waiting for a core, 0 to 1 (0 before any flush). */
  share(): number {
    return this.took > 0 ? this.waited / this.took : 0;
  }
}
