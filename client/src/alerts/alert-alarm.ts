// What a firing does outside the page's own toasts: a desktop notification, a beep if wanted, a flag in the title.

import type { MarketStore } from '../market/store.ts';
import type { AlertCenter } from './alert-center.ts';
import { describeCondition, firingHeadline, type AlertFiring } from './alert-model.ts';
import { beep } from './beep.ts';
import { showNotification } from './desktop-notification.ts';
import type { TitleFlag } from './title-flag.ts';
import { formatPrice } from '../components/format.ts';

export interface AlarmOutputs {
  notify: (title: string, body: string, tag: string) => void;
  beep: () => void;
  title: Pick<TitleFlag, 'raise'>;
}

/** How a firing reads: a headline (`BTC-USD ↑ 64,250.50`) and what the alert was (`BTC-USD crosses above 64,250.00`). */
export function firingText(firing: AlertFiring, market: MarketStore): { headline: string; detail: string } {
  const { symbol, condition } = firing.alert;
  const instrument = market.instrument(symbol);
  const price = (ticks: Parameters<typeof instrument.formatPrice>[0]) => formatPrice(instrument, ticks);
  return { headline: firingHeadline(firing, price), detail: `${symbol} ${describeCondition(condition, price)}` };
}

/** Rings every firing of `center` on `outputs` (the browser's by default); returns the stop. */
export function ringAlarms(
  center: AlertCenter,
  market: MarketStore,
  outputs: Pick<AlarmOutputs, 'title'> & Partial<AlarmOutputs>,
): () => void {
  const notify = outputs.notify ?? showNotification;
  const sound = outputs.beep ?? beep;
  return center.onFire((firing) => {
    const { headline, detail } = firingText(firing, market);
    notify(`🔔 ${headline}`, detail, firing.alert.id);
    if (center.getSound()) sound();
    outputs.title.raise(headline);
  });
}
