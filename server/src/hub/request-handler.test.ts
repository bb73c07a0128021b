import type { AckError } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { createRequestDispatch, type RequestGate, type RequestHandlers } from './request-handler.ts';

interface Client {
  name: string;
}

/** A gate that admits and runs everything at once, and records what it was asked. */
function recordingGate(refuse?: { admit?: AckError; schedule?: AckError }) {
  const seen: string[] = [];
  const gate: RequestGate<Client> = {
    admit: (client) => (seen.push(`admit ${client.name}`), refuse?.admit),
    schedule: (client, job) => {
      seen.push(`schedule ${client.name}`);
      if (refuse?.schedule) return refuse.schedule;
      job();
      return undefined;
    },
    answered: (client, response) => void seen.push(`answered ${client.name} ${response.ok}`),
  };
  return { gate, seen };
}

const refusal: AckError = { ok: false, error: { code: 'rate_limited', message: 'later', retryAfterMs: 5 } };

/** Dispatches one request and returns what its ack received (undefined if it was not called). */
function ackOf(dispatch: (client: Client, event: unknown, args: unknown[]) => void, event: unknown, payload: unknown) {
  const acks: unknown[] = [];
  dispatch({ name: 'a' }, event, [payload, (response: unknown) => acks.push(response)]);
  return acks;
}

const ping: RequestHandlers<Client> = {
  ping: (client, { clientTime }) => ({ ok: true, clientTime, serverTime: client.name.length }),
};

describe('createRequestDispatch', () => {
  it('hands the client state and the parsed payload to the handler and its answer to the ack', () => {
    const { gate, seen } = recordingGate();
    const dispatch = createRequestDispatch(ping, gate, () => {});
    expect(ackOf(dispatch, 'ping', { clientTime: 7 })).toEqual([{ ok: true, clientTime: 7, serverTime: 1 }]);
    expect(seen).toEqual(['admit a', 'schedule a', 'answered a true']);
  });

  it('answers a payload its schema refuses with an error ack, without calling the handler', () => {
    const dispatch = createRequestDispatch(
      { ping: () => expect.unreachable() as never },
      recordingGate().gate,
      () => {},
    );
    const [ack] = ackOf(dispatch, 'ping', { clientTime: 'soon' }) as [AckError];
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('ignores events it has no handler for, `__proto__` and `constructor` included: no ack, no budget', () => {
    const { gate, seen } = recordingGate();
    const dispatch = createRequestDispatch(ping, gate, () => {});
    for (const event of ['subscribe', '__proto__', 'constructor', 'toString', 42, undefined]) {
      expect(ackOf(dispatch, event, { clientTime: 1 })).toEqual([]);
    }
    expect(seen).toEqual([]);
  });

  it('answers `internal` when a handler throws or rejects, and reports the error', async () => {
    const errors: unknown[] = [];
    const dispatch = createRequestDispatch<Client>(
      {
        ping: () => {
          throw new Error('sync');
        },
        history: () => Promise.reject(new Error('async')),
      },
      recordingGate().gate,
      (err) => errors.push((err as Error).message),
    );
    expect(ackOf(dispatch, 'ping', { clientTime: 1 })).toEqual([
      { ok: false, error: { code: 'internal', message: 'ping failed on the server' } },
    ]);
    const acks = ackOf(dispatch, 'history', { symbol: 'BTC-USD', interval: '1m', limit: 10 });
    await new Promise((r) => setTimeout(r, 0));
    expect(acks).toEqual([{ ok: false, error: { code: 'internal', message: 'history failed on the server' } }]);
    expect(errors).toEqual(['sync', 'async']);
  });

  it('answers the gate’s refusal before parsing, and when the work cannot be queued', () => {
    const admitted = recordingGate({ admit: refusal });
    const dispatch = createRequestDispatch(ping, admitted.gate, () => {});
    expect(ackOf(dispatch, 'ping', 'garbage')).toEqual([refusal]);
    expect(admitted.seen).toEqual(['admit a', 'answered a false']);

    const queued = recordingGate({ schedule: refusal });
    expect(
      ackOf(
        createRequestDispatch(ping, queued.gate, () => {}),
        'ping',
        { clientTime: 1 },
      ),
    ).toEqual([refusal]);
    expect(queued.seen).toEqual(['admit a', 'schedule a', 'answered a false']);
  });

  it('runs a request sent without an ack, and takes a lone ack as a request without payload', () => {
    const { gate, seen } = recordingGate();
    const dispatch = createRequestDispatch(ping, gate, () => {});
    dispatch({ name: 'a' }, 'ping', [{ clientTime: 1 }]);
    const acks: unknown[] = [];
    dispatch({ name: 'b' }, 'ping', [(response: unknown) => acks.push(response)]);
    expect(seen).toEqual(['admit a', 'schedule a', 'answered a true', 'admit b', 'schedule b', 'answered b false']);
    expect(acks).toMatchObject([{ ok: false, error: { code: 'invalid_payload' } }]);
  });
});
