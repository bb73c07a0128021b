// The header's bell: how many alerts are armed, and the door to the alerts dialog. It also answers requests from
// other panels (a watchlist row's bell, the chart's right-click) by opening the form prefilled.

import { useEffect, useState } from 'react';
import { activeCount } from '../../alerts/alert-center.ts';
import { newDraft, type AlertDraft } from '../../alerts/alert-draft.ts';
import { onAlertRequest, type AlertRequest } from '../../alerts/alert-requests.ts';
import type { Ticks } from '@tickline/shared';
import { useMarketStore } from '../../hooks/market-context.ts';
import type { MarketStore } from '../../market/store.ts';
import { AlertsDialog } from './AlertsDialog.tsx';
import { BellIcon } from './BellIcon.tsx';
import { useAlerts } from './useAlertCenter.ts';
import './Alerts.css';

function draftFor(store: MarketStore, { symbol, priceTicks }: AlertRequest): AlertDraft {
  const start = priceTicks ?? store.replica(symbol).ticker.last;
  return newDraft(symbol, store.instrument(symbol), start === null ? null : (start as Ticks));
}

export function AlertsButton() {
  const store = useMarketStore();
  const active = activeCount(useAlerts());
  const [open, setOpen] = useState<AlertDraft | null>(null);

  useEffect(
    () =>
      onAlertRequest((request) => {
        if (store.has(request.symbol)) setOpen(draftFor(store, request));
      }),
    [store],
  );

  return (
    <>
      <button
        type="button"
        className="alerts-button"
        aria-haspopup="dialog"
        aria-expanded={open !== null}
        onClick={() => setOpen(draftFor(store, { symbol: store.getSelected() }))}
        data-testid="alerts-button"
      >
        <BellIcon className="alerts-button__icon" />
        <span className="alerts-button__label">Alerts</span>
        <span className="alerts-button__count num" data-testid="alerts-count">
          {active}
          <span className="visually-hidden"> active</span>
        </span>
      </button>
      {open && <AlertsDialog key={JSON.stringify(open)} initial={open} onClose={() => setOpen(null)} />}
    </>
  );
}
