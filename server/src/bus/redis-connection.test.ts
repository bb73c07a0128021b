import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../free-port.ts';
import { handleUnwatchedCommands } from './redis-connection.ts';

const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);

afterEach(() => {
  process.off('unhandledRejection', record);
});

describe('handleUnwatchedCommands', () => {
  it('a PUBLISH nobody waits for, queued while Redis is away, fails quietly when the client closes', async () => {
    process.on('unhandledRejection', record);
    // Nothing listens on this port: the commands wait in the offline queue until disconnect() fails them.
    const client = handleUnwatchedCommands(
      new Redis(await freePort(), '127.0.0.1', {
        lazyConnect: true,
        retryStrategy: () => null,
        maxRetriesPerRequest: null,
      }),
    );
    const published = client.publish('channel', 'message');
    void client.subscribe('channel');
    client.disconnect();
    await expect(published).rejects.toThrow('Connection is closed.');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  });
});
