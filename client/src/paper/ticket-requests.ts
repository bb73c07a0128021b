// Where the keyboard (`b`, `s`) asks the order ticket to open on a side, without knowing where the ticket is.

import type { OrderSide } from '@tickline/shared';

type TicketListener = (side: OrderSide) => void;

const listeners = new Set<TicketListener>();

/** Asks the ticket to take `side` and focus its size; false when no ticket is on the page to hear it. */
export function requestTicket(side: OrderSide): boolean {
  for (const listener of Array.from(listeners)) listener(side);
  return listeners.size > 0;
}

/** Called by the ticket; returns the unregister. */
export function onTicketRequest(listener: TicketListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
