// The address a connection counts against: the peer's, or behind a trusted proxy the one that proxy saw.

import type { IncomingHttpHeaders } from 'node:http';

export interface AddressedRequest {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string | undefined };
}

/**
 * With `trustProxy`, the last X-Forwarded-For entry: the one our proxy appended. Earlier entries are whatever the
 * client sent and prove nothing. Without it the header is ignored, or any client could pick its own address.
 */
export function clientAddress(req: AddressedRequest, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const value = Array.isArray(header) ? header[header.length - 1] : header;
    const last = value?.split(',').pop()?.trim();
    if (last) return normalizeAddress(last);
  }
  return normalizeAddress(req.socket.remoteAddress ?? 'unknown');
}

/** An IPv4 peer of a dual-stack socket reads `::ffff:1.2.3.4`; both forms are the same client. */
export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address.toLowerCase();
}
