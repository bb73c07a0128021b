import { describe, expect, it } from 'vitest';
import { HealthTracker } from './feed-health.ts';
import { MalformedLog } from './malformed-log.ts';

describe('MalformedLog', () => {
  it('counts every malformed message but logs each kind once per interval', () => {
    let now = 0;
    const lines: string[] = [];
    const health = new HealthTracker(() => now);
    const logger = { info: () => {}, warn: (m: string) => lines.push(m), error: () => {} };
    const log = new MalformedLog('binance', logger, health, () => now, 1000);
    for (let i = 0; i < 5; i++) log.report('json', `bad ${i}`);
    log.report('schema', 'no stream');
    now = 1000;
    log.report('json', 'bad again');
    expect(health.snapshot()).toMatchObject({ malformed: 7, lastError: 'json: bad again' });
    expect(lines).toEqual([
      'binance: malformed message (json): bad 0',
      'binance: malformed message (schema): no stream',
      'binance: malformed message (json): 4 similar messages suppressed',
      'binance: malformed message (json): bad again',
    ]);
  });
});
