// What to tell the user when the server refuses the socket itself (not a request on it): a missing or wrong viewer
// token, or too many wrong ones. Socket.IO does not retry a refusal by middleware, so the page says it once, clearly.

/** The server's reasons a handshake is refused (server/src/gate/socket-gate.ts), in `connect_error`'s `data.code`. */
export type RefusalCode = 'unauthorized' | 'rate_limited';

/** A message for the user when `error` is such a refusal; undefined for ordinary connection trouble. */
export function refusalMessage(error: Error & { data?: unknown }): string | undefined {
  const data = error.data;
  const code = typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
  if (code === 'unauthorized') {
    return `This Tickline server needs a viewer token, and refused the one this page has (${error.message}).`;
  }
  if (code === 'rate_limited') return `The Tickline server refused this page for now: ${error.message}.`;
  return undefined;
}

/** How to fix a refused token, for the hint under the message. */
export const TOKEN_HINT = 'Open the dashboard with ?token=<viewer token> in its address (ask whoever runs the server).';
