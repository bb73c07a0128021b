// The command path: edge -> Redis -> feed node -> reply. Requests go into the shard's command stream (so a feed
// node that blinks still finds the ones it has not read), each with a deadline; the feed node carries out those
// still in time and publishes the reply on the asking edge's own channel. An edge that gets no reply in time
// answers `feed_unavailable` itself: a request never hangs on a dead feed node.

import type { Redis } from 'ioredis';
import type { z } from 'zod';
import {
  type CommandHandlers,
  type CommandName,
  type CommandReply,
  type CommandRequest,
  COMMAND_SCHEMAS,
  isCommandName,
} from '../commands/feed-commands.ts';
import { LogThrottle } from '../feeds/kit/log-throttle.ts';
import type { Logger } from '../logger.ts';
import type { BusKeys } from './bus-keys.ts';

/** How many requests the command stream keeps (MAXLEN ~); they are short-lived, read at once or never. */
const COMMAND_STREAM_LENGTH = 1000;

export interface CommandClient {
  /** Sends a command to the feed node; resolves with its reply, or `feed_unavailable` after the timeout. */
  request<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<CommandReply<N>>;
  readonly stats: { sent: number; answered: number; timedOut: number };
  close(): Promise<void>;
}

export interface CommandClientOptions {
  /** For XADD (its commands may wait while Redis reconnects: the timeout answers in the meantime). */
  redis: Redis;
  /** A connection of its own, subscribed to this node's reply channel. */
  subscriber: Redis;
  keys: BusKeys;
  nodeId: string;
  timeoutMs: number;
  clock: () => number;
}

interface Pending {
  resolve: (reply: CommandReply<CommandName>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export async function createCommandClient(options: CommandClientOptions): Promise<CommandClient> {
  const { redis, subscriber, keys, nodeId, timeoutMs, clock } = options;
  const channel = keys.replies(nodeId);
  const pending = new Map<string, Pending>();
  const stats = { sent: 0, answered: 0, timedOut: 0 };
  let next = 0;

  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    let parsed: { id?: unknown; reply?: CommandReply<CommandName> };
    try {
      parsed = JSON.parse(message) as typeof parsed;
    } catch {
      return;
    }
    const waiting = typeof parsed.id === 'string' ? pending.get(parsed.id) : undefined;
    if (!waiting || typeof parsed.reply !== 'object' || parsed.reply === null) return; // late, or not ours
    pending.delete(parsed.id as string);
    clearTimeout(waiting.timer);
    stats.answered++;
    waiting.resolve(parsed.reply);
  });
  await subscriber.subscribe(channel);

  return {
    stats,
    request<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<CommandReply<N>> {
      const id = `${nodeId}:${next++}`;
      stats.sent++;
      return new Promise<CommandReply<N>>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          stats.timedOut++;
          resolve({
            ok: false,
            error: { code: 'feed_unavailable', message: `no reply from the feed node within ${timeoutMs} ms` },
          });
        }, timeoutMs);
        pending.set(id, { resolve: resolve as Pending['resolve'], timer });
        const deadline = clock() + timeoutMs;
        redis
          .xadd(
            keys.commands,
            'MAXLEN',
            '~',
            COMMAND_STREAM_LENGTH,
            '*',
            'id',
            id,
            'node',
            nodeId,
            'name',
            name,
            'body',
            JSON.stringify(request),
            'deadline',
            String(deadline),
          )
          .catch(() => {}); // unanswered, it times out like any request the feed node never saw
      });
    },
    async close() {
      for (const [id, waiting] of pending) {
        clearTimeout(waiting.timer);
        waiting.resolve({ ok: false, error: { code: 'feed_unavailable', message: 'the edge is shutting down' } });
        pending.delete(id);
      }
      await subscriber.unsubscribe(channel).catch(() => {});
    },
  };
}

export interface CommandServerOptions {
  /** A connection of its own: it blocks in XREAD. */
  blocking: Redis;
  /** For the replies. */
  redis: Redis;
  keys: BusKeys;
  handlers: CommandHandlers;
  clock: () => number;
  logger: Logger;
}

export interface CommandServer {
  readonly stats: { received: number; expired: number; invalid: number; failed: number };
  stop(): Promise<void>;
}

/** The feed node's side: reads requests as they come, carries out those still in time, publishes each reply. */
export function serveCommands(options: CommandServerOptions): CommandServer {
  const { blocking, redis, keys, handlers, clock, logger: log } = options;
  const stats = { received: 0, expired: 0, invalid: 0, failed: 0 };
  const throttle = new LogThrottle((line) => log.warn(line), clock);
  let stopped = false;
  // Only requests sent from now on: older ones are past their deadline, or were meant for a feed node before us.
  let cursor = '$';

  const handle = async (fields: string[]): Promise<void> => {
    stats.received++;
    const field = (name: string) => {
      const i = fields.indexOf(name);
      return i >= 0 && i % 2 === 0 ? fields[i + 1] : undefined;
    };
    const id = field('id');
    const node = field('node');
    const name = field('name') ?? '';
    if (!id || !node) {
      stats.invalid++;
      return throttle.log(`command without id or node: ${fields.join(' ').slice(0, 120)}`);
    }
    if (Number(field('deadline')) < clock()) {
      stats.expired++; // its sender has answered feed_unavailable already: carrying it out now would surprise
      return;
    }
    const reply = await run(name, field('body'));
    await redis.publish(keys.replies(node), JSON.stringify({ id, reply }));
  };

  const run = async (name: string, body: string | undefined): Promise<CommandReply<CommandName>> => {
    if (!isCommandName(name)) {
      stats.invalid++;
      return { ok: false, error: { code: 'invalid_command', message: `unknown command ${name.slice(0, 40)}` } };
    }
    let input: unknown;
    try {
      input = JSON.parse(body ?? '');
    } catch {
      input = undefined;
    }
    return execute(name, input);
  };

  // Generic in the command's name, so its schema's output and its handler's input are known to be the same type.
  const execute = async <N extends CommandName>(name: N, input: unknown): Promise<CommandReply<CommandName>> => {
    const schema: z.ZodType<CommandRequest<N>> = COMMAND_SCHEMAS[name];
    const handler: CommandHandlers[N] = handlers[name];
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      stats.invalid++;
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        error: {
          code: 'invalid_command',
          message: `${name}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim(),
        },
      };
    }
    try {
      return (await handler(parsed.data)) as CommandReply<CommandName>;
    } catch (err) {
      stats.failed++;
      log.error(`command ${name} failed`, err);
      return { ok: false, error: { code: 'internal', message: `${name} failed on the feed node` } };
    }
  };

  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        const reply = (await blocking.xread('COUNT', 100, 'BLOCK', 1000, 'STREAMS', keys.commands, cursor)) as
          [string, [string, string[]][]][] | null;
        for (const [id, fields] of reply?.[0]?.[1] ?? []) {
          cursor = id;
          void handle(fields).catch((err: unknown) => throttle.log(`command reply failed: ${String(err)}`));
        }
      } catch (err) {
        if (stopped) return;
        throttle.log(`reading commands: ${err instanceof Error ? err.message : String(err)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  const running = loop();

  return {
    stats,
    async stop() {
      stopped = true;
      blocking.disconnect();
      await running;
    },
  };
}
