import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, usage } from './config.ts';

describe('parseConfig', () => {
  it('uses defaults when nothing is set, with a random seed flagged as such', () => {
    const config = parseConfig([], {}, () => 0.5);
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      feed: 'sim',
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
    [['--feed', 'nyse'], {}, /^--feed /],
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

  it('usage lists every flag with its environment variable', () => {
    expect(usage()).toContain('--port');
    expect(usage()).toContain('TICKLINE_SEED');
  });
});
