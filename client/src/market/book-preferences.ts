// The order book's remembered choices (price group per symbol, number of levels), kept in localStorage when the
// browser lets us; a missing, full or forbidden storage only means the choice is not remembered.

/** How many levels the ladder and the depth chart consider: a count per side, or every level the replica holds. */
export type BookLevelsChoice = 10 | 20 | 'all';
export const LEVEL_CHOICES: readonly BookLevelsChoice[] = [10, 20, 'all'];

const GROUP_KEY = 'tickline.book.group.';
const LEVELS_KEY = 'tickline.book.levels';

/** The page's localStorage, or undefined where reading it throws (sandboxed frames, some privacy modes). */
function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

function read(key: string, storage: Storage | undefined): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string, storage: Storage | undefined): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Full or forbidden: the choice lasts until the page closes, which is all we can do.
  }
}

/** The group size in ticks last chosen for `symbol`; 1 (no grouping) when none or unreadable. */
export function loadGroup(symbol: string, storage = defaultStorage()): number {
  const value = Number(read(GROUP_KEY + symbol, storage));
  return Number.isSafeInteger(value) && value >= 1 ? value : 1;
}

export function saveGroup(symbol: string, groupTicks: number, storage = defaultStorage()): void {
  write(GROUP_KEY + symbol, String(groupTicks), storage);
}

/** The level count last chosen; every level when none or unreadable. */
export function loadLevels(storage = defaultStorage()): BookLevelsChoice {
  const raw = read(LEVELS_KEY, storage);
  return LEVEL_CHOICES.find((choice) => String(choice) === raw) ?? 'all';
}

export function saveLevels(levels: BookLevelsChoice, storage = defaultStorage()): void {
  write(LEVELS_KEY, String(levels), storage);
}
