// Turns client request events into safe calls of the server's handlers: the payload is parsed with its schema, the
// answer goes back through the ack, and nothing a client sends (wrong arity, no ack, garbage, an unknown event, a
// throwing or rejecting handler) escapes as an exception or disturbs any other socket. The handlers, the gate and
// the listener are made once per server and shared by every socket; a connection's own state is an argument.

import {
  type AckError,
  type ClientToServerEvents,
  type ErrorCode,
  INVALID_REQUEST_CODES,
  parsePayload,
  REQUEST_SCHEMAS,
  type RequestPayload,
} from '@tickline/shared';
import type { z } from 'zod';

export type RequestEvent = keyof ClientToServerEvents;
export type AckOf<E extends RequestEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** Answers synchronously when it can; a promise when the answer must wait (an edge loading a symbol). */
export type RequestHandler<E extends RequestEvent, C> = (
  client: C,
  request: RequestPayload<E>,
) => AckOf<E> | Promise<AckOf<E>>;

/** The handlers of some requests, by event; `C` is what the server keeps per connection. */
export type RequestHandlers<C> = { [E in RequestEvent]?: RequestHandler<E, C> };

/** What stands between a request and its handler (request-gate.ts): the budget, and when the work runs. */
export interface RequestGate<C> {
  /** Before anything is parsed: undefined to go on, or the refusal to answer with. */
  admit(client: C): AckError | undefined;
  /** Runs the request's work now or later in a bounded turn; the refusal to answer with when it cannot be queued. */
  schedule(client: C, job: () => void): AckError | undefined;
  /** Every answer goes through here before it is sent (refusals are counted; ignoring enough of them gets a cut). */
  answered(client: C, response: { ok: boolean; error?: AckError['error'] }): void;
}

/** Handles one request event of `client`: `args` are what followed the event name, the ack last if there is one. */
export type RequestDispatch<C> = (client: C, event: unknown, args: unknown[]) => void;

type Ack = (response: unknown) => void;
type AnyHandler<C> = (client: C, request: unknown) => unknown;

interface Route<C> {
  handle: AnyHandler<C>;
  schema: z.ZodType<unknown>;
  invalidCode: ErrorCode | undefined;
  /** The answer when the handler throws (made once: it is the same every time). */
  failure: AckError;
}

export function createRequestDispatch<C>(
  handlers: RequestHandlers<C>,
  gate: RequestGate<C>,
  onError: (err: unknown) => void,
): RequestDispatch<C> {
  // A Map, not the object: an event named `constructor` or `__proto__` must find nothing.
  const routes = new Map<string, Route<C>>();
  for (const event of Object.keys(handlers) as RequestEvent[]) {
    routes.set(event, {
      handle: handlers[event] as AnyHandler<C>,
      schema: REQUEST_SCHEMAS[event] as z.ZodType<unknown>,
      invalidCode: INVALID_REQUEST_CODES[event],
      failure: { ok: false, error: { code: 'internal', message: `${event} failed on the server` } },
    });
  }

  const respond = (client: C, ack: Ack | undefined, response: unknown): void => {
    gate.answered(client, response as { ok: boolean; error?: AckError['error'] });
    ack?.(response);
  };

  const run = (client: C, route: Route<C>, payload: unknown, ack: Ack | undefined): void => {
    let response: unknown;
    try {
      const parsed = parsePayload(route.schema, payload, route.invalidCode);
      response = parsed.ok ? route.handle(client, parsed.value) : (parsed satisfies AckError);
    } catch (err) {
      onError(err);
      response = route.failure;
    }
    if (response instanceof Promise) {
      response.then(
        (answer: unknown) => respond(client, ack, answer),
        (err: unknown) => {
          onError(err);
          respond(client, ack, route.failure);
        },
      );
    } else {
      respond(client, ack, response);
    }
  };

  return (client, event, args) => {
    // An event no handler is for is ignored, as Socket.IO ignores an event nobody listens to: no ack, no budget.
    const route = typeof event === 'string' ? routes.get(event) : undefined;
    if (!route) return;
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as Ack) : undefined;
    const payload = ack ? (args.length > 1 ? args[0] : undefined) : args[0];
    // The budget is checked before the payload is even parsed: a flood costs a refusal each, not a validation each.
    const refusal = gate.admit(client);
    if (refusal) return respond(client, ack, refusal);
    const full = gate.schedule(client, () => run(client, route, payload, ack));
    if (full) respond(client, ack, full);
  };
}
