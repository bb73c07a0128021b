// The alert center of the page's market store: one per store, made on first use, so every alerts component shares it.

import { createContext, useContext, useSyncExternalStore } from 'react';
import { AlertCenter } from '../../alerts/alert-center.ts';
import type { Alert } from '../../alerts/alert-model.ts';
import { ALERTS_KEY, SOUND_KEY } from '../../alerts/alert-storage.ts';
import { browserStorage } from '../../alerts/browser-storage.ts';
import { useMarketStore } from '../../hooks/market-context.ts';
import type { MarketStore } from '../../market/store.ts';

/** Lets a test hand the components its own center (its own storage and clock). */
export const AlertCenterContext = createContext<AlertCenter | null>(null);

const centers = new WeakMap<MarketStore, AlertCenter>();

export function useAlertCenter(): AlertCenter {
  const provided = useContext(AlertCenterContext);
  const store = useMarketStore();
  if (provided) return provided;
  let center = centers.get(store);
  if (!center) {
    // Made during render, but once per store: every later render, and every other component, gets the same one.
    center = new AlertCenter(store, { storage: browserStorage });
    centers.set(store, center);
    // Another tab of the dashboard changed the alerts or the sound: this one follows (for the page's lifetime).
    const follow = center;
    window.addEventListener('storage', (event) => {
      if (event.key === ALERTS_KEY || event.key === SOUND_KEY || event.key === null) follow.reload();
    });
  }
  return center;
}

export function useAlerts(): readonly Alert[] {
  const center = useAlertCenter();
  return useSyncExternalStore(center.subscribe, center.getAlerts);
}

export function useAlertSound(): boolean {
  const center = useAlertCenter();
  return useSyncExternalStore(center.subscribe, center.getSound);
}
