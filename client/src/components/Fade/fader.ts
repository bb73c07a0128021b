// Short highlights that fade out in a few painted steps, stepped by one shared timer per kind of fade.
//
// They were CSS animations. A running animation makes Blink recompute its element's style on every frame, between
// its steps too, and the busy market kept dozens running at once (every price flash, every new row on the tape).
// Here an element's `data-fade` attribute counts down instead (`up-4`, `up-3`... then none) and the CSS gives each
// value its colour, so an element is restyled only when its colour changes. On the bench's busy market the
// renderer's main thread went from 63–65 to 48–54 % of a core (docs/BENCHMARKS.md, sixth round).

export interface FadeKind {
  /** Painted steps, the first the strongest. */
  steps: number;
  /** From the start of the fade to its end. */
  durationMs: number;
}

export interface Fader {
  /**
   * Starts `name`'s fade on `element`, or starts it again from its strongest step: `data-fade` is `name-steps`, one
   * less every `durationMs / steps`, then removed.
   */
  start(element: Element, name: string): void;
  /** Elements fading now. */
  readonly active: number;
}

/**
 * Steps due this close together are taken in one wake-up: half a 60 Hz frame, so elements started in the same
 * commit (a flush's flashes) step together and paint in the same frame, as they would have anyway.
 */
const SAME_WAKE_MS = 8;

interface Fading {
  name: string;
  startedAt: number;
}

export function createFader({ steps, durationMs }: FadeKind): Fader {
  const stepMs = durationMs / steps;
  const fading = new Map<Element, Fading>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Number.POSITIVE_INFINITY;

  // Which step a fade is on at `now`: counted from its start, so a timer that fired late (a tab in the background
  // is woken once a second) lands on the right step rather than one behind.
  const stepAt = (f: Fading, now: number): number => steps - Math.floor((now - f.startedAt) / stepMs);
  const nextDue = (f: Fading, now: number): number =>
    f.startedAt + (Math.floor((now - f.startedAt) / stepMs) + 1) * stepMs;

  const wakeAt = (at: number): void => {
    if (at >= timerAt) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(wake, Math.max(0, at - performance.now()));
  };

  function wake(): void {
    timer = undefined;
    timerAt = Number.POSITIVE_INFINITY;
    const now = performance.now() + SAME_WAKE_MS;
    let next = Number.POSITIVE_INFINITY;
    for (const [element, f] of fading) {
      const step = stepAt(f, now);
      if (step <= 0) {
        fading.delete(element);
        element.removeAttribute('data-fade');
        continue;
      }
      const value = `${f.name}-${step}`;
      if (element.getAttribute('data-fade') !== value) element.setAttribute('data-fade', value);
      next = Math.min(next, nextDue(f, now));
    }
    if (next < Number.POSITIVE_INFINITY) wakeAt(next);
  }

  return {
    start(element, name) {
      const now = performance.now();
      const f = { name, startedAt: now };
      fading.set(element, f);
      const value = `${name}-${steps}`;
      if (element.getAttribute('data-fade') !== value) element.setAttribute('data-fade', value);
      wakeAt(nextDue(f, now));
    },
    get active() {
      return fading.size;
    },
  };
}
