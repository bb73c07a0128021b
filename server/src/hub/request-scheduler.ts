// Bounded request work per event-loop turn. Hundreds of requests can arrive in one TCP read and Socket.IO hands them
// over in one synchronous run; answered in one go, they would hold the loop and the flush timer would wait behind
// them. Requests run at once while the turn's budget lasts; after that they queue, one FIFO per connection, and are
// drained round-robin a budget per turn (setImmediate), so the timers phase (the flush) runs between turns and one
// connection's pile cannot delay another's request by more than one round.

export interface SchedulerLimits {
  /** Most requests run per event-loop turn. */
  perTurn: number;
  /** Most ms of request work per turn (checked between requests). */
  turnMs: number;
  /** Most requests queued per connection; past it a request is refused at once. */
  perOwner: number;
}

export const DEFAULT_SCHEDULER_LIMITS: SchedulerLimits = { perTurn: 64, turnMs: 8, perOwner: 32 };

export interface RequestScheduler {
  /** Runs `job` now or queues it for `owner`; false when the owner's queue is full (nothing will run). */
  submit(owner: object, job: () => void): boolean;
  /** Drops what `owner` has queued (it disconnected). */
  forget(owner: object): void;
  /** Requests queued now, all owners together. */
  readonly queued: number;
}

export function createRequestScheduler(
  limits: SchedulerLimits = DEFAULT_SCHEDULER_LIMITS,
  now: () => number = () => performance.now(),
  defer: (run: () => void) => void = setImmediate,
  onError: (err: unknown) => void = () => {},
): RequestScheduler {
  // Insertion order of the map is the round-robin order; an owner goes to the back after each of its turns.
  const queues = new Map<object, Array<() => void>>();
  let queued = 0;
  let ranThisTurn = 0;
  let turnStartedAt = 0;
  let turnOpen = false;
  let drainScheduled = false;

  const run = (job: () => void): void => {
    try {
      job();
    } catch (err) {
      onError(err);
    }
    ranThisTurn++;
  };
  // The budget is per turn of the loop: the first request of a turn opens it and the next check phase closes it.
  const openTurn = (): void => {
    if (turnOpen) return;
    turnOpen = true;
    ranThisTurn = 0;
    turnStartedAt = now();
    defer(() => {
      turnOpen = false;
    });
  };
  const budgetLeft = (): boolean => ranThisTurn < limits.perTurn && now() - turnStartedAt < limits.turnMs;

  const drain = (): void => {
    drainScheduled = false;
    openTurn();
    ranThisTurn = 0;
    turnStartedAt = now();
    while (queued > 0 && budgetLeft()) {
      for (const [owner, jobs] of queues) {
        const job = jobs.shift()!;
        queued--;
        queues.delete(owner);
        if (jobs.length > 0) queues.set(owner, jobs); // to the back of the round
        run(job);
        if (!budgetLeft()) break;
      }
    }
    if (queued > 0) scheduleDrain();
  };
  const scheduleDrain = (): void => {
    if (drainScheduled) return;
    drainScheduled = true;
    defer(drain);
  };

  return {
    submit(owner, job) {
      openTurn();
      if (queued === 0 && budgetLeft()) {
        run(job);
        return true;
      }
      let jobs = queues.get(owner);
      if (!jobs) {
        jobs = [];
        queues.set(owner, jobs);
      }
      if (jobs.length >= limits.perOwner) return false;
      jobs.push(job);
      queued++;
      scheduleDrain();
      return true;
    },
    forget(owner) {
      const jobs = queues.get(owner);
      if (!jobs) return;
      queued -= jobs.length;
      queues.delete(owner);
    },
    get queued() {
      return queued;
    },
  };
}
