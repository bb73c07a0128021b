// The alerts, newest first: what each watches for, whether it is armed or fired (and at what), and its actions.

import type { Ticks } from '@tickline/shared';
import { describeCondition, isArmed, type Alert } from '../../alerts/alert-model.ts';
import { useMarketStore } from '../../hooks/market-context.ts';
import { formatTime } from '../format.ts';
import { useAlertCenter, useAlerts } from './useAlertCenter.ts';
import { formatPrice } from '../format.ts';

export function AlertList({ onEdit }: { onEdit: (alert: Alert) => void }) {
  const alerts = useAlerts();
  const center = useAlertCenter();
  const store = useMarketStore();
  if (alerts.length === 0) return <p className="alert-list__empty">No alerts yet.</p>;
  return (
    <ul className="alert-list" aria-label="Your alerts" data-testid="alert-list">
      {[...alerts].reverse().map((alert) => {
        const instrument = store.instrument(alert.symbol);
        const price = (ticks: Ticks) => formatPrice(instrument, ticks);
        const what = `${alert.symbol} ${describeCondition(alert.condition, price)}`;
        const armed = isArmed(alert);
        return (
          <li
            key={alert.id}
            className="alert-list__item"
            data-testid="alert-item"
            data-state={armed ? 'armed' : 'triggered'}
          >
            <span className={`alert-list__state alert-list__state--${armed ? 'armed' : 'triggered'}`}>
              <span aria-hidden="true">{armed ? '◉ ' : '✓ '}</span>
              {armed ? 'Armed' : 'Fired'}
            </span>
            <span className="alert-list__what">{what}</span>
            {alert.triggered && (
              <span className="alert-list__when num">
                at {price(alert.triggered.price)}, {formatTime(alert.triggered.time)}
              </span>
            )}
            <span className="alert-list__actions">
              {!armed && (
                <button type="button" className="alerts-action" onClick={() => center.rearm(alert.id)}>
                  Re-arm<span className="visually-hidden"> {what}</span>
                </button>
              )}
              <button type="button" className="alerts-action" onClick={() => onEdit(alert)}>
                Edit<span className="visually-hidden"> {what}</span>
              </button>
              <button type="button" className="alerts-action" onClick={() => center.remove(alert.id)}>
                Remove<span className="visually-hidden"> {what}</span>
              </button>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
