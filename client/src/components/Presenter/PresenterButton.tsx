// The presenter's controls, behind a header button: unlocked with the admin token, then one click makes the
// selected market rally, crash, jump on news, turn wild or calm, dry up, halt or reopen (POST /api/admin/scenario).

import { MAX_ANNOUNCEMENT_LENGTH, type ScenarioRequest } from '@tickline/shared';
import { type FormEvent, type Ref, useCallback, useId, useRef, useState } from 'react';
import { useSelectedSymbol } from '../../hooks/useSelectedSymbol.ts';
import { adminToken, checkAdminToken, sendScenario } from '../../presenter/admin-api.ts';
import { usePresenterLink, usePresenterState } from '../../presenter/presenter-context.ts';
import { useDismiss } from '../../workspace/useDismiss.ts';
import './Presenter.css';

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

export function PresenterButton() {
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, [panel, toggle], close);
  return (
    <span className="presenter">
      <button
        ref={toggle}
        type="button"
        className="header-button"
        data-testid="presenter-toggle"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        title="Presenter controls: make the simulator's market move"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">⚑</span>
        <span className="header-button__label">Presenter</span>
      </button>
      {open ? <PresenterPanel id={panelId} ref={panel} /> : null}
    </span>
  );
}

function PresenterPanel({ id, ref }: { id: string; ref: Ref<HTMLElement> }) {
  const symbol = useSelectedSymbol();
  const [token, setToken] = useState(() => {
    const place = session();
    return place ? adminToken.read(place) : undefined;
  });
  const [status, setStatus] = useState<{ text: string; error: boolean } | undefined>();
  const [move, setMove] = useState(5);
  const [busy, setBusy] = useState(false);
  const link = usePresenterLink();
  const { broadcasting, highlight } = usePresenterState();

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

  const announce = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const message = String(new FormData(form).get('message') ?? '').trim();
    if (!link || token === undefined || message === '') return;
    const ack = await link.announce(token, message).catch(() => undefined);
    if (ack?.ok) {
      form.reset();
      setStatus({ text: 'Announcement sent to every viewer', error: false });
    } else setStatus({ text: ack ? ack.error.message : 'the server did not answer', error: true });
  };

  const setBroadcast = (on: boolean) => {
    if (!link || token === undefined) return;
    if (on) link.startBroadcast(token, (message) => setStatus({ text: message, error: true }));
    else link.stopBroadcasting();
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
          {link ? (
            <>
              <label className="presenter__broadcast">
                <input
                  type="checkbox"
                  checked={broadcasting}
                  data-testid="presenter-broadcast"
                  onChange={(e) => setBroadcast(e.currentTarget.checked)}
                />
                Viewers following me see my symbol and interval
              </label>
              {broadcasting ? (
                <form
                  className="presenter__announce"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const price = String(new FormData(e.currentTarget).get('price') ?? '').trim();
                    link.setHighlight(/^\d{1,15}(\.\d{1,12})?$/.test(price) ? price : null);
                  }}
                >
                  <input
                    name="price"
                    inputMode="decimal"
                    placeholder="Point at a price"
                    aria-label="Price to point at"
                    defaultValue={highlight ?? ''}
                    data-testid="presenter-highlight-price"
                  />
                  <button type="submit" data-testid="presenter-point">
                    Point
                  </button>
                  {highlight !== null ? (
                    <button type="button" onClick={() => link.setHighlight(null)}>
                      Clear
                    </button>
                  ) : null}
                </form>
              ) : null}
              <form className="presenter__announce" onSubmit={(e) => void announce(e)}>
                <input
                  name="message"
                  maxLength={MAX_ANNOUNCEMENT_LENGTH}
                  placeholder="Announcement to every viewer"
                  aria-label="Announcement"
                  data-testid="presenter-message"
                />
                <button type="submit" data-testid="presenter-announce">
                  Send
                </button>
              </form>
            </>
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
