// Presentation mode in the address bar (`?present=1`, and `&cycle=30` to step through the markets every 30 s), so
// a presenter can open the projector's page straight into it, and a reload keeps it.

export const PRESENT_PARAM = 'present';
export const CYCLE_PARAM = 'cycle';
/** The shortest and longest auto-cycle step, seconds: a room needs a few seconds to read a price. */
export const CYCLE_MIN_SECONDS = 3;
export const CYCLE_MAX_SECONDS = 3600;

export interface Presentation {
  present: boolean;
  /** Seconds per market when cycling through the watchlist; null when not cycling. */
  cycleSeconds: number | null;
}

/** What the address asks for; a `cycle` that is not a whole number of seconds in range is ignored. */
export function parsePresentation(search: string): Presentation {
  const params = new URLSearchParams(search);
  const present = ['1', 'true', 'yes', ''].includes(params.get(PRESENT_PARAM) ?? 'absent');
  const cycle = Number(params.get(CYCLE_PARAM));
  const cycleSeconds =
    Number.isInteger(cycle) && cycle >= CYCLE_MIN_SECONDS && cycle <= CYCLE_MAX_SECONDS ? cycle : null;
  return { present, cycleSeconds };
}

/** `search` with presentation mode on (`present=1`) or off (removed), every other parameter kept. */
export function searchWithPresentation(search: string, present: boolean): string {
  const params = new URLSearchParams(search);
  if (present) params.set(PRESENT_PARAM, '1');
  else params.delete(PRESENT_PARAM);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The market after `current` in `order`, back to the first after the last; undefined when the order is empty. */
export function nextInCycle(order: readonly string[], current: string): string | undefined {
  if (order.length === 0) return undefined;
  return order[(order.indexOf(current) + 1) % order.length];
}
