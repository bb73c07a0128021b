// A cluster edge's answer to `history`: the candle history lives with the sequencer on the feed node, so the edge
// asks it over the command path and passes its answer on; a feed node that does not answer in time is `unavailable`.

import type { AckError, HistoryAck } from '@tickline/shared';
import type { CommandErrorCode } from '../commands/feed-commands.ts';
import type { HistorySource } from '../hub/history-requests.ts';
import type { MarketView } from '../hub/market-view.ts';
import type { CommandClient } from './command-path.ts';

const ACK_CODES: Record<CommandErrorCode, AckError['error']['code']> = {
  feed_unavailable: 'unavailable',
  unknown_symbol: 'unknown_symbol',
  // The request passed the same schema on the edge: a feed node refusing it is a feed node of another version.
  invalid_command: 'internal',
  internal: 'internal',
};

export function historyFromFeedNode(view: MarketView, commands: () => CommandClient | undefined): HistorySource {
  return async (request): Promise<HistoryAck> => {
    if (!view.has(request.symbol)) {
      return { ok: false, error: { code: 'unknown_symbol', message: `unknown symbol ${request.symbol}` } };
    }
    const client = commands();
    if (!client) return { ok: false, error: { code: 'unavailable', message: 'the edge is starting; retry shortly' } };
    const reply = await client.request('history', request);
    if (reply.ok) return { ok: true, ...reply.result };
    return { ok: false, error: { code: ACK_CODES[reply.error.code], message: reply.error.message } };
  };
}
