// The keyboard shortcuts: one table, read both by the key handler and by the help overlay, so the two cannot drift.

import { CANDLE_INTERVALS, type CandleInterval, type OrderSide } from '@tickline/shared';

export type ShortcutAction =
  | { type: 'help' }
  | { type: 'search' }
  | { type: 'symbol'; step: 1 | -1 }
  | { type: 'interval'; interval: CandleInterval }
  | { type: 'present' }
  | { type: 'ticket'; side: OrderSide }
  | { type: 'close' };

export interface Shortcut {
  /** `KeyboardEvent.key` values that trigger it. */
  keys: readonly string[];
  /** How the overlay shows the keys. */
  label: string;
  description: string;
  action: ShortcutAction;
}

/**
 * The element `/` focuses: the watchlist's search box carries `data-shortcut="search"` (agreed with the watchlist;
 * nothing happens while it is not on the page).
 */
export const SEARCH_SELECTOR = '[data-shortcut="search"]';

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['?'], label: '?', description: 'Show the keyboard shortcuts', action: { type: 'help' } },
  { keys: ['/'], label: '/', description: 'Search the markets', action: { type: 'search' } },
  { keys: ['ArrowUp', 'k'], label: '↑ or k', description: 'Previous market', action: { type: 'symbol', step: -1 } },
  { keys: ['ArrowDown', 'j'], label: '↓ or j', description: 'Next market', action: { type: 'symbol', step: 1 } },
  ...CANDLE_INTERVALS.map((interval, i): Shortcut => ({
    keys: [String(i + 1)],
    label: String(i + 1),
    description: `Chart interval ${interval}`,
    action: { type: 'interval', interval },
  })),
  { keys: ['p'], label: 'p', description: 'Presentation mode: big type for a room', action: { type: 'present' } },
  {
    keys: ['b'],
    label: 'b',
    description: 'Order ticket: buy (focuses the size)',
    action: { type: 'ticket', side: 'buy' },
  },
  {
    keys: ['s'],
    label: 's',
    description: 'Order ticket: sell (focuses the size)',
    action: { type: 'ticket', side: 'sell' },
  },
  {
    keys: ['Escape'],
    label: 'Esc',
    description: 'Close the open overlay, or leave presentation mode',
    action: { type: 'close' },
  },
];

/** What the chart does with a key while it has focus (PointerLayer reads its keys from here). */
export type ChartKeyAction = 'panOlder' | 'panNewer' | 'zoomIn' | 'zoomOut' | 'live';

/** The chart's own keys, shown in the overlay beside the page's: one table, so the two cannot drift. */
export const CHART_SHORTCUTS: readonly {
  keys: readonly string[];
  label: string;
  description: string;
  action: ChartKeyAction;
}[] = [
  {
    keys: ['ArrowLeft'],
    label: '←',
    description: 'Chart: pan to older candles (loads more history)',
    action: 'panOlder',
  },
  { keys: ['ArrowRight'], label: '→', description: 'Chart: pan towards live', action: 'panNewer' },
  { keys: ['+', '='], label: '+', description: 'Chart: zoom in', action: 'zoomIn' },
  { keys: ['-', '_'], label: '−', description: 'Chart: zoom out', action: 'zoomOut' },
  { keys: ['End'], label: 'End', description: 'Chart: go to live', action: 'live' },
];

const CHART_BY_KEY = new Map(CHART_SHORTCUTS.flatMap((s) => s.keys.map((key) => [key, s.action] as const)));

/** The chart's action for a key pressed while it has focus, if any. */
export function chartKeyAction(key: string): ChartKeyAction | undefined {
  return CHART_BY_KEY.get(key);
}

const BY_KEY = new Map(SHORTCUTS.flatMap((s) => s.keys.map((key) => [key, s.action] as const)));

/** What a keydown has to offer the handler; a real KeyboardEvent has all of it. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
  target: EventTarget | null;
}

/** Typing into a field is typing, not a command: `j` in the search box is a letter. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return element.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

/**
 * The action a key press asks for, if any. Ctrl, Cmd and Alt belong to the browser and the system (Shift does not:
 * it makes `?`); a press some control already handled (a list moving its own selection) is left to it.
 */
export function shortcutAction(press: KeyPress): ShortcutAction | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey || press.defaultPrevented) return undefined;
  const action = BY_KEY.get(press.key);
  if (action === undefined) return undefined;
  // Esc in a field still closes the overlay around it; every other key there is typing.
  if (action.type !== 'close' && isTypingTarget(press.target)) return undefined;
  return action;
}

export interface ShortcutTarget {
  addEventListener(type: 'keydown', listener: (event: KeyboardEvent) => void): void;
  removeEventListener(type: 'keydown', listener: (event: KeyboardEvent) => void): void;
}

/**
 * One keydown listener for the whole page: each shortcut's action goes to `run`, which says whether it acted (the
 * key's default, a scroll or a typed `/`, is then prevented). Returns the unbind.
 */
export function bindShortcuts(target: ShortcutTarget, run: (action: ShortcutAction) => boolean): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const action = shortcutAction(event);
    if (action !== undefined && run(action)) event.preventDefault();
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
