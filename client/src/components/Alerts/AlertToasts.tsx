// Fired alerts inside the page: a toast each (read out politely by screen readers), until dismissed or Esc. Also
// where the page's alarms are wired: the desktop notification, the beep and the tab title.

import { useCallback, useEffect, useRef, useState } from 'react';
import { firingText, ringAlarms } from '../../alerts/alert-alarm.ts';
import { TitleFlag } from '../../alerts/title-flag.ts';
import { useMarketStore } from '../../hooks/market-context.ts';
import { BellIcon } from './BellIcon.tsx';
import { useAlertCenter } from './useAlertCenter.ts';
import './Alerts.css';

interface Toast {
  key: number;
  headline: string;
  detail: string;
}

/** More than this and the oldest go: a burst of firings must not cover the page. */
const MAX_TOASTS = 4;

export function AlertToasts() {
  const store = useMarketStore();
  const center = useAlertCenter();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const title = useRef<TitleFlag | null>(null);
  const nextKey = useRef(0);

  useEffect(() => {
    const flag = new TitleFlag(document, window);
    title.current = flag;
    const stopAlarms = ringAlarms(center, store, { title: flag });
    const stopToasts = center.onFire((firing) => {
      const toast = { key: nextKey.current++, ...firingText(firing, store) };
      setToasts((shown) => [...shown, toast].slice(-MAX_TOASTS));
    });
    return () => {
      stopAlarms();
      stopToasts();
      flag.dispose();
      title.current = null;
    };
  }, [center, store]);

  const dismiss = useCallback((key?: number) => {
    setToasts((shown) => {
      const left = key === undefined ? [] : shown.filter((t) => t.key !== key);
      // Every toast read: the title has done its job too.
      if (left.length === 0) title.current?.lower();
      return left;
    });
  }, []);

  const any = toasts.length > 0;
  useEffect(() => {
    if (!any) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) dismiss();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [any, dismiss]);

  return (
    // Always mounted: a live region must exist before what it announces is added to it.
    <div className="alert-toasts" role="status" aria-live="polite" data-testid="alert-toasts">
      {toasts.map((toast) => (
        <div key={toast.key} className="alert-toast" data-testid="alert-toast">
          <BellIcon className="alert-toast__icon" />
          <span className="alert-toast__text">
            <strong className="alert-toast__headline num">{toast.headline}</strong>
            <span className="alert-toast__detail">{toast.detail}</span>
          </span>
          <button
            type="button"
            className="alerts-action alert-toast__close"
            onClick={() => dismiss(toast.key)}
            aria-label={`Dismiss alert ${toast.headline}`}
          >
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
