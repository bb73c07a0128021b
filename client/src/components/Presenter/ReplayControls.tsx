// The presenter's controls of a recording played back (--feed replay): pause and play, the speed, and a slider to
// jump to any moment. Shown only when the server plays one (GET /api/admin/replay answers not_replaying otherwise);
// while shown, the playhead is read again every second.

import type { ReplayRequest, ReplayState } from '@tickline/shared';
import { useEffect, useState } from 'react';
import { replayState, sendReplay } from '../../presenter/admin-api.ts';

const SPEEDS = [0.5, 1, 2, 5, 10, 50] as const;

/** m:ss (or h:mm:ss) of a position in the recording. */
export function formatPosition(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function ReplayControls({
  token,
  onStatus,
  fetchFn = fetch,
  pollMs = 1000,
}: {
  token: string;
  onStatus: (text: string, error: boolean) => void;
  fetchFn?: typeof fetch;
  pollMs?: number;
}) {
  const [state, setState] = useState<ReplayState | undefined>();
  /** The slider's value while it is being dragged: the playhead must not pull it back meanwhile. */
  const [dragging, setDragging] = useState<number | undefined>();

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      const answer = await replayState(fetchFn, token);
      if (!live) return;
      // Not a replay (or not allowed): nothing to show, and nothing more to ask.
      if (!answer.ok) {
        setState(undefined);
        return;
      }
      setState(answer.value);
      timer = setTimeout(() => void read(), pollMs);
    };
    void read();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [fetchFn, token, pollMs]);

  if (!state) return null;

  const act = async (request: ReplayRequest, done: string) => {
    const answer = await sendReplay(fetchFn, token, request);
    if (answer.ok) {
      setState(answer.value);
      onStatus(done, false);
    } else onStatus(`Replay: ${answer.message}`, true);
  };
  const position = dragging ?? state.positionMs;

  return (
    <fieldset className="presenter__replay" data-testid="replay-controls">
      <legend>
        Replay <span className="presenter__replay-file">{state.file}</span>
      </legend>
      <div className="presenter__replay-row">
        <button
          type="button"
          data-testid="replay-toggle"
          onClick={() =>
            void (state.paused
              ? act({ action: 'resume' }, 'Replay playing')
              : act({ action: 'pause' }, 'Replay paused: every symbol shows halted'))
          }
        >
          {state.paused ? 'Play' : 'Pause'}
        </button>
        <label>
          Speed
          <select
            data-testid="replay-speed"
            value={state.speed ?? ''}
            onChange={(e) => void act({ action: 'speed', speed: Number(e.currentTarget.value) }, 'Replay speed set')}
          >
            {state.speed === null ? <option value="">max</option> : null}
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
            {state.speed !== null && !SPEEDS.includes(state.speed as (typeof SPEEDS)[number]) ? (
              <option value={state.speed}>{state.speed}×</option>
            ) : null}
          </select>
        </label>
      </div>
      <label className="presenter__replay-seek">
        <span>
          {formatPosition(position)} / {formatPosition(state.durationMs)}
          {state.ended ? ' (ended)' : ''}
        </span>
        <input
          type="range"
          min={0}
          max={state.durationMs}
          step={1000}
          value={Math.round(position / 1000) * 1000}
          aria-label="Replay position"
          aria-valuetext={formatPosition(position)}
          data-testid="replay-position"
          onChange={(e) => setDragging(Number(e.currentTarget.value))}
          onPointerUp={(e) => {
            const to = Number(e.currentTarget.value);
            setDragging(undefined);
            void act({ action: 'seek', positionMs: to }, `Replay moved to ${formatPosition(to)}`);
          }}
          onKeyUp={(e) => {
            if (!['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'].includes(e.key)) return;
            const to = Number(e.currentTarget.value);
            setDragging(undefined);
            void act({ action: 'seek', positionMs: to }, `Replay moved to ${formatPosition(to)}`);
          }}
        />
      </label>
    </fieldset>
  );
}
