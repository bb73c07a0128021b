// Type tests: checked by `tsc -b shared`. A misspelled event or a wrong payload field must not compile.

import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from './events.ts';
import type {
  ErrorCode,
  ShutdownNotice,
  SubscribeAck,
  SubscribeRequest,
  SymbolSnapshot,
  UnsubscribeAck,
  UnsubscribeRequest,
} from './payloads.ts';
import { INVALID_REQUEST_CODES, parsePayload, REQUEST_SCHEMAS } from './schemas.ts';
import type { WireBatch } from './wire.ts';

// Typed helpers shaped like Socket.IO's: the event name picks the payload and ack types.
declare function emit<E extends keyof ClientToServerEvents>(
  event: E,
  ...args: Parameters<ClientToServerEvents[E]>
): void;
declare function serverEmit<E extends keyof ServerToClientEvents>(
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
): void;
declare function on<E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]): void;
declare function serverOn<E extends keyof ClientToServerEvents>(event: E, listener: ClientToServerEvents[E]): void;

/** Compiles the body without running it: the helpers above exist only as types. */
const typeOnly = (_body: () => void): void => {};

describe('ClientToServerEvents', () => {
  it('accepts the requests it declares, with their payload and ack', () => {
    typeOnly(() => {
      emit('subscribe', { symbols: ['A'] }, () => {});
      emit('unsubscribe', { symbols: ['A', 'B'] }, () => {});
      emit('subscribe', { symbols: [] }, (response) => {
        expectTypeOf(response).toEqualTypeOf<SubscribeAck>();
      });
      emit('unsubscribe', { symbols: ['A'] }, (response) => {
        expectTypeOf(response).toEqualTypeOf<UnsubscribeAck>();
      });
    });
  });

  it('does not compile a misspelled event name', () => {
    typeOnly(() => {
      // @ts-expect-error 'subscrib' is not an event
      emit('subscrib', { symbols: ['A'] }, () => {});
      // @ts-expect-error events are requests in the imperative, not 'market:subscribe'
      emit('market:subscribe', { symbols: ['A'] }, () => {});
      // @ts-expect-error a server event cannot be sent by the client
      emit('md', [0]);
    });
  });

  it('does not compile a wrong payload field', () => {
    typeOnly(() => {
      // @ts-expect-error the field is 'symbols', a list
      emit('subscribe', { symbol: ['A'] }, () => {});
      // @ts-expect-error a single name is not a list
      emit('subscribe', { symbols: 'A' }, () => {});
      // @ts-expect-error names are strings
      emit('unsubscribe', { symbols: [1] }, () => {});
      // @ts-expect-error an unknown extra field in a literal
      emit('subscribe', { symbols: ['A'], depth: 10 }, () => {});
    });
  });

  it('requires the ack and the single payload object', () => {
    typeOnly(() => {
      // @ts-expect-error the ack is part of the contract
      emit('subscribe', { symbols: ['A'] });
      // @ts-expect-error one payload object per event, not positional arguments
      emit('subscribe', 'A', 'B', () => {});
      // @ts-expect-error the subscribe ack is not the unsubscribe ack
      emit('subscribe', { symbols: ['A'] }, (response: UnsubscribeAck) => response);
    });
  });

  it('types the handler on the server from the event name', () => {
    typeOnly(() => {
      serverOn('subscribe', (request, ack) => {
        expectTypeOf(request).toEqualTypeOf<SubscribeRequest>();
        expectTypeOf(ack).parameter(0).toEqualTypeOf<SubscribeAck>();
        ack({ ok: false, error: { code: 'unknown_symbol', message: 'no such symbol: X' } });
        ack({ ok: true, version: 3, epoch: 1, snapshots: [] });
        // @ts-expect-error a success ack of subscribe carries snapshots
        ack({ ok: true, version: 3, epoch: 1 });
        // @ts-expect-error and says which epoch they belong to
        ack({ ok: true, version: 3, snapshots: [] });
        // @ts-expect-error error codes are a closed set
        ack({ ok: false, error: { code: 'nope', message: '' } });
      });
      serverOn('unsubscribe', (request, ack) => {
        expectTypeOf(request).toEqualTypeOf<UnsubscribeRequest>();
        ack({ ok: true, symbols: request.symbols });
      });
      // @ts-expect-error no such request
      serverOn('resubscribe', () => {});
    });
  });
});

