// A cluster edge's paper trading: the desk is on the feed node (next to the simulator's matching engine), so every
// request goes over the command path; a feed node that does not answer in time is `unavailable` to the client
// (the order may or may not have been placed: the account event that follows tells).

import type { AckError } from '@tickline/shared';
import type { PaperService } from '../paper/paper-service.ts';
import type { CommandName, CommandReply, CommandResult } from '../commands/feed-commands.ts';
import type { CommandClient } from './command-path.ts';

/** The desk's answer, or `unavailable` when the feed node did not give one. */
function answer<N extends CommandName>(reply: CommandReply<N> | undefined): CommandResult<N> | AckError {
  if (reply?.ok) return reply.result;
  const message = reply
    ? `the market is unreachable (${reply.error.message}); retry shortly`
    : 'the edge is starting; retry shortly';
  return { ok: false, error: { code: 'unavailable', message } };
}

export function paperFromFeedNode(commands: () => CommandClient | undefined): PaperService {
  return {
    async open(token, address) {
      return answer<'paper:open'>(await commands()?.request('paper:open', { token, address }));
    },
    async place(token, order) {
      return answer<'paper:place'>(await commands()?.request('paper:place', { token, order }));
    },
    async cancel(token, orderId) {
      return answer<'paper:cancel'>(await commands()?.request('paper:cancel', { token, orderId }));
    },
    async reset(token) {
      return answer<'paper:reset'>(await commands()?.request('paper:reset', { token }));
    },
  };
}
