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

  it.each([
    [['--port', 'abc'], {}, /^--port .*got "abc"/],
    [[], { PORT: '70000' }, /^PORT .*got "70000"/],
    [['--flush-ms', '1'], {}, /^--flush-ms /],
    [['--rate=-2'], {}, /^--rate /],
    [['--rate', '-2'], {}, /--rate/],
    [['--feed', 'nyse'], {}, /^--feed feeds are sim, binance/],
    [['--feed', 'sim,sim'], {}, /^--feed names a feed twice/],
    [['--feed', 'replay'], {}, /^--feed replay needs --file/],
    [['--speed', 'fast'], {}, /^--speed must be a number/],
    [['--role', 'bogus'], {}, /^--role must be all, feed, edge \(got "bogus"\)/],
    [[], { REDIS_URL: 'http://x' }, /^REDIS_URL must be a redis: or rediss: URL/],
    [['--role', 'edge', '--feed', 'sim'], {}, /^an edge node runs no feeds/],
    [[], { BINANCE_WS_URL: 'http://x' }, /^BINANCE_WS_URL must be a ws: or wss: URL/],
    [['--symbols', 'A,,B'], {}, /^--symbols .*comma-separated/],
    [['--bogus', '1'], {}, /bogus/],
    [['stray'], {}, /stray/],
  ])('rejects %j %j with one clear line', (argv, env, message) => {
    let error: unknown;
    try {
      parseConfig(argv, env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
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
    expect(() => parseConfig(['--allowed-hosts', 'a.example,evil example'], {})).toThrow(/--allowed-hosts all, or a comma-separated list/);
    expect(() => parseConfig(['--max-connections', '0'], {})).toThrow(ConfigError);
  });

  it('takes tokens from the environment only, so they never show in ps', () => {
    const config = parseConfig([], { TICKLINE_VIEWER_TOKEN: 'view-secret', TICKLINE_ADMIN_TOKEN: 'admin-secret' });
    expect(config).toMatchObject({ viewerToken: 'view-secret', adminToken: 'admin-secret' });
    expect(() => parseConfig(['--viewer-token', 'x'], {})).toThrow(/Unknown option '--viewer-token'/);
    expect(() => parseConfig(['--admin-token', 'x'], {})).toThrow(/Unknown option '--admin-token'/);
    expect(usage()).toContain('TICKLINE_ADMIN_TOKEN');
  });

  it('the connection limits default to the limits the server uses when none are given', () => {
    const { limits } = parseConfig([], {});
    expect(limits).toEqual(DEFAULT_CLIENT_LIMITS);
    expect(parseConfig(['--request-rate', '3', '--stall-ms', '5000'], {}).limits).toMatchObject({ requestsPerSecond: 3, stallMs: 5000 });
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
