import type { ReplayRequest, ReplayState } from '@tickline/shared';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { formatPosition, ReplayControls } from './ReplayControls.tsx';

const STATE: ReplayState = {
  file: 'sim-3min.ndjson',
  positionMs: 61_000,
  durationMs: 180_000,
  speed: 1,
  paused: false,
  ended: false,
  loop: true,
  pass: 0,
};

/** A server that plays a recording: answers GET with the state and applies POSTed requests to it. */
function replayServer(state: ReplayState | undefined) {
  const sent: ReplayRequest[] = [];
  const fetchFn = vi.fn(async (_url: string, init?: RequestInit) => {
    if (!state)
      return new Response(JSON.stringify({ ok: false, error: { code: 'not_replaying', message: 'no recording' } }), {
        status: 409,
      });
    if (init?.method === 'POST') {
      const request = JSON.parse(String(init.body)) as ReplayRequest;
      sent.push(request);
      if (request.action === 'pause') state = { ...state, paused: true };
      if (request.action === 'resume') state = { ...state, paused: false };
      if (request.action === 'speed') state = { ...state, speed: request.speed };
      if (request.action === 'seek') state = { ...state, positionMs: request.positionMs };
    }
    return new Response(JSON.stringify({ ok: true, replay: state }), { status: 200 });
  });
  return { fetchFn: fetchFn as unknown as typeof fetch, sent };
}

describe('ReplayControls', () => {
  it('shows nothing when the server plays no recording', async () => {
    const { fetchFn } = replayServer(undefined);
    const { container } = render(<ReplayControls token="t" onStatus={() => {}} fetchFn={fetchFn} />);
    await act(async () => {});
    expect(container.innerHTML).toBe('');
  });

  it('pauses, plays, changes the speed and jumps, telling the presenter what happened', async () => {
    const { fetchFn, sent } = replayServer({ ...STATE });
    const onStatus = vi.fn();
    render(<ReplayControls token="t" onStatus={onStatus} fetchFn={fetchFn} pollMs={60_000} />);
    const toggle = await screen.findByTestId('replay-toggle');
    expect(screen.getByText('1:01 / 3:00')).toBeTruthy();
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.textContent).toBe('Play'));
    expect(onStatus).toHaveBeenLastCalledWith('Replay paused: every symbol shows halted', false);
    fireEvent.change(screen.getByTestId('replay-speed'), { target: { value: '5' } });
    const slider = screen.getByTestId('replay-position');
    fireEvent.change(slider, { target: { value: '120000' } });
    expect(screen.getByText('2:00 / 3:00')).toBeTruthy(); // while dragging, before anything is sent
    fireEvent.pointerUp(slider);
    await waitFor(() => expect(sent).toHaveLength(3));
    expect(sent).toEqual([{ action: 'pause' }, { action: 'speed', speed: 5 }, { action: 'seek', positionMs: 120_000 }]);
    expect(onStatus).toHaveBeenLastCalledWith('Replay moved to 2:00', false);
  });

  it('formats positions as m:ss, and h:mm:ss past an hour', () => {
    expect(formatPosition(0)).toBe('0:00');
    expect(formatPosition(61_999)).toBe('1:01');
    expect(formatPosition(3_723_000)).toBe('1:02:03');
  });
});
