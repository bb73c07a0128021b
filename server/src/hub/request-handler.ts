// Turns a client request event into a safe handler: the payload is parsed with its schema, the answer goes back
// through the ack, and nothing a client sends (wrong arity, no ack, garbage, a throwing or rejecting handler)
// escapes as an exception or disturbs any other socket.

import {
  type AckError,
  type ClientToServerEvents,
  INVALID_REQUEST_CODES,
  parsePayload,
  REQUEST_SCHEMAS,
  type RequestPayload,
} from '@tickline/shared';
import type { TicklineSocket } from './socket-types.ts';

type RequestEvent = keyof ClientToServerEvents;
type AckOf<E extends RequestEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

// At run time a client may send anything, so the listener is registered on the untyped view of the socket.
interface UntypedListener {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** What stands between a request and its handler (request-gate.ts): the budget, and when the work runs. */
export interface RequestGate {
  /** Before anything is parsed: undefined to go on, or the refusal to answer with. */
  admit(): AckError | undefined;
  /** Runs the request's work now or later in a bounded turn; the refusal to answer with when it cannot be queued. */
  schedule(job: () => void): AckError | undefined;
  /** Every answer goes through here before it is sent (refusals are counted; ignoring enough of them gets a cut). */
  answered(response: { ok: boolean; error?: AckError['error'] }): void;
}

/** No budget and no queue: every request runs at once (tests of the handlers themselves). */
export const OPEN_GATE: RequestGate = { admit: () => undefined, schedule: (job) => void job(), answered: () => {} };

export function handleRequest<E extends RequestEvent>(
  socket: TicklineSocket,
  event: E,
  /** Answers synchronously when it can; a promise when the answer must wait (an edge loading a symbol). */
  handle: (request: RequestPayload<E>) => AckOf<E> | Promise<AckOf<E>>,
  onError: (err: unknown) => void,
  gate: RequestGate = OPEN_GATE,
): void {
  const failed = (err: unknown): AckOf<E> => {
    onError(err);
    return { ok: false, error: { code: 'internal', message: `${event} failed on the server` } } as AckOf<E>;
  };
  const schema = REQUEST_SCHEMAS[event];
  const invalidCode = INVALID_REQUEST_CODES[event];
  (socket as unknown as UntypedListener).on(event, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (response: AckOf<E>) => void) : undefined;
    const payload = ack ? (args.length > 1 ? args[0] : undefined) : args[0];
    const respond = (response: AckOf<E>): void => {
      gate.answered(response as { ok: boolean; error?: AckError['error'] });
      ack?.(response);
    };
    // The budget is checked before the payload is even parsed: a flood costs a refusal each, not a validation each.
    const refusal = gate.admit();
    if (refusal) return respond(refusal as AckOf<E>);
    const run = (): void => {
      let response: AckOf<E> | Promise<AckOf<E>>;
      try {
        const parsed = parsePayload(schema, payload, invalidCode);
        response = parsed.ok ? handle(parsed.value) : (parsed satisfies AckError);
      } catch (err) {
        response = failed(err);
      }
      if (response instanceof Promise) {
        response.then(respond, (err: unknown) => respond(failed(err)));
      } else {
        respond(response);
      }
    };
    const full = gate.schedule(run);
    if (full) respond(full as AckOf<E>);
  });
}
