// Where a price clicked anywhere on the page (a ladder row, a depth chart) is handed to whoever fills an order form,
// without the book knowing who listens.

export interface PricePick {
  symbol: string;
  priceTicks: number;
  /** The side of the book the price was taken from. */
  side: 'bid' | 'ask';
}

type PricePickListener = (pick: PricePick) => void;

const listeners = new Set<PricePickListener>();

/** Publishes a picked price to every listener (nothing happens while none listens). */
export function pickPrice(pick: PricePick): void {
  for (const listener of Array.from(listeners)) listener(pick);
}

/** Called by whoever uses picked prices (the order ticket); returns the unregister. */
export function onPricePick(listener: PricePickListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
