// How the panels print numbers and times for people: in the reader's locale, with thousands separators, prices and
// sizes at their symbol's precision, digit for digit from the Instrument's exact decimal string.

import type { Instrument, Lots, Ticks } from '@tickline/shared';

/** The browser's locale (jsdom says en-US, so tests are deterministic); undefined lets Intl pick its default. */
const browserLocale = (): string | undefined => globalThis.navigator?.language || undefined;

// Building an Intl.NumberFormat costs far more than using one, and prices are printed on every frame.
const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string | undefined, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const cacheKey = `${locale ?? ''}|${key}`;
  let format = formatters.get(cacheKey);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formatters.set(cacheKey, format);
  }
  return format;
}

const fixed = (digits: number, locale: string | undefined) =>
  numberFormat(locale, `fixed:${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits });

const DECIMAL = /^[-+]?\d+(\.\d+)?$/;

/**
 * A decimal string (`"64250.50"`) with the locale's separators and exactly `digits` fraction digits. Intl formats
 * the string itself, as a decimal, so no digit is lost to a float however long the number.
 */
export function formatDecimal(decimal: string, digits: number, locale = browserLocale()): string {
  if (!DECIMAL.test(decimal)) throw new RangeError(`not a decimal: "${decimal}"`);
  return fixed(digits, locale).format(decimal as `${number}`);
}

/** A price at its symbol's precision: `64,250.50` (en-US), `64.250,50` (de-DE). */
export function formatPrice(instrument: Instrument, price: Ticks, locale = browserLocale()): string {
  return formatDecimal(instrument.formatPrice(price), instrument.spec.pricePrecision, locale);
}

/** A size at its symbol's precision: `1,250.0000`. */
export function formatSize(instrument: Instrument, size: Lots, locale = browserLocale()): string {
  return formatDecimal(instrument.formatSize(size), instrument.spec.sizePrecision, locale);
}

// formatPercent and formatCompact take one argument, the locale being the browser's: they are passed as callbacks
// (a chart's tick formatter calls with (value, index)).

/** `+1.23%`, `-0.40%`, `0.00%` (a change that rounds to nothing has no sign); an em dash when unknown. */
export function formatPercent(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return '—';
  const format = numberFormat(browserLocale(), 'percent', {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  });
  return format.format(percent / 100);
}

/** `1.25K`, `3.4M`: volumes where the exact lot count does not matter. */
export function formatCompact(value: number): string {
  return numberFormat(browserLocale(), 'compact', { notation: 'compact', maximumFractionDigits: 2 }).format(value);
}

/** The CSS modifier for a signed quantity: up, down or flat. */
export function trend(value: number | null): 'up' | 'down' | 'flat' {
  if (value === null || value === 0) return 'flat';
  return value > 0 ? 'up' : 'down';
}

// Times stay 24-hour `HH:MM:SS`: every trader reads them, and a fixed width keeps the tape's column still.
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

// Paper account money: decimal strings from the server (up to 8 decimals), shown to the cent.

/** Money to the cent: `100,000.00`. */
export function formatMoneyAmount(decimal: string, locale = browserLocale()): string {
  return formatDecimal(decimal, 2, locale);
}

/** A profit or loss to the cent, signed: `+50.05`, `-12.50`, and `0.00` for what rounds to nothing. */
export function formatPnl(decimal: string, locale = browserLocale()): string {
  if (!DECIMAL.test(decimal)) throw new RangeError(`not a decimal: "${decimal}"`);
  const format = numberFormat(locale, 'pnl', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  });
  return format.format(decimal as `${number}`);
}

/** The CSS modifier for a signed decimal string, as `trend` for numbers. */
export function decimalTrend(decimal: string | null): 'up' | 'down' | 'flat' {
  if (decimal === null || !/[1-9]/.test(decimal)) return 'flat';
  return decimal.startsWith('-') ? 'down' : 'up';
}

/** A price string at its symbol's precision or finer, every digit it has kept: `64,250.50`. */
export function formatPriceText(instrument: Instrument, decimal: string, locale = browserLocale()): string {
  const digits = decimal.split('.')[1]?.length ?? 0;
  return formatDecimal(decimal, Math.max(instrument.spec.pricePrecision, digits), locale);
}

/** A size string at its symbol's precision: `0.5000`. */
export function formatSizeText(instrument: Instrument, decimal: string, locale = browserLocale()): string {
  const digits = decimal.split('.')[1]?.length ?? 0;
  return formatDecimal(decimal, Math.max(instrument.spec.sizePrecision, digits), locale);
}
