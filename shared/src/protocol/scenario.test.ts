import { describe, expect, it } from 'vitest';
import { SCENARIO_KINDS, SCENARIO_RULES, scenarioRequestSchema } from './scenario.ts';

const problems = (body: unknown) => {
  const parsed = scenarioRequestSchema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('scenario requests', () => {
  it('fills in each kind’s defaults', () => {
    for (const kind of SCENARIO_KINDS) {
      const parsed = scenarioRequestSchema.parse({ symbol: 'BTC-USD', kind });
      expect(parsed).toEqual({
        symbol: 'BTC-USD',
        kind,
        size: SCENARIO_RULES[kind].size?.default ?? 0,
        durationMs: SCENARIO_RULES[kind].duration?.default ?? 0,
      });
    }
    expect(scenarioRequestSchema.parse({ symbol: 'BTC-USD', kind: 'crash', size: 0.1, durationMs: 0 })).toMatchObject({
      size: 0.1,
      durationMs: 0,
    });
  });

  it('names the field and the rule of a bad request', () => {
    expect(problems({ symbol: 'BTC-USD', kind: 'melt' })).toEqual([
      'kind: kind must be one of rally, crash, news, volatility, drought, halt, resume',
    ]);
    expect(problems({ symbol: 'BTC-USD', kind: 'crash', size: 0.8 })[0]).toMatch(
      /^size: size for crash is the fall, a fraction of the price .*: above 0 and at most 0.5$/,
    );
    expect(problems({ symbol: 'BTC-USD', kind: 'crash', size: -0.05 })[0]).toMatch(/^size: /);
    expect(problems({ symbol: 'BTC-USD', kind: 'news', size: 0 })[0]).toMatch(/from -0.5 to 0.5, not 0$/);
    expect(problems({ symbol: 'BTC-USD', kind: 'halt', size: 1 })).toEqual(['size: halt takes no size']);
    expect(problems({ symbol: 'BTC-USD', kind: 'resume', durationMs: 5 })).toEqual([
      'durationMs: resume takes no durationMs',
    ]);
    expect(problems({ symbol: 'BTC-USD', kind: 'rally', durationMs: 7_200_000 })[0]).toMatch(/at most 3600000$/);
    expect(problems({ symbol: 'BTC-USD', kind: 'rally', durationMs: 1.5 })[0]).toMatch(/^durationMs: /);
    expect(problems({ kind: 'rally' })[0]).toMatch(/^symbol: /);
    expect(problems({ symbol: 'BTC-USD', kind: 'rally', extra: 1 })[0]).toMatch(/extra/);
  });

  it('takes a negative size only for news', () => {
    expect(problems({ symbol: 'ETH-USD', kind: 'news', size: -0.02 })).toEqual([]);
    expect(problems({ symbol: 'ETH-USD', kind: 'volatility', size: 0.3 })).toEqual([]);
    expect(problems({ symbol: 'ETH-USD', kind: 'volatility', size: 0.05 })).toHaveLength(1);
  });
});
