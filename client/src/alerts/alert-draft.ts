// The alert form's fields as typed, and the checks that turn them into a condition or say, field by field, why not.

import { decimalToUnits, type Instrument, type Ticks } from '@tickline/shared';
import {
  MAX_MOVE_BASIS_POINTS,
  MOVE_WINDOWS_MS,
  percentLabel,
  type Alert,
  type AlertCondition,
  type AlertKind,
  type MoveDirection,
} from './alert-model.ts';

export interface AlertDraft {
  symbol: string;
  kind: AlertKind;
  /** The level of a cross, as typed. */
  price: string;
  /** The size of a move in %, as typed. */
  percent: string;
  direction: MoveDirection;
  windowMs: number;
}

export type DraftField = 'price' | 'percent';
export type DraftErrors = Partial<Record<DraftField, string>>;

export type DraftResult = { ok: true; condition: AlertCondition } | { ok: false; errors: DraftErrors };

const DEFAULT_WINDOW_MS = 5 * 60_000;

/** A new alert's fields for `symbol`, starting from `priceTicks` (the price asked for, or the last price) if any. */
export function newDraft(symbol: string, instrument: Instrument, priceTicks: Ticks | null): AlertDraft {
  return {
    symbol,
    kind: 'above',
    price: priceTicks === null ? '' : instrument.formatPrice(priceTicks),
    percent: '',
    direction: 'either',
    windowMs: DEFAULT_WINDOW_MS,
  };
}

/** The fields that describe an existing alert, for editing it. */
export function draftOf(alert: Alert, instrument: Instrument): AlertDraft {
  const { condition } = alert;
  if (condition.kind === 'move') {
    return {
      symbol: alert.symbol,
      kind: 'move',
      price: '',
      percent: percentLabel(condition.basisPoints),
      direction: condition.direction,
      windowMs: condition.windowMs,
    };
  }
  return { ...newDraft(alert.symbol, instrument, condition.level), kind: condition.kind };
}

export function checkDraft(draft: AlertDraft, instrument: Instrument): DraftResult {
  if (draft.kind === 'move') {
    const basisPoints = checkPercent(draft.percent);
    if (typeof basisPoints === 'string') return { ok: false, errors: { percent: basisPoints } };
    if (!MOVE_WINDOWS_MS.includes(draft.windowMs as (typeof MOVE_WINDOWS_MS)[number])) {
      throw new RangeError(`window ${draft.windowMs} ms is not one the form offers`);
    }
    return { ok: true, condition: { kind: 'move', direction: draft.direction, basisPoints, windowMs: draft.windowMs } };
  }
  const level = checkPrice(draft.price, instrument);
  if (typeof level === 'string') return { ok: false, errors: { price: level } };
  return { ok: true, condition: { kind: draft.kind, level } };
}

/** Thousands separators and spaces people type or paste are allowed; anything else is not a number. */
const cleaned = (text: string): string => text.replace(/[,\s_]/g, '');

function checkPrice(text: string, instrument: Instrument): Ticks | string {
  const { spec } = instrument;
  const value = cleaned(text);
  if (value === '') return 'Enter a price.';
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(value)) return `Enter the price as a number, such as ${example(instrument)}.`;
  const normal = value.startsWith('.') ? `0${value}` : value.endsWith('.') ? value.slice(0, -1) : value;
  const units = decimalToUnits(normal, spec.pricePrecision);
  const tick = decimalToUnits(spec.tickSize, spec.pricePrecision) as number;
  if (Number(normal) <= 0) return 'The price must be above zero.';
  if (units === undefined || units % tick !== 0) {
    // Suggests the two prices on the grid either side of what was typed.
    const below = Math.max(1, Math.floor(Number(normal) / Number(spec.tickSize)));
    const near = [below, below + 1].map((t) => instrument.formatPrice(t as Ticks)).join(' or ');
    return `${spec.symbol} prices move in steps of ${spec.tickSize}: try ${near}.`;
  }
  return (units / tick) as Ticks;
}

function checkPercent(text: string): number | string {
  const value = cleaned(text).replace(/%$/, '');
  if (value === '') return 'Enter a percentage.';
  if (!/^\d*\.?\d*$/.test(value) || value === '.') return 'Enter the percentage as a number, such as 2.5.';
  const basisPoints = decimalToUnits(value.endsWith('.') ? value.slice(0, -1) : value, 2);
  if (basisPoints === undefined) return 'Use at most two decimals (steps of 0.01 %).';
  if (basisPoints <= 0) return 'The percentage must be above zero.';
  if (basisPoints > MAX_MOVE_BASIS_POINTS) return 'The percentage can be at most 100.';
  return basisPoints;
}

function example(instrument: Instrument): string {
  return instrument.formatPrice(Math.round(10 ** instrument.spec.pricePrecision * 12.5) as Ticks);
}
