// Flags and environment -> one validated Config. Flags win over environment, environment over defaults.
// Any bad value is reported as one sentence naming the flag or variable, what it must be, and what it got.

import { parseArgs } from 'node:util';
import type { z } from 'zod';
import type { LogFormat, LogLevel } from './logger.ts';
import { type ClientLimits, DEFAULT_CLIENT_LIMITS } from './hub/client-limits.ts';
import { type FeedId, orList, type Role, SECRETS, type Setting, SETTINGS } from './settings.ts';

export { FEED_IDS, type FeedId, ROLES, type Role, SECRETS, SETTINGS } from './settings.ts';

export interface Config {
  role: Role;
  /** The Redis a cluster's nodes meet at (feed and edge roles). */
  redisUrl: string;
  port: number;
  host: string;
  /** Origins allowed besides the page's own (normalized, `https://a.example`). */
  allowedOrigins: string[];
  /** Host names served besides IP literals, localhost and this machine's name; `all` turns the check off. */
  allowedHosts: string[] | 'all';
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** Count connections per address from the last X-Forwarded-For entry (behind a proxy that appends it). */
  trustProxy: boolean;
  /** TICKLINE_VIEWER_TOKEN (environment only, so it never shows in `ps`): every client must present it. */
  viewerToken: string | undefined;
  /** TICKLINE_ADMIN_TOKEN (environment only): control surfaces are off without it. */
  adminToken: string | undefined;
  /** Feeds to run, in order; bare symbol names in `symbols` belong to the first. */
  feeds: FeedId[];
  /** Simulator seed; the same seed replays the same market. */
  seed: number;
  /** Whether the seed was chosen at random (it is printed so a run can be reproduced). */
  seedIsRandom: boolean;
  /** Symbols to serve, bare or `feed:SYMBOL`; undefined = each feed's defaults. */
  symbols: string[] | undefined;
  flushMs: number;
  /** adaptive: also flush soon after changes when flushes are cheap; fixed: only every flushMs. */
  flushMode: 'adaptive' | 'fixed';
  /** Paper trading: a new account's cash (whole USD) and the fee per fill (basis points). */
  paperCash: number;
  paperFeeBps: number;
  bookDepth: number;
  simRate: number;
  candleMs: number;
  /** Simulated market history before going live, so charts start full. */
  historyMs: number;
  /** A symbol whose feed says nothing for this long is shown as stale. */
  staleMs: number;
  /** What one client connection may cost (see server/src/hub/client-limits.ts and docs/SECURITY.md). */
  limits: ClientLimits;
  /** Write every normalized event to this NDJSON file. */
  record: string | undefined;
  /** The recording the replay feed plays. */
  replayFile: string | undefined;
  /** Replay speed multiplier; Infinity = as fast as possible. */
  replaySpeed: number;
  replayLoop: boolean;
  binanceWsUrl: string;
  binanceRestUrl: string;
  coinbaseWsUrl: string;
  coinbaseRestUrl: string;
  /** The lowest level logged. */
  logLevel: LogLevel;
  /** JSON lines (production), or pino-pretty's readable lines (`npm run dev`). */
  logFormat: LogFormat;
}

export class ConfigError extends Error {}

type Key = keyof typeof SETTINGS;
type Value<K extends Key> = z.output<(typeof SETTINGS)[K]['schema']>;

export function usage(): string {
  const lines = Object.values(SETTINGS).map((s: Setting) => {
    const flag = s.boolean ? `--${s.flag}` : `--${s.flag} X`;
    return `  ${flag.padEnd(22)} ${s.env.padEnd(24)} ${s.help}${s.fallback === undefined ? '' : ` (default ${s.fallback})`}`;
  });
  return [
    'usage: npm start -- [options]',
    `  ${'flag'.padEnd(22)} ${'environment'.padEnd(24)} meaning`,
    ...lines,
    `  secrets, from the environment only: ${SECRETS.viewerToken} (clients must present it), ${SECRETS.adminToken} (turns control surfaces on)`,
  ].join('\n');
}

