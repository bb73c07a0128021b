// How the panels print times, percentages and volumes (prices and sizes come from each symbol's Instrument).

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Local wall-clock time `HH:MM:SS.mmm`, the trade tape's resolution. */
export function formatTimeMs(time: number): string {
  const d = new Date(time);
  return `${formatTime(time)}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** Local wall-clock time `HH:MM:SS`. */
export function formatTime(time: number): string {
  const d = new Date(time);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** Local wall-clock time `HH:MM`, for chart axes. */
export function formatClock(time: number): string {
  const d = new Date(time);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** `+1.23%`, `-0.40%`, `0.00%`; an em dash when unknown. */
export function formatPercent(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return '—';
  const fixed = Math.abs(percent).toFixed(2);
  if (Number(fixed) === 0) return '0.00%';
  return `${percent > 0 ? '+' : '-'}${fixed}%`;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });

/** `1.25K`, `3.4M`: volumes where the exact lot count does not matter. */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** The CSS modifier for a signed quantity: up, down or flat. */
export function trend(value: number | null): 'up' | 'down' | 'flat' {
  if (value === null || value === 0) return 'flat';
  return value > 0 ? 'up' : 'down';
}

/** An age at second resolution: `4s`, `2m 05s`, `1h 20m`; never negative. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${pad2(seconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h ${pad2(minutes % 60)}m`;
}

/** The age of live data, where milliseconds matter: `35 ms`, `4.1s` (under ten seconds), then as `formatAge`. */
export function formatDataAge(ms: number): string {
  const clamped = Math.max(0, ms);
  if (clamped < 1000) return `${Math.round(clamped)} ms`;
  return clamped < 10_000 ? `${(Math.floor(clamped / 100) / 10).toFixed(1)}s` : formatAge(clamped);
}
