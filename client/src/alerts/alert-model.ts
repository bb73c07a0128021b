// What a price alert is: a symbol, a condition on its trade prices, and whether it is still watching.

import type { Ticks } from '@tickline/shared';

/** A % move's direction: up from the window's low, down from its high, or either. */
export type MoveDirection = 'up' | 'down' | 'either';

/**
 * - `above`: a trade at or above `level` right after one below it (starting at or above the level is not a cross);
 * - `below`: the mirror image;
 * - `move`: a trade at least `basisPoints` / 100 % away from the lowest (up) or highest (down) trade price received
 *   within the last `windowMs` (trade times).
 */
export type AlertCondition =
  | { kind: 'above'; level: Ticks }
  | { kind: 'below'; level: Ticks }
  | { kind: 'move'; direction: MoveDirection; basisPoints: number; windowMs: number };

export type AlertKind = AlertCondition['kind'];

export interface Alert {
  id: string;
  symbol: string;
  condition: AlertCondition;
  /** When it was created or last re-armed (ms since epoch): it watches prices received from then on. */
  armedAt: number;
  /** Absent while it is watching; set once, when it fired. */
  triggered?: { time: number; price: Ticks };
}

/** What the engine reports when an alert fires. */
export interface AlertFiring {
  alert: Alert;
  /** The trade price that met the condition and its trade time. */
  price: Ticks;
  time: number;
  /** Which way the price went to meet it. */
  direction: 'up' | 'down';
}

/** Windows a % move can be measured over. */
export const MOVE_WINDOWS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;

/** Largest % move accepted, in basis points (100 %): a fall cannot be larger, a rise that large is not a signal. */
export const MAX_MOVE_BASIS_POINTS = 10_000;

export const isArmed = (alert: Alert): boolean => alert.triggered === undefined;

const ARROWS: Record<MoveDirection, string> = { up: '↑', down: '↓', either: '↕' };

/** `5m`, `1h`: the window as people say it. */
export function windowLabel(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${Math.round(ms / 60_000)}m`;
}

/** `2.5`: basis points as a percent, no trailing zeros. */
export function percentLabel(basisPoints: number): string {
  return String(basisPoints / 100);
}

/** One line for the list: `crosses above 64,250.50`, `moves ↑ 5% within 5m`. */
export function describeCondition(condition: AlertCondition, price: (ticks: Ticks) => string): string {
  switch (condition.kind) {
    case 'above':
      return `crosses above ${price(condition.level)}`;
    case 'below':
      return `crosses below ${price(condition.level)}`;
    case 'move':
      return `moves ${ARROWS[condition.direction]} ${percentLabel(condition.basisPoints)}% within ${windowLabel(condition.windowMs)}`;
  }
}

/** `BTC-USD ↑ 64,250.50`: the firing in a few characters, for the tab title and the notification. */
export function firingHeadline(firing: AlertFiring, price: (ticks: Ticks) => string): string {
  return `${firing.alert.symbol} ${firing.direction === 'up' ? '↑' : '↓'} ${price(firing.price)}`;
}