/** Parses argv (without node and script) and env; throws ConfigError with a one-line message. */
export function parseConfig(argv: string[], env: Record<string, string | undefined>, random = Math.random): Config {
  let flags: Record<string, string | boolean | undefined>;
  try {
    flags = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(
        Object.values(SETTINGS).map((s: Setting) => [
          s.flag,
          { type: s.boolean ? ('boolean' as const) : ('string' as const) },
        ]),
      ),
    }).values;
  } catch (err) {
    throw new ConfigError(argumentSentence(err));
  }

  const read = <K extends Key>(key: K): Value<K> | undefined => {
    const s: Setting = SETTINGS[key];
    const fromFlag = flags[s.flag];
    const raw = fromFlag === true ? 'true' : typeof fromFlag === 'string' ? fromFlag : env[s.env] || s.fallback;
    if (raw === undefined) return undefined;
    // A schema's own message wins; issueSentence words the rest (zod's defaults say "Invalid input: expected...").
    const parsed = s.schema.safeParse(raw, { error: issueSentence });
    if (!parsed.success) {
      const source = fromFlag !== undefined ? `--${s.flag}` : env[s.env] ? s.env : `default of --${s.flag}`;
      throw new ConfigError(
        `${source} ${parsed.error.issues[0]?.message ?? 'is not valid'} (got ${JSON.stringify(raw)})`,
      );
    }
    return parsed.data as Value<K>;
  };
  const need = <K extends Key>(key: K): Value<K> => read(key) as Value<K>;

  const seed = read('seed');
  const config: Config = {
    role: need('role'),
    redisUrl: need('redisUrl'),
    port: need('port'),
    host: need('host'),
    allowedOrigins: read('allowedOrigins') ?? [],
    allowedHosts: read('allowedHosts') ?? [],
    maxConnections: need('maxConnections'),
    maxConnectionsPerAddress: need('maxConnectionsPerAddress'),
    trustProxy: need('trustProxy'),
    viewerToken: env[SECRETS.viewerToken] || undefined,
    adminToken: env[SECRETS.adminToken] || undefined,
    feeds: need('feeds'),
    seed: seed ?? Math.floor(random() * 2 ** 32),
    seedIsRandom: seed === undefined,
    symbols: read('symbols'),
    flushMs: need('flushMs'),
    flushMode: need('flushMode'),
    paperCash: need('paperCash'),
    paperFeeBps: need('paperFeeBps'),
    bookDepth: need('bookDepth'),
    simRate: need('simRate'),
    candleMs: need('candleMs'),
    historyMs: need('historyMs'),
    staleMs: need('staleMs'),
    limits: {
      requestsPerSecond: need('requestRate'),
      requestBurst: need('requestBurst'),
      snapshotBytesPerSecond: need('snapshotRate'),
      snapshotBurstBytes: need('snapshotBurst'),
      inboundBytesPerSecond: need('inboundRate'),
      inboundBurstBytes: 4 * need('inboundRate'),
      maxSymbolsPerSocket: need('maxSymbolsPerSocket'),
      maxQueuedBytes: need('maxQueuedBytes'),
      stallMs: need('stallMs'),
      refusalsBeforeDisconnect: DEFAULT_CLIENT_LIMITS.refusalsBeforeDisconnect,
    },
    record: read('record'),
    replayFile: read('replayFile'),
    replaySpeed: need('replaySpeed'),
    replayLoop: need('replayLoop'),
    binanceWsUrl: need('binanceWsUrl'),
    binanceRestUrl: need('binanceRestUrl'),
    coinbaseWsUrl: need('coinbaseWsUrl'),
    coinbaseRestUrl: need('coinbaseRestUrl'),
    logLevel: need('logLevel'),
    logFormat: need('logFormat'),
  };
  if (
    config.role === 'edge' &&
    (flags[SETTINGS.feeds.flag] !== undefined || flags[SETTINGS.record.flag] !== undefined)
  ) {
    throw new ConfigError('an edge node runs no feeds: --feed and --record belong to the feed node (--role feed)');
  }
  if (config.feeds.includes('replay') && !config.replayFile) {
    throw new ConfigError('--feed replay needs --file <recording.ndjson>');
  }
  return config;
}

/** What a setting's value must be, for a zod issue its schema has no message for. */
function issueSentence(issue: z.core.$ZodRawIssue): string {
  const { code } = issue;
  if (code === 'too_small' && issue.origin === 'string') return 'must not be empty';
  if (code === 'too_small') return `must be at least ${String(issue.minimum)}`;
  if (code === 'too_big') return `must be at most ${String(issue.maximum)}`;
  if (code === 'invalid_type' && issue.expected === 'number') return 'must be a number';
  if (code === 'invalid_value') return `must be ${orList(issue.values.map(String))}`;
  if (code === 'invalid_format') return 'is not in the form this setting takes';
  return 'is not a value this setting takes';
}

/** node's parseArgs errors, worded like the others: which argument, and what would be right. */
function argumentSentence(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const name = /'([^' ]*)/.exec(message)?.[1] ?? '';
  switch ((err as { code?: unknown }).code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${name} is not an option`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `${JSON.stringify(name)} is not an option: options start with --, and a value with spaces needs quotes`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('argument missing') ? `${name} needs a value` : `${name} takes no value`;
    default:
      return message.split('\n')[0] ?? message;
  }
}
