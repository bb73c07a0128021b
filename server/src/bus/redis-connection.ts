// Connections to the cluster's Redis. Each reconnects by itself with capped, jittered backoff; what a lost
// connection means for the data (a resync, a republish) is decided by the code that uses it, on `ready`.

import { backoffDelay } from '@tickline/shared';
import { Redis } from 'ioredis';
import { LogThrottle } from '../feeds/kit/log-throttle.ts';
import type { Logger } from '../logger.ts';

export interface RedisConnectionOptions {
  /** Shown in Redis's CLIENT LIST and in our log lines: `feed-publish`, `edge-read`, ... */
  name: string;
  logger: Logger;
  /**
   * false: commands fail at once while disconnected (a publisher drops what it cannot write and republishes on
   * `ready`); true (default): they wait for the connection to come back.
   */
  queueWhileDisconnected?: boolean;
  /** Log this connection's losses and recoveries (one per node is enough; the others follow it). */
  announce?: boolean;
}

/** Reconnect pacing: 100 ms doubling to 2 s, so a restarted Redis is found again within about two seconds. */
export const REDIS_BACKOFF = { baseMs: 100, maxMs: 2000 };

/**
 * Gives every command's promise a handler, and the caller the same promise. Some commands are sent with nobody
 * waiting: @socket.io/redis-adapter's PUBLISH, (un)subscribes and PUBSUB, and ioredis's own resubscribes after a
 * reconnect. One of those queued while Redis is away fails when the client closes ("Connection is closed."), and
 * without a handler that is an unhandled rejection (seen in the cluster tests under load). Every command goes
 * through sendCommand, internal ones included; a caller that awaits still sees the error.
 */
export function handleUnwatchedCommands(client: Redis): Redis {
  const send = client.sendCommand.bind(client);
  client.sendCommand = ((
    command: Parameters<Redis['sendCommand']>[0],
    stream?: Parameters<Redis['sendCommand']>[1],
  ) => {
    command.promise.catch(() => {});
    return send(command, stream);
  }) as Redis['sendCommand'];
  return client;
}

export function connectRedis(url: string, options: RedisConnectionOptions): Redis {
  const log = options.logger;
  const queue = options.queueWhileDisconnected ?? true;
  const redis = new Redis(url, {
    connectionName: `tickline-${options.name}`,
    retryStrategy: (times) => backoffDelay(times - 1, REDIS_BACKOFF),
    maxRetriesPerRequest: queue ? null : 0,
    enableOfflineQueue: queue,
  });
  handleUnwatchedCommands(redis);
  const where = redactedUrl(url);
  const errors = new LogThrottle((line) => log.warn(line), Date.now, { perWindow: 1, windowMs: 30_000 });
  let lost = false;
  // Without a listener an 'error' event would throw and end the process; a lost Redis is an outage, not a crash.
  redis.on('error', (err: Error) => errors.log(`redis ${options.name} (${where}): ${err.message}`));
  if (options.announce) {
    // 'reconnecting', not 'close': a connection we close ourselves (shutdown) closes without reconnecting.
    redis.on('reconnecting', () => {
      if (!lost) log.warn(`lost Redis at ${where}; reconnecting`);
      lost = true;
    });
    redis.on('ready', () => {
      if (lost) log.info(`Redis at ${where} is back`);
      lost = false;
    });
  }
  return redis;
}

/** Resolves once the connection is ready (it keeps retrying meanwhile); rejects if it is closed for good. */
export function whenReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      redis.off('end', onEnd);
      resolve();
    };
    const onEnd = () => {
      redis.off('ready', onReady);
      reject(new Error('the Redis connection was closed'));
    };
    redis.once('ready', onReady);
    redis.once('end', onEnd);
  });
}

/** The URL without its password, for log lines. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
