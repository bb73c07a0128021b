// Where a price clicked anywhere on the page (a ladder row, a depth chart, the price chart) is handed to whoever fills
// an order form (the paper order ticket), without the book or the chart knowing who listens.

export interface PricePick {
  symbol: string;
  priceTicks: number;
  /** The side of the book the price was taken from; absent for a price taken off the chart. */
  side?: 'bid' | 'ask';
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
