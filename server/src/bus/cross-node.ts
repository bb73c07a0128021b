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
  close(): void;
}

export function createCrossNodeAdapter(redisUrl: string, nodeName: string, logger: Logger): CrossNodeAdapter {
  const pub: Redis = connectRedis(redisUrl, { name: `${nodeName}-adapter-pub`, logger });
  const sub: Redis = connectRedis(redisUrl, { name: `${nodeName}-adapter-sub`, logger });
  return {
    adapter: createAdapter(pub, sub, { key: ADAPTER_KEY }) as NonNullable<ServerOptions['adapter']>,
    close() {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
