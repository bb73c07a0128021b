import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, SETTINGS, usage } from './config.ts';
import { DEFAULT_CLIENT_LIMITS } from './hub/client-limits.ts';

describe('parseConfig', () => {
  it('uses defaults when nothing is set, with a random seed flagged as such', () => {
    const config = parseConfig([], {}, () => 0.5);
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      feeds: ['sim'],
      seed: 2 ** 31,
      seedIsRandom: true,
      symbols: undefined,
      flushMs: 50,
      bookDepth: 25,
      simRate: 1,
      candleMs: 5000,
      historyMs: 600_000,
      staleMs: 5000,
    });
  });

  it('runs the single process unless told to be a cluster node, with a local Redis by default', () => {
    expect(parseConfig([], {})).toMatchObject({ role: 'all', redisUrl: 'redis://127.0.0.1:6379' });
    expect(parseConfig(['--role', 'edge'], { REDIS_URL: 'redis://10.0.0.5:6380' })).toMatchObject({
      role: 'edge',
      redisUrl: 'redis://10.0.0.5:6380',
    });
  });

  it('reads the environment, and flags win over it', () => {
    const config = parseConfig(['--port', '4000', '--symbols', 'BTC-USD,AAPL'], {
      PORT: '5000',
      HOST: '0.0.0.0',
      TICKLINE_SEED: '42',
      TICKLINE_FLUSH_MS: '100',
    });
    expect(config).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      seed: 42,
      seedIsRandom: false,
      flushMs: 100,
      symbols: ['BTC-USD', 'AAPL'],
    });
  });

  // Every setting's bad values and the sentence each gives: the flag or variable, what it must be, what it got.
  it.each([
    [['--role', 'bogus'], {}, '--role must be all, feed or edge (got "bogus")'],
    [[], { TICKLINE_ROLE: 'main' }, 'TICKLINE_ROLE must be all, feed or edge (got "main")'],
    [[], { REDIS_URL: 'http://x' }, 'REDIS_URL must be a redis: or rediss: URL (got "http://x")'],
    [['--redis-url', 'localhost:6379'], {}, '--redis-url must be a redis: or rediss: URL (got "localhost:6379")'],
    [['--port', 'abc'], {}, '--port must be a whole number from 0 to 65535 (got "abc")'],
    [[], { PORT: '70000' }, 'PORT must be a whole number from 0 to 65535 (got "70000")'],
    [['--port', ''], {}, '--port must be a whole number from 0 to 65535 (got "")'],
    [['--port', '0x10'], {}, '--port must be a whole number from 0 to 65535 (got "0x10")'],
    [['--host', ''], {}, '--host must not be empty (got "")'],
    [['--feed', 'nyse'], {}, '--feed names no feed: "nyse" is not sim, binance, coinbase or replay (got "nyse")'],
    [
      ['--feed', 'sim, binance'],
      {},
      '--feed must be a comma-separated list of feeds (sim, binance, coinbase or replay), without spaces (got "sim, binance")',
    ],
    [['--feed', 'sim,sim'], {}, '--feed names a feed twice (got "sim,sim")'],
    [['--feed', 'replay'], {}, '--feed replay needs --file <recording.ndjson>'],
    [['--seed', 'abc'], {}, '--seed must be a whole number from 0 to 4294967295 (got "abc")'],
    [[], { TICKLINE_SEED: '-1' }, 'TICKLINE_SEED must be a whole number from 0 to 4294967295 (got "-1")'],
    [['--seed', '4294967296'], {}, '--seed must be a whole number from 0 to 4294967295 (got "4294967296")'],
    [['--symbols', 'A,,B'], {}, '--symbols must be a comma-separated list of symbols, without spaces (got "A,,B")'],
    [['--flush-ms', '1'], {}, '--flush-ms must be a whole number from 5 to 5000 (got "1")'],
    [['--flush-ms', '2.5'], {}, '--flush-ms must be a whole number from 5 to 5000 (got "2.5")'],
    [['--depth', '0'], {}, '--depth must be a whole number from 1 to 500 (got "0")'],
    [['--rate=-2'], {}, '--rate must be a number from 0.01 to 100 (got "-2")'],
    [[], { TICKLINE_SIM_RATE: 'fast' }, 'TICKLINE_SIM_RATE must be a number from 0.01 to 100 (got "fast")'],
    [['--candle-ms', '999'], {}, '--candle-ms must be a whole number from 1000 to 86400000 (got "999")'],
    [['--history-ms', '1e3'], {}, '--history-ms must be a whole number from 0 to 3600000 (got "1e3")'],
    [['--stale-ms', '50'], {}, '--stale-ms must be a whole number from 100 to 600000 (got "50")'],
    [['--request-rate', '0'], {}, '--request-rate must be a whole number from 1 to 100000 (got "0")'],
    [['--request-burst', '1.5'], {}, '--request-burst must be a whole number from 1 to 1000000 (got "1.5")'],
    [['--snapshot-rate', '1000'], {}, '--snapshot-rate must be a whole number from 1024 to 2147483648 (got "1000")'],
    [
      [],
      { TICKLINE_SNAPSHOT_BURST: '4M' },
      'TICKLINE_SNAPSHOT_BURST must be a whole number from 1024 to 2147483648 (got "4M")',
    ],
    [['--inbound-rate=-1'], {}, '--inbound-rate must be a whole number from 1024 to 2147483648 (got "-1")'],
    [
      ['--max-symbols-per-socket', 'all'],
      {},
      '--max-symbols-per-socket must be a whole number from 1 to 1000000 (got "all")',
    ],
    [
      ['--max-queued-bytes', '1024'],
      {},
      '--max-queued-bytes must be a whole number from 65536 to 2147483648 (got "1024")',
    ],
    [['--stall-ms', '500'], {}, '--stall-ms must be a whole number from 1000 to 600000 (got "500")'],
    [['--record', ''], {}, '--record must not be empty (got "")'],
    [['--file', ''], {}, '--file must not be empty (got "")'],
    [['--speed', 'fast'], {}, '--speed must be a number from 0.01 to 10000, or max (got "fast")'],
    [['--speed', '0'], {}, '--speed must be a number from 0.01 to 10000, or max (got "0")'],
    [[], { TICKLINE_REPLAY_LOOP: 'yes' }, 'TICKLINE_REPLAY_LOOP must be true, false, 1 or 0 (got "yes")'],
    [['--binance-ws-url', 'https://x'], {}, '--binance-ws-url must be a ws: or wss: URL (got "https://x")'],
    [
      [],
      { BINANCE_REST_URL: 'api.binance.com' },
      'BINANCE_REST_URL must be a http: or https: URL (got "api.binance.com")',
    ],
    [[], { COINBASE_WS_URL: 'http://x' }, 'COINBASE_WS_URL must be a ws: or wss: URL (got "http://x")'],
    [['--coinbase-rest-url', 'ftp://x'], {}, '--coinbase-rest-url must be a http: or https: URL (got "ftp://x")'],
    [
      ['--role', 'edge', '--feed', 'sim'],
      {},
      'an edge node runs no feeds: --feed and --record belong to the feed node (--role feed)',
    ],
    [['--bogus', '1'], {}, '--bogus is not an option'],
    [['stray'], {}, '"stray" is not an option: options start with --, and a value with spaces needs quotes'],
    [['--port'], {}, '--port needs a value'],
    [['--loop=yes'], {}, '--loop takes no value'],
    [['--port', 'a\nb'], {}, '--port must be a whole number from 0 to 65535 (got "a\\nb")'],
  ])('rejects %j %j with one sentence', (argv, env, sentence) => {
    expect(() => parseConfig(argv, env)).toThrow(ConfigError);
    expect(() => parseConfig(argv, env)).toThrow(new ConfigError(sentence));
  });

  it("words every setting's errors itself, never in zod's or node's terms", () => {
    const junk = ['', ' ', 'abc', '-1', '0.5', '1e999', 'x,,y', 'a b', '999999999999'];
    let rejected = 0;
    for (const s of Object.values(SETTINGS) as { flag: string; env: string }[]) {
      for (const value of junk) {
        for (const [argv, env] of [
          [[`--${s.flag}=${value}`], {}],
          [[], { [s.env]: value }],
        ] as const) {
          let message: string;
          try {
            parseConfig([...argv], env);
            continue;
          } catch (err) {
            message = (err as Error).message;
          }
          rejected++;
          expect(message).not.toMatch(/invalid input|expected|received|Option '|Unknown option/i);
          expect(message).not.toContain('\n');
        }
      }
    }
    expect(rejected).toBeGreaterThan(100);
  });

  it('reads feeds, replay and exchange endpoints', () => {
    const config = parseConfig(
      ['--feed', 'sim,binance,replay', '--file', 'rec.ndjson', '--speed', 'max', '--loop', '--record', 'out.ndjson'],
      { BINANCE_WS_URL: 'ws://127.0.0.1:9', COINBASE_REST_URL: 'http://127.0.0.1:8' },
    );
    expect(config).toMatchObject({
      feeds: ['sim', 'binance', 'replay'],
      replayFile: 'rec.ndjson',
      replaySpeed: Number.POSITIVE_INFINITY,
      replayLoop: true,
      record: 'out.ndjson',
      binanceWsUrl: 'ws://127.0.0.1:9',
      binanceRestUrl: 'https://api.binance.com',
      coinbaseWsUrl: 'wss://ws-feed.exchange.coinbase.com',
      coinbaseRestUrl: 'http://127.0.0.1:8',
    });
    expect(parseConfig([], { TICKLINE_REPLAY_LOOP: '1', TICKLINE_REPLAY_SPEED: '10' })).toMatchObject({
      replayLoop: true,
      replaySpeed: 10,
    });
  });

  it('logs JSON lines at info unless told otherwise', () => {
    expect(parseConfig([], {})).toMatchObject({ logLevel: 'info', logFormat: 'json' });
    expect(parseConfig(['--log-format', 'pretty'], { LOG_LEVEL: 'debug' })).toMatchObject({
      logLevel: 'debug',
      logFormat: 'pretty',
    });
    expect(() => parseConfig(['--log-level', 'loud'], {})).toThrow(
      /^--log-level must be fatal, error, warn, info, debug, trace, silent \(got "loud"\)/,
    );
    expect(() => parseConfig([], { LOG_FORMAT: 'xml' })).toThrow(/^LOG_FORMAT must be json or pretty/);
  });

  it('guards like npm start by default: same origin, default hosts, connection caps, no proxy, no tokens', () => {
    expect(parseConfig([], {})).toMatchObject({
      allowedOrigins: [],
      allowedHosts: [],
      maxConnections: 10_000,
      maxConnectionsPerAddress: 64,
      trustProxy: false,
      viewerToken: undefined,
      adminToken: undefined,
    });
  });

  it('reads the gate settings from flags and environment', () => {
    const config = parseConfig(
      ['--allowed-origins', 'http://localhost:5173,HTTPS://A.example:443', '--max-connections', '500', '--trust-proxy'],
      { TICKLINE_ALLOWED_HOSTS: 'tickline.example.org,*.example.com', TICKLINE_MAX_CONNECTIONS_PER_ADDRESS: '8' },
    );
    expect(config).toMatchObject({
      allowedOrigins: ['http://localhost:5173', 'https://a.example'],
      allowedHosts: ['tickline.example.org', '*.example.com'],
      maxConnections: 500,
      maxConnectionsPerAddress: 8,
      trustProxy: true,
    });
    expect(parseConfig(['--allowed-hosts', 'all'], {}).allowedHosts).toBe('all');
  });

  it('refuses what is not an origin or a host name', () => {
    expect(() => parseConfig(['--allowed-origins', 'https://a.example/app'], {})).toThrow(
      /--allowed-origins names https:\/\/a\.example\/app, which is not an origin/,
    );
    expect(() => parseConfig(['--allowed-hosts', 'a.example,evil example'], {})).toThrow(
      /--allowed-hosts all, or a comma-separated list/,
    );
    expect(() => parseConfig(['--max-connections', '0'], {})).toThrow(ConfigError);
  });

  it('takes tokens from the environment only, so they never show in ps', () => {
    const config = parseConfig([], { TICKLINE_VIEWER_TOKEN: 'view-secret', TICKLINE_ADMIN_TOKEN: 'admin-secret' });
    expect(config).toMatchObject({ viewerToken: 'view-secret', adminToken: 'admin-secret' });
    expect(() => parseConfig(['--viewer-token', 'x'], {})).toThrow(/--viewer-token is not an option/);
    expect(() => parseConfig(['--admin-token', 'x'], {})).toThrow(/--admin-token is not an option/);
    expect(usage()).toContain('TICKLINE_ADMIN_TOKEN');
  });

  it('the connection limits default to the limits the server uses when none are given', () => {
    const { limits } = parseConfig([], {});
    expect(limits).toEqual(DEFAULT_CLIENT_LIMITS);
    expect(parseConfig(['--request-rate', '3', '--stall-ms', '5000'], {}).limits).toMatchObject({
      requestsPerSecond: 3,
      stallMs: 5000,
    });
  });

  it('the README documents every flag and environment variable', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const s of Object.values(SETTINGS)) {
      expect(readme).toContain(`\`--${s.flag}\``);
      expect(readme).toContain(`\`${s.env}\``);
    }
  });

  it('usage lists every flag with its environment variable', () => {
    expect(usage()).toContain('--port');
    expect(usage()).toContain('TICKLINE_SEED');
  });
});
