// Every setting of the server: its flag, its environment variable, its schema (with the sentence a bad value gets)
// and its default. config.ts reads them into a Config; the README's configuration table mirrors this list.

import { z } from 'zod';
import { normalizeOrigin } from './gate/origin-policy.ts';
import { LOG_FORMATS, LOG_LEVELS } from './logger.ts';

export const FEED_IDS = ['sim', 'binance', 'coinbase', 'replay'] as const;
export const FLUSH_MODES = ['adaptive', 'fixed'] as const;
export type FeedId = (typeof FEED_IDS)[number];

/**
 * What this process does: `all` runs feeds, sequencing and fan-out in one process (no Redis); in a cluster one
 * `feed` node runs the feeds and sequencing and publishes to Redis, and any number of `edge` nodes serve clients.
 */
export const ROLES = ['all', 'feed', 'edge'] as const;
export type Role = (typeof ROLES)[number];

/** "a, b or c": the allowed values as a sentence lists them. */
export const orList = (values: readonly string[]) =>
  values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
/** Digits only: Number() would take '', ' 42 ', '0x10' and '1e3' as numbers. */
const int = (min: number, max: number) =>
  z
    .string()
    .refine(
      (s) => /^\d+$/.test(s) && Number(s) >= min && Number(s) <= max,
      `must be a whole number from ${min} to ${max}`,
    )
    .transform(Number);
const isDecimalIn = (s: string, min: number, max: number) =>
  /^\d*\.?\d+$/.test(s) && Number(s) >= min && Number(s) <= max;
const decimal = (min: number, max: number) =>
  z
    .string()
    .refine((s) => isDecimalIn(s, min, max), `must be a number from ${min} to ${max}`)
    .transform(Number);
const url = (protocols: string[]) =>
  z.string().refine(
    (s) => {
      try {
        return protocols.includes(new URL(s).protocol);
      } catch {
        return false;
      }
    },
    `must be a ${orList(protocols)} URL`,
  );
const list = /^[^,\s]+(,[^,\s]+)*$/;
const bool = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true, false, 1 or 0' })
  .transform((s) => s === 'true' || s === '1');

export interface Setting {
  flag: string;
  env: string;
  schema: z.ZodType;
  /** Raw default, parsed like a user's value; absent = unset. */
  fallback?: string;
  help: string;
  boolean?: true;
}

