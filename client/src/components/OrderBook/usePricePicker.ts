// Clicking a price in the book: publish it to the order ticket, copy it when the browser allows, and say so.

import type { Instrument, Ticks } from '@tickline/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { pickPrice } from '../../market/price-picks.ts';

export type PickSide = 'bid' | 'ask';

/** How long the "copied" note stays: long enough to read, short enough not to linger over the next pick. */
const NOTE_MS = 2_000;

export interface PricePicker {
  onPick(side: PickSide, price: Ticks): void;
  /** What the last pick did, for a live region; empty when there is nothing to say. */
  note: string;
}

export function usePricePicker(symbol: string, instrument: Instrument): PricePicker {
  const [note, setNote] = useState({ text: '', pick: 0 });
  // Each pick's number: a slow clipboard answer for an older pick must not overwrite a newer pick's note.
  const lastPick = useRef(0);

  const onPick = useCallback(
    (side: PickSide, price: Ticks) => {
      const pick = ++lastPick.current;
      pickPrice({ symbol, priceTicks: price, side });
      const text = instrument.formatPrice(price);
      const what = `${side === 'bid' ? 'Bid' : 'Ask'} ${text}`;
      setNote({ text: `${what} picked`, pick });
      void copyText(text).then((copied) => {
        if (copied && pick === lastPick.current) setNote({ text: `${what} picked and copied`, pick });
      });
    },
    [symbol, instrument],
  );

  useEffect(() => {
    if (note.text === '') return;
    // Keyed by the note object, so picking the same price again restarts the clock.
    const timer = setTimeout(() => setNote({ text: '', pick: note.pick }), NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);

  return { onPick, note: note.text };
}

/** Writes to the clipboard where the page may (a secure context, a focused page); false where it may not. */
async function copyText(text: string): Promise<boolean> {
  try {
    const clipboard = globalThis.navigator?.clipboard;
    if (!clipboard) return false;
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
