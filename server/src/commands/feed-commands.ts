// What an edge may ask the feed node to do: requests only the sequencer can carry out, sent over the command path
// (bus/command-path.ts). Each command has a request schema (the feed node trusts nothing it has not parsed) and a
// typed result; the next features (orders into the simulator, scenario controls) are added here.

import {
  type Candle,
  type CandleInterval,
  type Epoch,
  type HistoryRequest,
  historyRequestSchema,
  MAX_SYMBOLS_PER_REQUEST,
  type ResolvedScenario,
  SCENARIO_KINDS,
  symbolNameSchema,
  placeOrderRequestSchema,
  cancelOrderRequestSchema,
  type CancelOrderAck,
  type PlaceOrderAck,
  type PlaceOrderRequest,
  type ResetAccountAck,
  type ReplayRequest,
  replayRequestSchema,
} from '@tickline/shared';
import type { ReplayOutcome } from '../gate/admin-replay.ts';
import type { OpenAccountResult } from '../paper/paper-desk.ts';
import type { ScenarioOutcome } from '../gate/admin-scenario.ts';
import { z } from 'zod';

export interface FeedCommands {
  /** Publish these symbols' snapshots now (an edge that found its copy missing, too old or corrupted). */
  'snapshot:refresh': {
    request: { symbols: string[] };
    result: { snapshots: { symbol: string; seq: number; entryId: string }[] };
  };
  /** A page of a symbol's candle history: only the feed node holds it (an edge's replicas keep the stream's). */
  history: {
    request: HistoryRequest;
    result: { symbol: string; interval: CandleInterval; epoch: Epoch; seq: number; candles: Candle[]; more: boolean };
  };
  /** A scenario (checked and resolved by the edge that took the request) for the market the feed node makes. */
  scenario: {
    request: ResolvedScenario;
    /** Carried out, or why not (unknown symbol, a real exchange's symbol): the command itself worked either way. */
    result: ScenarioOutcome;
  };
  /** Replay controls (or, with no request, where the replay stands) for the recording the feed node plays. */
  replay: { request: { request?: ReplayRequest | undefined }; result: ReplayOutcome };
  /** Paper trading (the desk is on the feed node): the account of a token, or a new one. */
  'paper:open': {
    request: { token?: string | undefined; address: string };
    result: OpenAccountResult;
  };
  'paper:place': { request: { token: string; order: PlaceOrderRequest }; result: PlaceOrderAck };
  'paper:cancel': { request: { token: string; orderId: string }; result: CancelOrderAck };
  'paper:reset': { request: { token: string }; result: ResetAccountAck };
}

export type CommandName = keyof FeedCommands;
export type CommandRequest<N extends CommandName> = FeedCommands[N]['request'];
export type CommandResult<N extends CommandName> = FeedCommands[N]['result'];

/**
 * - feed_unavailable: no feed node answered in time (it is down, restarting, or Redis is unreachable); nothing is
 *   known to have happened;
 * - invalid_command: the feed node does not know the command or its request does not match the schema;
 * - unknown_symbol: a named symbol is not served;
 * - internal: the feed node failed while carrying it out.
 */
export type CommandErrorCode = 'feed_unavailable' | 'invalid_command' | 'unknown_symbol' | 'internal';

export type CommandReply<N extends CommandName> =
  { ok: true; result: CommandResult<N> } | { ok: false; error: { code: CommandErrorCode; message: string } };

const paperToken = z.string().min(1).max(64);

export const COMMAND_SCHEMAS: { [N in CommandName]: z.ZodType<CommandRequest<N>> } = {
  'snapshot:refresh': z.object({ symbols: z.array(symbolNameSchema).min(1).max(MAX_SYMBOLS_PER_REQUEST) }),
  history: historyRequestSchema,
  // Resolved on the edge; the feed node checks the shape again, and the market the limits it enforces.
  scenario: z.object({
    symbol: symbolNameSchema,
    kind: z.enum(SCENARIO_KINDS),
    size: z.number().finite(),
    durationMs: z.number().int().nonnegative(),
  }),
  replay: z.object({ request: replayRequestSchema.optional() }),
  'paper:open': z.object({ token: paperToken.optional(), address: z.string().max(100) }),
  'paper:place': z.object({ token: paperToken, order: placeOrderRequestSchema }),
  'paper:cancel': z.object({ token: paperToken, orderId: cancelOrderRequestSchema.shape.orderId }),
  'paper:reset': z.object({ token: paperToken }),
};

/** What the feed node runs for each command. */
export type CommandHandlers = {
  [N in CommandName]: (request: CommandRequest<N>) => Promise<CommandReply<N>> | CommandReply<N>;
};

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_SCHEMAS, name);
}
