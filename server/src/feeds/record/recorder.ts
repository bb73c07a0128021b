// --record: every normalized event of every feed, appended to an NDJSON file as it reaches the hub.

import { createWriteStream, type WriteStream } from 'node:fs';
import type { SymbolSpec } from '@tickline/shared';
import type { MarketEvent } from '../feed.ts';
import { eventLine, headerLine } from './recording-format.ts';

export interface Recorder {
  record(event: MarketEvent): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

export function createRecorder(
  path: string,
  symbols: readonly SymbolSpec[],
  onError: (err: Error) => void,
  clock: () => number = Date.now,
): Recorder {
  const out: WriteStream = createWriteStream(path, { flags: 'w' });
  let failed: Error | undefined;
  out.on('error', (err) => {
    if (!failed) onError(err);
    failed = err;
  });
  out.write(`${headerLine(symbols, clock())}\n`);
  return {
    record(event) {
      // A full disk must not take the market down: recording stops, the stream goes on.
      if (!failed) out.write(`${eventLine(clock(), event)}\n`);
    },
    close() {
      return new Promise((resolve) => {
        if (out.closed) return resolve();
        out.end(() => resolve());
      });
    },
  };
}
