// The cluster nodes' logger under test: silent about routine events, but a warning or an error (a gap on the bus, a
// lost Redis connection, a checksum mismatch) goes to the run's stderr with the node's name, where it is noticed.

import type { Logger } from '@tickline/server';

export function benchLogger(node: string): Logger {
  return {
    info: () => {},
    warn: (message) => process.stderr.write(`[${node}] warn: ${message}\n`),
    error: (message, err) =>
      process.stderr.write(`[${node}] error: ${message} ${err instanceof Error ? err.message : (err ?? '')}\n`),
  };
}
