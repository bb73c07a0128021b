// The alerts of this page: the list people edit, kept in storage, watched by the engine over the store's updates,
// and the firings announced to whoever shows them (toasts, notifications, the tab title).

import type { MarketUpdate } from '@tickline/shared';
import type { MarketStore } from '../market/store.ts';
import { AlertEngine, type StreamPoint } from './alert-engine.ts';
import { isArmed, type Alert, type AlertCondition, type AlertFiring } from './alert-model.ts';
import { readAlerts, readSound, writeAlerts, writeSound, type KeyValueStorage } from './alert-storage.ts';

export interface AlertCenterOptions {
  storage: KeyValueStorage;
  now?: () => number;
  newId?: () => string;
}

type FiringListener = (firing: AlertFiring) => void;

let counter = 0;
// Not crypto.randomUUID: it only exists in secure contexts, and the dashboard may be served over plain http.
const defaultId = (): string =>
  `${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export class AlertCenter {
  private alerts: readonly Alert[];
  private readonly foreign: unknown[];
  private sound: boolean;
  private readonly engine = new AlertEngine();
  private readonly listeners = new Set<() => void>();
  private readonly firingListeners = new Set<FiringListener>();
  private readonly storage: KeyValueStorage;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly detach: () => void;

  constructor(
    private readonly market: MarketStore,
    options: AlertCenterOptions,
  ) {
    this.storage = options.storage;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? defaultId;
    const stored = readAlerts(this.storage, (symbol) => (market.has(symbol) ? market.instrument(symbol) : undefined));
    this.alerts = stored.alerts;
    this.foreign = stored.foreign;
    this.sound = readSound(this.storage);
    this.engine.watch(this.alerts, this.livePrice);
    this.detach = market.onApplied((symbol, update) => this.applied(symbol, update));
  }

  // --- reading -------------------------------------------------------------------------------------------

  /** Every alert, oldest first; the same array until something changes. */
  getAlerts = (): readonly Alert[] => this.alerts;

  /** Whether a firing beeps. */
  getSound = (): boolean => this.sound;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Called once per firing, after the alert was marked triggered; returns the unregister. */
  onFire(listener: FiringListener): () => void {
    this.firingListeners.add(listener);
    return () => {
      this.firingListeners.delete(listener);
    };
  }

  // --- writing -------------------------------------------------------------------------------------------

  create(symbol: string, condition: AlertCondition): Alert {
    this.market.instrument(symbol); // an unknown symbol is a bug of the caller
    const alert: Alert = { id: this.newId(), symbol, condition, armedAt: this.now() };
    this.commit([...this.alerts, alert]);
    return alert;
  }

  /** Changes an alert's symbol and condition; it watches afresh, as a new one would. */
  edit(id: string, symbol: string, condition: AlertCondition): void {
    this.market.instrument(symbol);
    this.replace(id, (alert) => ({ id: alert.id, symbol, condition, armedAt: this.now() }));
  }

  /** Arms a triggered alert again, watching from now. */
  rearm(id: string): void {
    this.replace(id, (alert) => ({
      id: alert.id,
      symbol: alert.symbol,
      condition: alert.condition,
      armedAt: this.now(),
    }));
  }

  remove(id: string): void {
    this.commit(this.alerts.filter((alert) => alert.id !== id));
  }

  setSound(on: boolean): void {
    if (on === this.sound) return;
    this.sound = on;
    writeSound(this.storage, on);
    this.notify();
  }

  /**
   * Takes up what another tab of the page wrote (the `storage` event): otherwise the next write here would undo it.
   * Alerts that did not change keep watching as they were.
   */
  reload(): void {
    const stored = readAlerts(this.storage, (symbol) =>
      this.market.has(symbol) ? this.market.instrument(symbol) : undefined,
    );
    const current = new Map(this.alerts.map((alert) => [alert.id, alert]));
    this.alerts = stored.alerts.map((alert) => {
      const same = current.get(alert.id);
      return same && JSON.stringify(same) === JSON.stringify(alert) ? same : alert;
    });
    this.foreign.splice(0, this.foreign.length, ...stored.foreign);
    this.sound = readSound(this.storage);
    this.engine.watch(this.alerts, this.livePrice);
    this.notify();
  }

  /** Stops watching the store (a page that goes away, a test). */
  dispose(): void {
    this.detach();
  }

  // --- internals -----------------------------------------------------------------------------------------

  private applied(symbol: string, update: MarketUpdate): void {
    const firings = this.engine.applied(update, {
      live: this.market.streamIsLive(symbol),
      epoch: this.market.replica(symbol).epoch,
    });
    if (firings.length === 0) return;
    const triggered = new Map<Alert, Alert>();
    for (const { alert, price, time } of firings) triggered.set(alert, { ...alert, triggered: { time, price } });
    this.commit(this.alerts.map((alert) => triggered.get(alert) ?? alert));
    for (const firing of firings) {
      const alert = triggered.get(firing.alert) as Alert;
      for (const listener of Array.from(this.firingListeners)) listener({ ...firing, alert });
    }
  }

  /** Where a new alert starts watching from: the last price, if the symbol is live (else the next trade). */
  private readonly livePrice = (symbol: string): StreamPoint | undefined => {
    if (!this.market.has(symbol) || !this.market.streamIsLive(symbol)) return undefined;
    const replica = this.market.replica(symbol);
    const price = replica.ticker.last;
    return price === null ? undefined : { price, time: replica.time, epoch: replica.epoch, seq: replica.seq };
  };

  private replace(id: string, change: (alert: Alert) => Alert): void {
    if (!this.alerts.some((alert) => alert.id === id)) return;
    this.commit(this.alerts.map((alert) => (alert.id === id ? change(alert) : alert)));
  }

  private commit(alerts: readonly Alert[]): void {
    this.alerts = alerts;
    this.engine.watch(alerts, this.livePrice);
    writeAlerts(this.storage, { alerts: [...alerts], foreign: this.foreign }, (symbol) =>
      this.market.instrument(symbol),
    );
    this.notify();
  }

  private notify(): void {
    for (const listener of Array.from(this.listeners)) listener();
  }
}

/** How many alerts are still watching. */
export const activeCount = (alerts: readonly Alert[]): number => alerts.filter(isArmed).length;
