// Alerts across reloads: a versioned JSON record in localStorage, read tolerantly.
//
// Prices are stored as decimal strings, not ticks, so an alert still means the same price if a symbol's tick size
// changes; one whose price is no longer on the grid is dropped. Alerts of symbols this server does not list are kept
// as they were (the same browser may talk to a server with other symbols tomorrow).

import type { Instrument, Ticks } from '@tickline/shared';
import { MAX_MOVE_BASIS_POINTS, type Alert, type AlertCondition } from './alert-model.ts';

export const ALERTS_KEY = 'tickline:alerts:v1';
export const SOUND_KEY = 'tickline:alert-sound:v1';

/** Where the record lives: localStorage in the browser, a Map in tests. Both calls may throw (private mode, quota). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What was read: the alerts of known symbols, and the raw records of other symbols, to be written back as they are. */
export interface StoredAlerts {
  alerts: Alert[];
  foreign: unknown[];
}

type InstrumentOf = (symbol: string) => Instrument | undefined;

export function readAlerts(storage: KeyValueStorage, instrumentOf: InstrumentOf): StoredAlerts {
  const result: StoredAlerts = { alerts: [], foreign: [] };
  let parsed: unknown;
  try {
    const text = storage.getItem(ALERTS_KEY);
    if (text === null) return result;
    parsed = JSON.parse(text);
  } catch {
    return result; // unreadable: start empty rather than fail the page
  }
  if (!isObject(parsed) || parsed.version !== 1 || !Array.isArray(parsed.alerts)) return result;
  const ids = new Set<string>();
  for (const record of parsed.alerts) {
    if (!isObject(record) || typeof record.symbol !== 'string' || typeof record.id !== 'string') continue;
    if (ids.has(record.id)) continue;
    const instrument = instrumentOf(record.symbol);
    if (!instrument) {
      result.foreign.push(record);
      ids.add(record.id);
      continue;
    }
    const alert = alertFrom(record, instrument);
    if (alert) {
      result.alerts.push(alert);
      ids.add(alert.id);
    }
  }
  return result;
}

/** Writes the alerts; false when the storage refused (the alerts still work for this page). */
export function writeAlerts(
  storage: KeyValueStorage,
  stored: StoredAlerts,
  instrumentOf: (symbol: string) => Instrument,
): boolean {
  const alerts = [...stored.alerts.map((alert) => recordOf(alert, instrumentOf(alert.symbol))), ...stored.foreign];
  try {
    storage.setItem(ALERTS_KEY, JSON.stringify({ version: 1, alerts }));
    return true;
  } catch {
    return false;
  }
}

export function readSound(storage: KeyValueStorage): boolean {
  try {
    return storage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

export function writeSound(storage: KeyValueStorage, on: boolean): void {
  try {
    storage.setItem(SOUND_KEY, on ? 'on' : 'off');
  } catch {
    // not remembered; it still applies to this page
  }
}

function recordOf(alert: Alert, instrument: Instrument): Record<string, unknown> {
  const { condition } = alert;
  return {
    id: alert.id,
    symbol: alert.symbol,
    condition: condition.kind === 'move' ? condition : { ...condition, level: instrument.formatPrice(condition.level) },
    armedAt: alert.armedAt,
    ...(alert.triggered && {
      triggered: { time: alert.triggered.time, price: instrument.formatPrice(alert.triggered.price) },
    }),
  };
}

function alertFrom(record: Record<string, unknown>, instrument: Instrument): Alert | undefined {
  const condition = conditionFrom(record.condition, instrument);
  if (!condition || !isTime(record.armedAt)) return undefined;
  const alert: Alert = { id: record.id as string, symbol: record.symbol as string, condition, armedAt: record.armedAt };
  const triggered = record.triggered;
  if (triggered === undefined) return alert;
  if (!isObject(triggered) || !isTime(triggered.time)) return undefined;
  const price = priceFrom(triggered.price, instrument);
  return price === undefined ? undefined : { ...alert, triggered: { time: triggered.time, price } };
}

function conditionFrom(value: unknown, instrument: Instrument): AlertCondition | undefined {
  if (!isObject(value)) return undefined;
  if (value.kind === 'above' || value.kind === 'below') {
    const level = priceFrom(value.level, instrument);
    return level === undefined ? undefined : { kind: value.kind, level };
  }
  if (value.kind !== 'move') return undefined;
  const { direction, basisPoints, windowMs } = value;
  if (direction !== 'up' && direction !== 'down' && direction !== 'either') return undefined;
  if (!Number.isInteger(basisPoints) || (basisPoints as number) < 1) return undefined;
  if ((basisPoints as number) > MAX_MOVE_BASIS_POINTS) return undefined;
  if (!Number.isInteger(windowMs) || (windowMs as number) < 1) return undefined;
  return { kind: 'move', direction, basisPoints: basisPoints as number, windowMs: windowMs as number };
}

function priceFrom(value: unknown, instrument: Instrument): Ticks | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const ticks = instrument.parsePrice(value);
    return ticks > 0 ? ticks : undefined;
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