describe('ServerToClientEvents', () => {
  it('sends market data as a typed wire batch', () => {
    typeOnly(() => {
      serverEmit('md', [0, [1, 2, { c: 3 }, 0, 100, 1]]);
      on('md', (batch) => {
        expectTypeOf(batch).toEqualTypeOf<WireBatch>();
        expectTypeOf(batch[0]).toEqualTypeOf<number>();
      });
      // @ts-expect-error a batch starts with its time
      serverEmit('md', [[1, 2]]);
    });
  });

  it('does not compile a wrong event name or payload', () => {
    typeOnly(() => {
      // @ts-expect-error the old per-symbol event is gone
      serverEmit('market:update', { symbol: 'A', seq: 1, time: 0 });
      // @ts-expect-error a client request is not a server event
      on('subscribe', () => {});
      // @ts-expect-error an update names its symbol by stream id, not by name
      serverEmit('md', [0, ['A', 1]]);
      // @ts-expect-error seq is a number
      serverEmit('md', [0, [1, '1']]);
      // @ts-expect-error a batch is not a decoded update
      serverEmit('md', { symbol: 'A', seq: 1, time: 0 });
      // @ts-expect-error a listener that expects a snapshot is not an md listener
      on('md', (snapshot: SymbolSnapshot) => snapshot.depth);
    });
  });
});

describe('server:shutdown', () => {
  it('carries its reason, and only the one the server sends', () => {
    typeOnly(() => {
      serverEmit('server:shutdown', { reason: 'server shutting down' });
      on('server:shutdown', (notice) => {
        expectTypeOf(notice).toEqualTypeOf<ShutdownNotice>();
        expectTypeOf(notice.reason).toEqualTypeOf<'server shutting down'>();
      });
      // @ts-expect-error the reason is fixed: clients may match on it
      serverEmit('server:shutdown', { reason: 'bye' });
      // @ts-expect-error the notice is an object, not a bare string
      serverEmit('server:shutdown', 'server shutting down');
      // @ts-expect-error a client cannot tell the server to shut down
      emit('server:shutdown', { reason: 'server shutting down' });
    });
    expectTypeOf<Parameters<ServerToClientEvents['server:shutdown']>>().toEqualTypeOf<[ShutdownNotice]>();
  });
});

describe('the other event maps', () => {
  it('has one inter-server event: the presenter’s last view, for late joiners on every edge', () => {
    expectTypeOf<keyof InterServerEvents>().toEqualTypeOf<'presenter:last-view'>();
  });

  it('keeps per-socket data typed', () => {
    expectTypeOf<SocketData>().toEqualTypeOf<{
      connectedAt: number;
      address?: string;
      transport?: string;
      symbols?: string[];
    }>();
  });

  it('uses the closed error codes in every ack', () => {
    expectTypeOf<Extract<SubscribeAck, { ok: false }>['error']['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<Extract<UnsubscribeAck, { ok: false }>['error']['code']>().toEqualTypeOf<ErrorCode>();
  });
});

describe('requests at run time', () => {
  it('every request a client can send has a runtime schema, and each rejects a payload without its fields', () => {
    const events: (keyof ClientToServerEvents)[] = [
      'subscribe',
      'unsubscribe',
      'resync',
      'history',
      'ping',
      'presenter:announce',
      'presenter:view',
      'order:place',
      'order:cancel',
      'account:reset',
    ];
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...events].sort());
    // account:reset has no fields: an empty object is its whole request, so it is tested with a field too many.
    const parseBad = <E extends keyof ClientToServerEvents>(event: E) =>
      parsePayload(
        REQUEST_SCHEMAS[event],
        event === 'account:reset' ? { everything: true } : {},
        INVALID_REQUEST_CODES[event],
      );
    for (const event of events) {
      const code = event.startsWith('order:') ? 'invalid_order' : 'invalid_payload';
      expect(parseBad(event)).toMatchObject({ ok: false, error: { code } });
    }
  });
});
