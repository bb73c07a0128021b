// The presenter panel: unlocked with the admin token, then one click makes the selected market rally, crash, jump
// on news, turn wild or calm, dry up, halt or reopen (POST /api/admin/scenario); a replay's controls when the server
// plays a recording; the room controls below.

import type { ScenarioRequest } from '@tickline/shared';
import { type FormEvent, type Ref, useState } from 'react';
import { useSelectedSymbol } from '../../hooks/useSelectedSymbol.ts';
import { adminToken, checkAdminToken, sendScenario } from '../../presenter/admin-api.ts';
import { usePresenterLink } from '../../presenter/presenter-context.ts';
import { ReplayControls } from './ReplayControls.tsx';
import { RoomControls } from './RoomControls.tsx';

/** The buttons, each a scenario for the selected symbol; `move` is the size field's percentage. */
const SCENARIOS: readonly { id: string; label: string; request: (move: number) => Omit<ScenarioRequest, 'symbol'> }[] =
  [
    { id: 'rally', label: 'Rally', request: (move) => ({ kind: 'rally', size: move / 100, durationMs: 10_000 }) },
    { id: 'crash', label: 'Crash', request: (move) => ({ kind: 'crash', size: move / 100, durationMs: 10_000 }) },
    { id: 'news-up', label: 'Good news', request: (move) => ({ kind: 'news', size: move / 100 }) },
    { id: 'news-down', label: 'Bad news', request: (move) => ({ kind: 'news', size: -move / 100 }) },
    { id: 'wild', label: 'Volatile', request: () => ({ kind: 'volatility', size: 3 }) },
    { id: 'calm', label: 'Calm', request: () => ({ kind: 'volatility', size: 0.3 }) },
    { id: 'drought', label: 'Drought', request: () => ({ kind: 'drought' }) },
    { id: 'halt', label: 'Halt', request: () => ({ kind: 'halt' }) },
    { id: 'resume', label: 'Resume', request: () => ({ kind: 'resume' }) },
  ];

const session = (): Storage | undefined => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);

export function PresenterPanel({ id, ref }: { id: string; ref: Ref<HTMLElement> }) {
  const symbol = useSelectedSymbol();
  const [token, setToken] = useState(() => {
    const place = session();
    return place ? adminToken.read(place) : undefined;
  });
  const [status, setStatus] = useState<{ text: string; error: boolean } | undefined>();
  const [move, setMove] = useState(5);
  const [busy, setBusy] = useState(false);
  const link = usePresenterLink();

  const unlock = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const entered = String(new FormData(event.currentTarget).get('token') ?? '').trim();
    if (entered === '') return;
    setBusy(true);
    const answer = await checkAdminToken(fetch, entered);
    setBusy(false);
    if (!answer.ok) {
      setStatus({ text: answer.message, error: true });
      return;
    }
    const place = session();
    if (place) adminToken.keep(place, entered);
    setToken(entered);
    setStatus(undefined);
  };

  const lock = () => {
    link?.stopBroadcasting();
    const place = session();
    if (place) adminToken.forget(place);
    setToken(undefined);
    setStatus(undefined);
  };

  const run = async (label: string, request: Omit<ScenarioRequest, 'symbol'>) => {
    if (token === undefined) return;
    setBusy(true);
    const answer = await sendScenario(fetch, token, { symbol, ...request });
    setBusy(false);
    if (answer.ok) setStatus({ text: `${label}: sent for ${symbol}`, error: false });
    else {
      setStatus({ text: `${label}: ${answer.message}`, error: true });
      if (answer.code === 'unauthorized') lock();
    }
  };

  return (
    <section
      ref={ref}
      id={id}
      className="presenter__panel"
      data-testid="presenter-panel"
      aria-label="Presenter controls"
    >
      {token === undefined ? (
        <form className="presenter__unlock" onSubmit={(e) => void unlock(e)}>
          <label>
            Admin token
            <input name="token" type="password" autoComplete="off" data-testid="presenter-token" autoFocus />
          </label>
          <button type="submit" disabled={busy} data-testid="presenter-unlock">
            Unlock
          </button>
        </form>
      ) : (
        <>
          <p className="presenter__target">
            Scenarios for <strong>{symbol}</strong>
          </p>
          <label className="presenter__move">
            Move (%)
            <input
              type="number"
              min={0.1}
              max={50}
              step={0.1}
              value={move}
              onChange={(e) => setMove(Number(e.currentTarget.value))}
            />
          </label>
          <div className="presenter__buttons">
            {SCENARIOS.map(({ id: scenario, label, request }) => (
              <button
                key={scenario}
                type="button"
                disabled={busy}
                data-scenario={scenario}
                onClick={() => void run(label, request(move))}
              >
                {label}
              </button>
            ))}
          </div>
          <ReplayControls token={token} onStatus={(text, error) => setStatus({ text, error })} />
          {link ? (
            <RoomControls link={link} token={token} onStatus={(text, error) => setStatus({ text, error })} />
          ) : null}
          <button type="button" className="presenter__lock" onClick={lock}>
            Lock
          </button>
        </>
      )}
      <p
        className={status?.error ? 'presenter__status is-error' : 'presenter__status'}
        role="status"
        data-testid="presenter-status"
      >
        {status?.text ?? ''}
      </p>
    </section>
  );
}