/** Every setting: its flag, its environment variable, its schema and default. The README's table mirrors this. */
export const SETTINGS = {
  role: {
    flag: 'role',
    env: 'TICKLINE_ROLE',
    schema: z.enum(ROLES, { error: `must be ${orList(ROLES)}` }),
    fallback: 'all',
    help: 'all (one process), feed or edge (a cluster on Redis)',
  },
  redisUrl: {
    flag: 'redis-url',
    env: 'REDIS_URL',
    schema: url(['redis:', 'rediss:']),
    fallback: 'redis://127.0.0.1:6379',
    help: 'Redis of the cluster (feed and edge roles)',
  },
  port: { flag: 'port', env: 'PORT', schema: int(0, 65535), fallback: '3000', help: 'http + socket port' },
  host: { flag: 'host', env: 'HOST', schema: z.string().min(1), fallback: '127.0.0.1', help: 'interface to bind' },
  allowedOrigins: {
    flag: 'allowed-origins',
    env: 'TICKLINE_ALLOWED_ORIGINS',
    schema: z
      .string()
      .regex(list, 'a comma-separated list of origins like https://a.example')
      .transform((s, ctx) =>
        s.split(',').map((o) => {
          const origin = normalizeOrigin(o);
          if (!origin)
            ctx.addIssue({ code: 'custom', message: `names ${o}, which is not an origin like https://a.example:8443` });
          return origin ?? o;
        }),
      ),
    help: 'other origins whose pages may connect, comma-separated (default: same origin only)',
  },
  allowedHosts: {
    flag: 'allowed-hosts',
    env: 'TICKLINE_ALLOWED_HOSTS',
    schema: z
      .string()
      .regex(
        /^all$|^(\*\.)?[a-z0-9.-]+(,(\*\.)?[a-z0-9.-]+)*$/i,
        'all, or a comma-separated list of host names (*.example.com allowed)',
      )
      .transform((s): string[] | 'all' => (s === 'all' ? 'all' : s.toLowerCase().split(','))),
    help: 'Host names served besides IPs, localhost and this machine (all: no check)',
  },
  maxConnections: {
    flag: 'max-connections',
    env: 'TICKLINE_MAX_CONNECTIONS',
    schema: int(1, 1_000_000),
    fallback: '10000',
    help: 'open connections per process',
  },
  maxConnectionsPerAddress: {
    flag: 'max-connections-per-address',
    env: 'TICKLINE_MAX_CONNECTIONS_PER_ADDRESS',
    schema: int(1, 1_000_000),
    fallback: '64',
    help: 'open connections per client address',
  },
  trustProxy: {
    flag: 'trust-proxy',
    env: 'TICKLINE_TRUST_PROXY',
    schema: bool,
    fallback: 'false',
    help: 'a proxy in front appends X-Forwarded-For: count clients by it',
    boolean: true,
  },
  feeds: {
    flag: 'feed',
    env: 'TICKLINE_FEED',
    schema: z
      .string()
      .regex(list, `must be a comma-separated list of feeds (${orList(FEED_IDS)}), without spaces`)
      .transform((s) => s.split(','))
      .pipe(
        z.array(
          z.enum(FEED_IDS, {
            error: (issue) => `names no feed: ${JSON.stringify(issue.input)} is not ${orList(FEED_IDS)}`,
          }),
        ),
      )
      .refine((a) => new Set(a).size === a.length, 'names a feed twice'),
    fallback: 'sim',
    help: 'market data sources, comma-separated',
  },
  seed: { flag: 'seed', env: 'TICKLINE_SEED', schema: int(0, 2 ** 32 - 1), help: 'simulator seed (random if unset)' },
  symbols: {
    flag: 'symbols',
    env: 'TICKLINE_SYMBOLS',
    schema: z
      .string()
      .regex(list, 'must be a comma-separated list of symbols, without spaces')
      .transform((s) => s.split(',')),
    help: 'symbols, comma-separated: bare for the first feed, feed:SYMBOL for others',
  },
  flushMs: {
    flag: 'flush-ms',
    env: 'TICKLINE_FLUSH_MS',
    schema: int(5, 5000),
    fallback: '50',
    help: 'batching interval (ms)',
  },
  flushMode: {
    flag: 'flush-mode',
    env: 'TICKLINE_FLUSH_MODE',
    schema: z.enum(FLUSH_MODES, { error: `must be ${orList(FLUSH_MODES)}` }),
    fallback: 'adaptive',
    help: 'adaptive: flush soon after a change when the server is idle, batching up to --flush-ms under load; fixed: every --flush-ms',
  },
  paperCash: {
    flag: 'paper-cash',
    env: 'TICKLINE_PAPER_CASH',
    schema: int(1, 1_000_000_000),
    fallback: '100000',
    help: 'cash a new paper trading account starts with (USD)',
  },
  paperFeeBps: {
    flag: 'paper-fee-bps',
    env: 'TICKLINE_PAPER_FEE_BPS',
    schema: decimal(0, 100),
    fallback: '0',
    help: 'fee on every paper fill, basis points of its value',
  },
  bookDepth: {
    flag: 'depth',
    env: 'TICKLINE_BOOK_DEPTH',
    schema: int(1, 500),
    fallback: '25',
    help: 'book levels per side sent to clients',
  },
  simRate: {
    flag: 'rate',
    env: 'TICKLINE_SIM_RATE',
    schema: decimal(0.01, 100),
    fallback: '1',
    help: 'simulator activity multiplier',
  },
  candleMs: {
    flag: 'candle-ms',
    env: 'TICKLINE_CANDLE_MS',
    schema: int(1000, 86_400_000),
    fallback: '5000',
    help: 'candle interval (ms)',
  },
  historyMs: {
    flag: 'history-ms',
    env: 'TICKLINE_SIM_HISTORY_MS',
    schema: int(0, 3_600_000),
    fallback: '600000',
    help: 'simulated history before going live (ms)',
  },
  staleMs: {
    flag: 'stale-ms',
    env: 'TICKLINE_STALE_MS',
    schema: int(100, 600_000),
    fallback: '5000',
    help: 'silence before a symbol is stale (ms)',
  },
  requestRate: {
    flag: 'request-rate',
    env: 'TICKLINE_REQUEST_RATE',
    schema: int(1, 100_000),
    fallback: '10',
    help: 'requests a second per connection',
  },
  requestBurst: {
    flag: 'request-burst',
    env: 'TICKLINE_REQUEST_BURST',
    schema: int(1, 1_000_000),
    fallback: '40',
    help: 'requests a connection may send at once',
  },
  snapshotRate: {
    flag: 'snapshot-rate',
    env: 'TICKLINE_SNAPSHOT_RATE',
    schema: int(1024, 2 ** 31),
    fallback: '524288',
    help: 'snapshot bytes a second per connection',
  },
  snapshotBurst: {
    flag: 'snapshot-burst',
    env: 'TICKLINE_SNAPSHOT_BURST',
    schema: int(1024, 2 ** 31),
    fallback: '4194304',
    help: 'snapshot bytes a connection may get at once',
  },
  inboundRate: {
    flag: 'inbound-rate',
    env: 'TICKLINE_INBOUND_RATE',
    schema: int(1024, 2 ** 31),
    fallback: '16384',
    help: 'bytes a second a connection may send (burst 4x); past it, cut',
  },
  maxSymbolsPerSocket: {
    flag: 'max-symbols-per-socket',
    env: 'TICKLINE_MAX_SYMBOLS_PER_SOCKET',
    schema: int(1, 1_000_000),
    fallback: '500',
    help: 'symbols one connection may follow',
  },
  maxQueuedBytes: {
    flag: 'max-queued-bytes',
    env: 'TICKLINE_MAX_QUEUED_BYTES',
    schema: int(65_536, 2 ** 31),
    fallback: '4194304',
    help: 'unread bytes queued per connection before it is cut',
  },
  stallMs: {
    flag: 'stall-ms',
    env: 'TICKLINE_STALL_MS',
    schema: int(1000, 600_000),
    fallback: '20000',
    help: 'a connection whose backlog has not drained this long is cut (ms)',
  },
  record: {
    flag: 'record',
    env: 'TICKLINE_RECORD',
    schema: z.string().min(1),
    help: 'record every feed event to this NDJSON file',
  },
  replayFile: {
    flag: 'file',
    env: 'TICKLINE_REPLAY_FILE',
    schema: z.string().min(1),
    help: 'recording played by --feed replay',
  },
  replaySpeed: {
    flag: 'speed',
    env: 'TICKLINE_REPLAY_SPEED',
    schema: z
      .string()
      .refine((s) => s === 'max' || isDecimalIn(s, 0.01, 10_000), 'must be a number from 0.01 to 10000, or max')
      .transform((s) => (s === 'max' ? Number.POSITIVE_INFINITY : Number(s))),
    fallback: '1',
    help: 'replay speed multiplier, or max',
  },
  replayLoop: {
    flag: 'loop',
    env: 'TICKLINE_REPLAY_LOOP',
    schema: bool,
    fallback: 'false',
    help: 'replay the recording forever',
    boolean: true,
  },
  binanceWsUrl: {
    flag: 'binance-ws-url',
    env: 'BINANCE_WS_URL',
    schema: url(['ws:', 'wss:']),
    fallback: 'wss://stream.binance.com:9443',
    help: 'Binance stream endpoint',
  },
  binanceRestUrl: {
    flag: 'binance-rest-url',
    env: 'BINANCE_REST_URL',
    schema: url(['http:', 'https:']),
    fallback: 'https://api.binance.com',
    help: 'Binance REST endpoint',
  },
  coinbaseWsUrl: {
    flag: 'coinbase-ws-url',
    env: 'COINBASE_WS_URL',
    schema: url(['ws:', 'wss:']),
    fallback: 'wss://ws-feed.exchange.coinbase.com',
    help: 'Coinbase Exchange feed',
  },
  coinbaseRestUrl: {
    flag: 'coinbase-rest-url',
    env: 'COINBASE_REST_URL',
    schema: url(['http:', 'https:']),
    fallback: 'https://api.exchange.coinbase.com',
    help: 'Coinbase Exchange REST endpoint',
  },
  logLevel: {
    flag: 'log-level',
    env: 'LOG_LEVEL',
    schema: z.enum(LOG_LEVELS, { error: `must be ${LOG_LEVELS.join(', ')}` }),
    fallback: 'info',
    help: 'lowest level logged',
  },
  logFormat: {
    flag: 'log-format',
    env: 'LOG_FORMAT',
    schema: z.enum(LOG_FORMATS, { error: `must be ${LOG_FORMATS.join(' or ')}` }),
    fallback: 'json',
    help: 'json lines, or pretty (needs pino-pretty)',
  },
} as const satisfies Record<string, Setting>;

/** Secrets have no flag: a flag's value shows in `ps` to every user of the machine. */
export const SECRETS = { viewerToken: 'TICKLINE_VIEWER_TOKEN', adminToken: 'TICKLINE_ADMIN_TOKEN' } as const;
