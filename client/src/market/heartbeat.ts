// The heartbeat: a ping every interval measures round-trip time and clock offset, and a ping left unanswered
// for too long says the connection has stalled even though the socket still claims to be connected.

import { pingSample, type PingSample } from './clock-sync.ts';
import type { MarketSocketPort } from './market-socket.ts';

export interface HeartbeatOptions {
  intervalMs: number;
  /** A ping unanswered for this long means a stall. */
  timeoutMs: number;
  /** The client clock (ms since epoch): send and receive times, and the base of the clock offset. */
  now: () => number;
  onSample: (sample: PingSample) => void;
  onStall: () => void;
}

/** Pings at once and then every `intervalMs` until the returned stop is called. */
export function startHeartbeat(socket: MarketSocketPort, options: HeartbeatOptions): () => void {
  let stopped = false;
  // A ping that times out after a later one was answered says nothing about the connection now.
  let newestAnswered = -Infinity;

  const ping = (): void => {
    const sentAt = options.now();
    socket.timeout(options.timeoutMs).emit('ping', { clientTime: sentAt }, (err, ack) => {
      if (stopped) return;
      if (err) {
        if (sentAt > newestAnswered) options.onStall();
        return;
      }
      // A refused ping (over the connection's request budget) carries no server time, and is an answer: no stall.
      if (!ack.ok) return;
      newestAnswered = Math.max(newestAnswered, sentAt);
      options.onSample(pingSample(sentAt, options.now(), ack.serverTime));
    });
  };

  ping();
  const timer = setInterval(ping, options.intervalMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
