// A cluster edge's scenario and replay controls: the market is made (or the recording played) on the feed node, so
// the edge sends the request over the command path; a feed node that does not answer in time is `feed_unavailable`
// (nothing is known to have happened).

import type { ScenarioTarget } from '../gate/admin-scenario.ts';
import type { ReplayTarget } from '../gate/admin-replay.ts';
import type { MarketView } from '../hub/market-view.ts';
import type { CommandClient } from './command-path.ts';

export function scenarioFromFeedNode(view: MarketView, commands: () => CommandClient | undefined): ScenarioTarget {
  return async (scenario) => {
    if (!view.has(scenario.symbol)) {
      return {
        ok: false,
        status: 404,
        error: { code: 'unknown_symbol', message: `unknown symbol ${scenario.symbol}` },
      };
    }
    const client = commands();
    const reply = client ? await client.request('scenario', scenario) : undefined;
    if (reply?.ok) return reply.result;
    const message = reply ? reply.error.message : 'the edge is starting; retry shortly';
    return { ok: false, status: 503, error: { code: 'feed_unavailable', message } };
  };
}

/** A cluster edge's replay controls: the recording plays on the feed node. */
export function replayFromFeedNode(commands: () => CommandClient | undefined): ReplayTarget {
  return async (request) => {
    const client = commands();
    const reply = client ? await client.request('replay', { request }) : undefined;
    if (reply?.ok) return reply.result;
    const message = reply ? reply.error.message : 'the edge is starting; retry shortly';
    return { ok: false, status: 503, error: { code: 'feed_unavailable', message } };
  };
}
