// localStorage as the alerts use it: reaching it can itself throw (storage disabled), so every call is guarded.

import type { KeyValueStorage } from './alert-storage.ts';

export const browserStorage: KeyValueStorage = {
  getItem: (key) => globalThis.localStorage.getItem(key),
  setItem: (key, value) => globalThis.localStorage.setItem(key, value),
};
