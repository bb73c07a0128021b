// Flags and environment -> one validated Config. Flags win over environment, environment over defaults.
// Any bad value is reported as one line naming the flag, the variable and what is expected.

import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface Config {
  port: number;
  host: string;
  feed: 'sim';
  /** Simulator seed; the same seed replays the same market. */
  seed: number;
  /** Whether the seed was chosen at random (it is printed so a run can be reproduced). */
  seedIsRandom: boolean;
  /** Symbols to serve; undefined = every symbol of the feed. */
  symbols: string[] | undefined;
  flushMs: number;
  bookDepth: number;
  simRate: number;
  candleMs: number;
  /** Simulated market history before going live, so charts start full. */
  historyMs: number;
  /** A symbol whose feed says nothing for this long is shown as stale. */
  staleMs: number;
}

export class ConfigError extends Error {}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every setting: its flag, its environment variable, its schema and default. The README's table mirrors this. */
export const SETTINGS = {
  port: { flag: 'port', env: 'PORT', schema: int(0, 65535), fallback: 3000, help: 'http + socket port' },
  host: { flag: 'host', env: 'HOST', schema: z.string().min(1), fallback: '127.0.0.1', help: 'interface to bind' },
  feed: { flag: 'feed', env: 'TICKLINE_FEED', schema: z.enum(['sim']), fallback: 'sim', help: 'market data source' },
  seed: { flag: 'seed', env: 'TICKLINE_SEED', schema: int(0, 2 ** 32 - 1), fallback: undefined, help: 'simulator seed (random if unset)' },
  symbols: {
    flag: 'symbols',
    env: 'TICKLINE_SYMBOLS',
    schema: z.string().regex(/^[^,\s]+(,[^,\s]+)*$/, 'a comma-separated list of symbols'),
    fallback: undefined,
    help: 'symbols to serve, comma-separated (default: all)',
  },
  flushMs: { flag: 'flush-ms', env: 'TICKLINE_FLUSH_MS', schema: int(5, 5000), fallback: 50, help: 'batching interval (ms)' },
  bookDepth: { flag: 'depth', env: 'TICKLINE_BOOK_DEPTH', schema: int(1, 500), fallback: 25, help: 'book levels per side sent to clients' },
  simRate: {
    flag: 'rate',
    env: 'TICKLINE_SIM_RATE',
    schema: z.coerce.number().min(0.01).max(100),
    fallback: 1,
    help: 'simulator activity multiplier',
  },
  candleMs: { flag: 'candle-ms', env: 'TICKLINE_CANDLE_MS', schema: int(1000, 86_400_000), fallback: 5000, help: 'candle interval (ms)' },
  historyMs: {
    flag: 'history-ms',
    env: 'TICKLINE_SIM_HISTORY_MS',
    schema: int(0, 3_600_000),
    fallback: 600_000,
    help: 'simulated history before going live (ms)',
  },
  staleMs: { flag: 'stale-ms', env: 'TICKLINE_STALE_MS', schema: int(100, 600_000), fallback: 5000, help: 'silence before a symbol is stale (ms)' },
} as const;

type Key = keyof typeof SETTINGS;

export function usage(): string {
  const lines = Object.values(SETTINGS).map(
    (s) => `  --${s.flag.padEnd(10)} ${s.env.padEnd(20)} ${s.help}${s.fallback === undefined ? '' : ` (default ${s.fallback})`}`,
  );
  return ['usage: npm start -- [options]', '  flag         environment          meaning', ...lines].join('\n');
}

/** Parses argv (without node and script) and env; throws ConfigError with a one-line message. */
export function parseConfig(argv: string[], env: Record<string, string | undefined>, random = Math.random): Config {
  let flags: Record<string, string | boolean | undefined>;
  try {
    flags = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(Object.values(SETTINGS).map((s) => [s.flag, { type: 'string' as const }])),
    }).values;
  } catch (err) {
    throw new ConfigError(err instanceof Error ? err.message.split('\n')[0] : String(err));
  }

  const read = <K extends Key>(key: K): z.infer<(typeof SETTINGS)[K]['schema']> | undefined => {
    const s = SETTINGS[key];
    const fromFlag = flags[s.flag];
    const raw = typeof fromFlag === 'string' ? fromFlag : env[s.env];
    if (raw === undefined || raw === '') return s.fallback as z.infer<(typeof SETTINGS)[K]['schema']> | undefined;
    const parsed = s.schema.safeParse(raw);
    if (!parsed.success) {
      const source = typeof fromFlag === 'string' ? `--${s.flag}` : s.env;
      throw new ConfigError(`${source} ${parsed.error.issues[0]?.message ?? 'is invalid'} (got "${raw}")`);
    }
    return parsed.data as z.infer<(typeof SETTINGS)[K]['schema']>;
  };

  const seed = read('seed');
  return {
    port: read('port') as number,
    host: read('host') as string,
    feed: read('feed') as 'sim',
    seed: seed ?? Math.floor(random() * 2 ** 32),
    seedIsRandom: seed === undefined,
    symbols: read('symbols')?.split(','),
    flushMs: read('flushMs') as number,
    bookDepth: read('bookDepth') as number,
    simRate: read('simRate') as number,
    candleMs: read('candleMs') as number,
    historyMs: read('historyMs') as number,
    staleMs: read('staleMs') as number,
  };
}
