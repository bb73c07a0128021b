// The presenter's broadcasts against a real server on loopback: admin only, checked payloads, and every client
// gets what the presenter sent.

import type { Announcement, PresenterAck, PresenterViewNotice } from '@tickline/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, until, type TestServer } from './support/test-server.ts';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('presenter broadcasts', () => {
  it('sends an announcement to every client, the presenter included, when the admin token comes with it', async () => {
    server = await startTestServer({ symbols: ['NVDA', 'AAPL'], gate: { adminToken: 'admin-secret' } });
    const presenter = await server.connect();
    const viewers = [await server.connect(), await server.connect()];
    const heard: Announcement[][] = [[], [], []];
    [presenter, ...viewers].forEach((c, i) => c.on('announcement', (a) => heard[i]!.push(a)));

    const ack: PresenterAck = await presenter.emitWithAck('presenter:announce', {
      token: 'admin-secret',
      message: '  Q&A in five minutes  ',
    });
    expect(ack).toEqual({ ok: true, time: expect.any(Number) });
    await until(() => heard.every((h) => h.length === 1), 2000, 'every client to hear it');
    for (const h of heard) expect(h[0]).toEqual({ message: 'Q&A in five minutes', time: ack.ok ? ack.time : 0 });
  });

  it('refuses without the right token, with no admin token set, and a message too long; nobody hears those', async () => {
    server = await startTestServer({ symbols: ['NVDA'], gate: { adminToken: 'admin-secret' } });
    const client = await server.connect();
    let heard = 0;
    client.on('announcement', () => heard++);
    expect(await client.emitWithAck('presenter:announce', { token: 'guess', message: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(await client.emitWithAck('presenter:announce', { token: 'admin-secret', message: 'x'.repeat(201) })).toEqual(
      { ok: false, error: { code: 'invalid_payload', message: 'message: an announcement is at most 200 characters' } },
    );
    await server.close();

    server = await startTestServer({ symbols: ['NVDA'] });
    const other = await server.connect();
    other.on('announcement', () => heard++);
    expect(await other.emitWithAck('presenter:announce', { token: 'anything', message: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'admin_disabled' },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toBe(0);
  });

  it('passes the presenter’s view to every client, and refuses an unknown symbol or a malformed price', async () => {
    server = await startTestServer({ symbols: ['NVDA', 'AAPL'], gate: { adminToken: 'admin-secret' } });
    const presenter = await server.connect();
    const viewer = await server.connect();
    const views: PresenterViewNotice[] = [];
    let receivedAt = 0;
    viewer.on('presenter:view', (v) => {
      receivedAt = Date.now();
      views.push(v);
    });
    const view = { symbol: 'AAPL', interval: '5m', highlight: '187.25' } as const;
    const sent = Date.now();
    expect(await presenter.emitWithAck('presenter:view', { token: 'admin-secret', ...view })).toMatchObject({
      ok: true,
    });
    await until(() => views.length === 1, 5000, 'the viewer to get the view');
    // Timed where it arrives, not after the poll that noticed it.
    expect(receivedAt - sent).toBeLessThan(500);
    expect(views[0]).toEqual({ ...view, time: expect.any(Number) });

    expect(
      await presenter.emitWithAck('presenter:view', { token: 'admin-secret', ...view, symbol: 'DOGE-USD' }),
    ).toMatchObject({ ok: false, error: { code: 'unknown_symbol' } });
    expect(
      await presenter.emitWithAck('presenter:view', { token: 'admin-secret', ...view, highlight: '1e9' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: expect.stringMatching(/^highlight: /) } });

    // Zoom and pan travel with the view; a span the chart cannot show is refused.
    const zoom = { span: 60, end: 1_795_000_000_000 };
    await presenter.emitWithAck('presenter:view', { token: 'admin-secret', ...view, zoom });
    await until(() => views.length === 2, 5000, 'the zoomed view');
    expect(views[1]).toEqual({ ...view, zoom, time: expect.any(Number) });
    expect(
      await presenter.emitWithAck('presenter:view', { token: 'admin-secret', ...view, zoom: { span: 5, end: null } }),
    ).toEqual({ ok: false, error: { code: 'invalid_payload', message: 'zoom.span: span is from 10 to 480 candles' } });
  });

  it('shows a viewer who joins later the presenter’s last view at once', async () => {
    server = await startTestServer({ symbols: ['NVDA', 'AAPL'], gate: { adminToken: 'admin-secret' } });
    const presenter = await server.connect();
    const view = { symbol: 'AAPL', interval: '15m', highlight: null } as const;
    await presenter.emitWithAck('presenter:view', { token: 'admin-secret', ...view, symbol: 'NVDA' });
    const ack = await presenter.emitWithAck('presenter:view', { token: 'admin-secret', ...view });
    const views: PresenterViewNotice[] = [];
    // Listening before connecting: the view comes with the connection.
    await server.connect(undefined, (socket) => socket.on('presenter:view', (v) => views.push(v)));
    await until(() => views.length > 0, 5000, 'the late viewer to get the last view');
    expect(views).toEqual([{ ...view, time: ack.ok ? ack.time : 0 }]);
  });
});
