import { describe, expect, it } from 'vitest';
import { loadGroup, loadLevels, saveGroup, saveLevels } from './book-preferences.ts';

/** A Storage backed by a Map, as the browser's behaves. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => Array.from(items.keys())[i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

/** A Storage whose every call throws, as in a sandboxed frame or with storage disabled. */
const forbidden = new Proxy({} as Storage, {
  get() {
    throw new DOMException('denied', 'SecurityError');
  },
});

describe('book preferences', () => {
  it('remember the group per symbol', () => {
    const storage = memoryStorage();
    saveGroup('BTC-USD', 50, storage);
    saveGroup('EUR/USD', 5, storage);
    expect(loadGroup('BTC-USD', storage)).toBe(50);
    expect(loadGroup('EUR/USD', storage)).toBe(5);
    expect(loadGroup('AAPL', storage)).toBe(1);
  });

  it('remember the level count', () => {
    const storage = memoryStorage();
    expect(loadLevels(storage)).toBe('all');
    saveLevels(10, storage);
    expect(loadLevels(storage)).toBe(10);
  });

  it('fall back to the defaults on values they did not write', () => {
    const storage = memoryStorage();
    storage.setItem('tickline.book.group.BTC-USD', '-3');
    storage.setItem('tickline.book.levels', '15');
    expect(loadGroup('BTC-USD', storage)).toBe(1);
    expect(loadLevels(storage)).toBe('all');
    storage.setItem('tickline.book.group.BTC-USD', 'ten');
    expect(loadGroup('BTC-USD', storage)).toBe(1);
  });

  it('work without storage, or with one that throws', () => {
    expect(loadGroup('BTC-USD', undefined)).toBe(1);
    expect(() => saveGroup('BTC-USD', 5, forbidden)).not.toThrow();
    expect(loadGroup('BTC-USD', forbidden)).toBe(1);
    expect(() => saveLevels(20, forbidden)).not.toThrow();
    expect(loadLevels(forbidden)).toBe('all');
  });
});
