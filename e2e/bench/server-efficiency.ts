// What a server's CPU buys, at the same offered rate for every server: microseconds of its CPU per 1,000 updates
// delivered, and per message its clients received. Capacity can be hidden by the load generator's own limit; these
// cannot, so servers compare even where the generator saturates first. The two read together: a server that batches
// more writes fewer, fuller messages, so its CPU per update falls while each message costs about the same (a write,
// most of it the kernel's).

/** µs of server CPU per 1,000 deliveries; null when nothing was delivered. */
export function cpuUsPer1kDeliveries(serverCores: number, deliveriesPerSec: number): number | null {
  if (!(deliveriesPerSec > 0)) return null;
  return Math.round((serverCores * 1e6 * 1000) / deliveriesPerSec);
}

/** µs of server CPU per message the clients received (to 0.1 µs); null when none arrived. */
export function cpuUsPerMessage(serverCores: number, messagesPerSec: number): number | null {
  if (!(messagesPerSec > 0)) return null;
  return Math.round((serverCores * 1e6 * 10) / messagesPerSec) / 10;
}
