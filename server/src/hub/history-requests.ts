// The `history` request: a page of a symbol's candles at a chart interval. The answer comes from wherever the
// candles are (the hub in a single process, the feed node behind a cluster edge); here it passes the connection's
// gate like every request, and its bytes are taken from the same budget as snapshots, so scrolling a chart back is
// cheap and pulling megabytes a second is refused.

import type { AckError, HistoryAck, HistoryRequest } from '@tickline/shared';
import { rememberJson } from './batch-encoder.ts';
import type { ClientState } from './client-state.ts';
import type { RequestHandlers } from './request-handler.ts';
import type { AnswerCheck } from './subscriptions.ts';

/** Where a server gets candle history from. */
export type HistorySource = (request: HistoryRequest) => HistoryAck | Promise<HistoryAck>;

export interface HistoryDeps {
  source: HistorySource;
  /** Whether an answer of this many bytes may go out now (the snapshot byte budget and the queue cap). */
  checkAnswer?: AnswerCheck | undefined;
}

/** The `history` request, shared by every connection. */
export function historyHandlers({ source, checkAnswer }: HistoryDeps): Pick<RequestHandlers<ClientState>, 'history'> {
  // Serialized once here, both to know its size and so the encoder writes these bytes instead of serializing again.
  const metered = (client: ClientState, ack: HistoryAck): HistoryAck => {
    if (!ack.ok) return ack;
    const json = JSON.stringify(ack);
    const refusal: AckError | undefined = checkAnswer?.(client, json.length);
    if (refusal) return refusal;
    rememberJson(ack, json);
    return ack;
  };
  return {
    history: (client, request) => {
      const answer = source(request);
      return answer instanceof Promise ? answer.then((ack) => metered(client, ack)) : metered(client, answer);
    },
  };
}
