// Where any part of the page asks for the alert form to open (the chart's right-click on a price, a watchlist row's
// bell), without knowing who shows the form.

export interface AlertRequest {
  symbol: string;
  /** A price to start from, in ticks; the form starts from the last price when absent. */
  priceTicks?: number;
}

type AlertRequestListener = (request: AlertRequest) => void;

const listeners = new Set<AlertRequestListener>();

/** Opens the alert form for `request` (nothing happens while no form is mounted). */
export function requestAlert(request: AlertRequest): void {
  for (const listener of Array.from(listeners)) listener(request);
}

/** Called by the component that shows the form; returns the unregister. */
export function onAlertRequest(listener: AlertRequestListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
