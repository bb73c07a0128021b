import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePaperSocket } from '../test-support/fake-paper-socket.ts';
import { paperAccount, paperFill, paperOrder } from '../test-support/paper-fixtures.ts';
import { accountTokens } from './account-token.ts';
import { AccountStore, EVENTS_KEPT } from './account-store.ts';
import { handshakeAuth, linkPaperAccount } from './paper-link.ts';

afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

function linked() {
  const socket = new FakePaperSocket();
  const store = new AccountStore();
  const tokens = accountTokens(null);
  const requests = linkPaperAccount(socket, store, tokens, 5_000);
  return { socket, store, tokens, requests };
}

describe('the paper account link', () => {
  it('keeps the token of a new account for the next handshake, and out of the state views read', () => {
    const { socket, store, tokens } = linked();
    socket.sendAccount(paperAccount({ token: 'secret-1' }));
    expect(tokens.get()).toBe('secret-1');
    expect(store.getState().account).not.toHaveProperty('token');
    expect(store.getState().online).toBe(true);
    // A server that no longer knew the token opened another account: its token replaces ours.
    socket.sendAccount(paperAccount({ id: 'acct-2', token: 'secret-2' }));
    expect(tokens.get()).toBe('secret-2');
    // Later states carry no token and leave the stored one alone.
    socket.sendAccount(paperAccount({ id: 'acct-2' }));
    expect(tokens.get()).toBe('secret-2');
  });

  it('tells subscribers of every change, and keeps the newest events first, a bounded number of them', () => {
    const { socket, store } = linked();
    const heard = vi.fn();
    store.subscribe(heard);
    socket.sendOrder(paperOrder({ id: 'a' }));
    socket.sendFill(paperFill({ orderId: 'a' }));
    expect(heard).toHaveBeenCalledTimes(2);
    expect(store.getState().events.map((e) => e.kind)).toEqual(['fill', 'order']);
    for (let i = 0; i < EVENTS_KEPT + 5; i++) socket.sendOrder(paperOrder({ id: `o${i}` }));
    expect(store.getState().events).toHaveLength(EVENTS_KEPT);
  });

  it('marks the account offline when the connection drops, keeping what it last knew', () => {
    const { socket, store } = linked();
    socket.sendAccount(paperAccount());
    socket.drop();
    expect(store.getState()).toMatchObject({ online: false, account: { id: 'acct-1' } });
  });

  it('sends orders and cancels and hands back the server’s ack', async () => {
    const { socket, requests } = linked();
    const placed = requests.place({ symbol: 'BTC-USD', side: 'buy', type: 'market', size: '0.5' });
    expect(socket.last()).toMatchObject({
      event: 'order:place',
      request: { symbol: 'BTC-USD', side: 'buy', type: 'market', size: '0.5' },
    });
    socket.last().answer({ ok: false, error: { code: 'insufficient_funds', message: 'needs 32,000.00' } });
    expect(await placed).toEqual({ ok: false, error: { code: 'insufficient_funds', message: 'needs 32,000.00' } });

    const cancelled = requests.cancel('o-9');
    expect(socket.last()).toMatchObject({ event: 'order:cancel', request: { orderId: 'o-9' } });
    socket.last().answer({ ok: true, order: paperOrder({ id: 'o-9', status: 'cancelled' }) });
    expect(await cancelled).toMatchObject({ ok: true, order: { status: 'cancelled' } });
  });

  it('turns a request the server leaves unanswered into an unavailable error', async () => {
    vi.useFakeTimers();
    const { requests } = linked();
    const placed = requests.place({ symbol: 'BTC-USD', side: 'sell', type: 'market', size: '1' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await placed).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('shows the fresh account a reset answers with at once', async () => {
    const { socket, store, requests } = linked();
    socket.sendAccount(paperAccount({ cash: '10.00' }));
    const reset = requests.reset();
    expect(socket.last()).toMatchObject({ event: 'account:reset', request: {} });
    socket.last().answer({ ok: true, account: paperAccount() });
    await reset;
    expect(store.getState().account?.cash).toBe('100000.00');
  });
});

describe('the handshake auth', () => {
  it('presents the viewer token and the account token the browser holds at each connect', () => {
    const tokens = accountTokens(null);
    const auth = handshakeAuth('viewer-1', tokens);
    const first = vi.fn();
    auth(first);
    expect(first).toHaveBeenCalledWith({ token: 'viewer-1' });
    tokens.set('acct-token');
    const again = vi.fn();
    auth(again);
    expect(again).toHaveBeenCalledWith({ token: 'viewer-1', account: 'acct-token' });
    const open = vi.fn();
    handshakeAuth(undefined, tokens)(open);
    expect(open).toHaveBeenCalledWith({ account: 'acct-token' });
  });
});
