// Turns a client request event into a safe handler: the payload is parsed with its schema, the answer goes back
// through the ack, and nothing a client sends (wrong arity, no ack, garbage, a throwing or rejecting handler)
// escapes as an exception or disturbs any other socket.

import { type AckError, type ClientToServerEvents, parsePayload, REQUEST_SCHEMAS, type RequestPayload } from '@tickline/shared';
import type { TicklineSocket } from './socket-types.ts';

type RequestEvent = keyof ClientToServerEvents;
type AckOf<E extends RequestEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

// At run time a client may send anything, so the listener is registered on the untyped view of the socket.
interface UntypedListener {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

export function handleRequest<E extends RequestEvent>(
  socket: TicklineSocket,
  event: E,
  /** Answers synchronously when it can; a promise when the answer must wait (an edge loading a symbol). */
  handle: (request: RequestPayload<E>) => AckOf<E> | Promise<AckOf<E>>,
  onError: (err: unknown) => void,
): void {
  const failed = (err: unknown): AckOf<E> => {
    onError(err);
    return { ok: false, error: { code: 'internal', message: `${event} failed on the server` } } as AckOf<E>;
  };
  const schema = REQUEST_SCHEMAS[event];
  (socket as unknown as UntypedListener).on(event, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (response: AckOf<E>) => void) : undefined;
    const payload = ack ? (args.length > 1 ? args[0] : undefined) : args[0];
    let response: AckOf<E> | Promise<AckOf<E>>;
    try {
      const parsed = parsePayload(schema, payload);
      response = parsed.ok ? handle(parsed.value) : (parsed satisfies AckError);
    } catch (err) {
      response = failed(err);
    }
    if (response instanceof Promise) {
      response.then((r) => ack?.(r), (err: unknown) => ack?.(failed(err)));
    } else {
      ack?.(response);
    }
  });
}
