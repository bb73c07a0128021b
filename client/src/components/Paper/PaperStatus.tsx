// The paper panel's header note: whether the account is reachable, and for a few seconds after each fill what
// traded, so a resting order filling while you look at the chart is noticed (and read out by a screen reader).

import type { PaperFill } from '@tickline/shared';
import { useEffect, useState } from 'react';
import type { AccountEvent } from '../../paper/account-store.ts';
import { useAccountState } from '../../paper/paper-context.ts';
import { formatPriceText, formatSizeText } from '../format.ts';
import { useInstrumentOf } from './useInstrumentOf.ts';

/** How long a fill stays in the header. */
export const FILL_NOTICE_MS = 6_000;

type FillEvent = Extract<AccountEvent, { kind: 'fill' }>;

export function PaperStatus() {
  const { account, online, events } = useAccountState();
  const latest = events.find((e): e is FillEvent => e.kind === 'fill');
  // Fills up to this event are not news: heard before the panel showed, or shown long enough.
  const [quietUpTo, setQuietUpTo] = useState(latest?.id ?? 0);
  useEffect(() => {
    if (!latest || latest.id <= quietUpTo) return;
    const timer = setTimeout(() => setQuietUpTo(latest.id), FILL_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [latest, quietUpTo]);
  const instrumentOf = useInstrumentOf();
  const news = latest && latest.id > quietUpTo ? latest.fill : null;

  let text: string;
  if (news) text = fillText(news, instrumentOf);
  else if (online) text = 'Play money';
  else text = account ? 'Offline' : 'Connecting…';
  const tone = news ? `paper__status--${news.side}` : online ? '' : 'paper__status--offline';
  return (
    <span className={`paper__status ${tone}`} role="status" data-testid="paper-status">
      {text}
    </span>
  );
}

function fillText(fill: PaperFill, instrumentOf: ReturnType<typeof useInstrumentOf>): string {
  const instrument = instrumentOf(fill.symbol);
  const size = instrument ? formatSizeText(instrument, fill.size) : fill.size;
  const price = instrument ? formatPriceText(instrument, fill.price) : fill.price;
  return `Filled: ${fill.side === 'buy' ? 'bought' : 'sold'} ${size} ${fill.symbol} at ${price}`;
}
