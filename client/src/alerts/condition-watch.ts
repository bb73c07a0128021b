// One alert condition watching a stream of trade prices: says when a price meets it, given the prices before it.

import type { AlertCondition, MoveDirection } from './alert-model.ts';
import { MoveWindow } from './move-window.ts';

export interface ConditionWatch {
  /** The next trade price in order and its time; the direction it met the condition in, or null. */
  observe(price: number, time: number): 'up' | 'down' | null;
  /** Forgets the prices before: the next one is a new starting point and cannot meet the condition by itself. */
  rebase(): void;
}

export function watchCondition(condition: AlertCondition): ConditionWatch {
  switch (condition.kind) {
    case 'above':
    case 'below':
      return crossWatch(condition.level, condition.kind);
    case 'move':
      return moveWatch(condition.basisPoints, condition.windowMs, condition.direction);
  }
}

function crossWatch(level: number, side: 'above' | 'below'): ConditionWatch {
  let previous: number | null = null;
  return {
    observe(price) {
      const before = previous;
      previous = price;
      if (before === null) return null;
      if (side === 'above') return before < level && price >= level ? 'up' : null;
      return before > level && price <= level ? 'down' : null;
    },
    rebase() {
      previous = null;
    },
  };
}

function moveWatch(basisPoints: number, windowMs: number, direction: MoveDirection): ConditionWatch {
  const window = new MoveWindow(windowMs);
  // Integer arithmetic on ticks: `(price - low) / low >= bp / 10000` without division, so no rounding at the edge.
  const rose = (price: number, low: number) => low > 0 && (price - low) * 10_000 >= basisPoints * low;
  const fell = (price: number, high: number) => high > 0 && (high - price) * 10_000 >= basisPoints * high;
  return {
    observe(price, time) {
      window.add(time, price);
      const low = window.low() as number;
      const high = window.high() as number;
      if (direction !== 'down' && rose(price, low)) return 'up';
      if (direction !== 'up' && fell(price, high)) return 'down';
      return null;
    },
    rebase() {
      window.clear();
    },
  };
}
