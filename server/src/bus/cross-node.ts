// Cross-node events: Socket.IO's own Redis adapter, so that a broadcast (`io.emit`, `io.to(room).emit`) made on any
// node of the cluster reaches the matching clients of every edge. The market stream does not go this way (each edge
// fans out from its own replicas); presenter commands, announcements and admin actions do.

import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import type { Logger } from '../logger.ts';
import { ADAPTER_KEY } from './bus-keys.ts';
import { connectRedis } from './redis-connection.ts';

export interface CrossNodeAdapter {
  adapter: NonNullable<ServerOptions['adapter']>;
  /** Lets go of Redis once the adapter's own last commands are answered (at most a second). */
  close(): Promise<void>;
}

/**
 * QUIT goes out after the commands already queued, so they are answered first. The adapter's close (run by
 * `io.close()`) unsubscribes without handling a failure, and a plain disconnect() right after it rejected those
 * commands with "Connection is closed." as unhandled rejections (seen in the cluster tests on a busy machine).
 */
async function letGo(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      client.quit().then(
        () => {},
        () => {},
      ),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000))),
    ]);
    clearTimeout(timer);
  }
  client.disconnect();
}

export function createCrossNodeAdapter(redisUrl: string, nodeName: string, logger: Logger): CrossNodeAdapter {
  const pub: Redis = connectRedis(redisUrl, { name: `${nodeName}-adapter-pub`, logger });
  const sub: Redis = connectRedis(redisUrl, { name: `${nodeName}-adapter-sub`, logger });
  return {
    adapter: createAdapter(pub, sub, { key: ADAPTER_KEY }) as NonNullable<ServerOptions['adapter']>,
    async close() {
      await Promise.all([letGo(sub), letGo(pub)]);
    },
  };
}
