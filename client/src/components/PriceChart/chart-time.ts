// How the chart prints a candle's time: to the second for second candles, with the date once candles span hours.

import { INTERVAL_MS, type CandleInterval } from '@tickline/shared';
import { formatClock, formatTime } from '../format.ts';

const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dayAndClock = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const formatDay = (time: number): string => day.format(time);
const formatDayAndClock = (time: number): string => dayAndClock.format(time);

/** Labels on the time axis, where room is short: the finest unit that tells neighbouring labels apart. */
export function axisTimeFormat(interval: CandleInterval): (time: number) => string {
  const ms = INTERVAL_MS[interval];
  if (ms < 60_000) return formatTime;
  if (ms < 86_400_000) return formatClock;
  return formatDay;
}

/** The crosshair's label: the full start of the candle under the pointer. */
export function crosshairTimeFormat(interval: CandleInterval): (time: number) => string {
  const ms = INTERVAL_MS[interval];
  if (ms < 60_000) return formatTime;
  if (ms < 3_600_000) return formatClock;
  if (ms < 86_400_000) return formatDayAndClock;
  return formatDay;
}
