// What a server's CPU buys: microseconds of its CPU per 1,000 updates delivered, at the same offered rate for every
// server. Capacity can be hidden by the load generator's own limit; this cannot, so servers compare even where the
// generator saturates first.

/** µs of server CPU per 1,000 deliveries; null when nothing was delivered. */
export function cpuUsPer1kDeliveries(serverCores: number, deliveriesPerSec: number): number | null {
  if (!(deliveriesPerSec > 0)) return null;
  return Math.round((serverCores * 1e6 * 1000) / deliveriesPerSec);
}
