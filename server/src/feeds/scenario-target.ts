// Scenario controls where the feeds run in this process: the feed that serves the symbol carries it out, if it
// makes its own market (the simulator).

import type { ScenarioTarget } from '../gate/admin-scenario.ts';
import type { FeedAdapter } from './feed.ts';

export function scenarioOnFeeds(feeds: readonly FeedAdapter[]): ScenarioTarget {
  return async (scenario) => {
    const feed = feeds.find((f) => f.symbols.some((s) => s.symbol === scenario.symbol));
    if (!feed) {
      return {
        ok: false,
        status: 404,
        error: { code: 'unknown_symbol', message: `unknown symbol ${scenario.symbol}` },
      };
    }
    if (!feed.scenario) {
      return {
        ok: false,
        status: 409,
        error: {
          code: 'not_simulated',
          message: `${scenario.symbol} comes from ${feed.id}: scenarios move only the simulator's markets (--feed sim)`,
        },
      };
    }
    feed.scenario(scenario);
    return { ok: true };
  };
}
