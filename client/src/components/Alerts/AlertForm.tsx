// The alert form: a symbol, a condition and its numbers, checked field by field with messages that say how to fix
// them. Creating the first alert is the moment notification permission is asked for.

import { useId, useRef, useState, type FormEvent } from 'react';
import type { Instrument, Ticks } from '@tickline/shared';
import { type Alert } from '../../alerts/alert-model.ts';
import { MOVE_WINDOWS_MS, windowLabel, type AlertKind, type MoveDirection } from '../../alerts/alert-model.ts';
import { checkDraft, newDraft, type AlertDraft, type DraftErrors, type DraftField } from '../../alerts/alert-draft.ts';
import { askNotificationPermission } from '../../alerts/desktop-notification.ts';
import { useMarketStore } from '../../hooks/market-context.ts';
import { useTicker } from '../../hooks/useTicker.ts';
import { useAlertCenter } from './useAlertCenter.ts';
import { formatPrice } from '../format.ts';

const KINDS: { kind: AlertKind; label: string }[] = [
  { kind: 'above', label: 'Crosses above' },
  { kind: 'below', label: 'Crosses below' },
  { kind: 'move', label: 'Moves by %' },
];

const DIRECTIONS: { direction: MoveDirection; label: string }[] = [
  { direction: 'either', label: 'Either way' },
  { direction: 'up', label: 'Up' },
  { direction: 'down', label: 'Down' },
];

export interface AlertFormProps {
  initial: AlertDraft;
  /** The alert being edited; a new one is created when absent. */
  editing?: Alert;
  /** After the alert was created or saved, or the edit cancelled. */
  onDone: () => void;
}

export function AlertForm({ initial, editing, onDone }: AlertFormProps) {
  const store = useMarketStore();
  const center = useAlertCenter();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [priceTouched, setPriceTouched] = useState(false);
  const fields = useRef<Partial<Record<DraftField, HTMLInputElement | null>>>({});
  const id = useId();
  const instrument = store.instrument(draft.symbol);
  const last = useTicker(draft.symbol).last;
  const hint = crossHint(draft, instrument, last);

  const change = (next: Partial<AlertDraft>) => {
    const merged = { ...draft, ...next };
    setDraft(merged);
    // Once a message is showing, it follows what is typed, so a fix clears it at once.
    if (Object.keys(errors).length > 0) {
      const result = checkDraft(merged, store.instrument(merged.symbol));
      setErrors(result.ok ? {} : result.errors);
    }
  };

  const changeSymbol = (symbol: string) => {
    // A price nobody typed follows the symbol: another symbol's price would be a meaningless level.
    const price = priceTouched
      ? draft.price
      : newDraft(symbol, store.instrument(symbol), store.replica(symbol).ticker.last).price;
    change({ symbol, price });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = checkDraft(draft, instrument);
    if (!result.ok) {
      setErrors(result.errors);
      const first = (Object.keys(result.errors) as DraftField[])[0];
      if (first) fields.current[first]?.focus();
      return;
    }
    if (editing) center.edit(editing.id, draft.symbol, result.condition);
    else {
      askNotificationPermission();
      center.create(draft.symbol, result.condition);
    }
    onDone();
  };

  const errorId = (field: DraftField) => `${id}-${field}-error`;
  const invalid = (field: DraftField) =>
    errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': errorId(field) } : {};

  return (
    <form className="alert-form" onSubmit={submit} noValidate aria-label={editing ? 'Edit alert' : 'New alert'}>
      <div className="alert-form__row">
        <label className="alert-form__field">
          <span>Symbol</span>
          <select value={draft.symbol} onChange={(e) => changeSymbol(e.target.value)} data-testid="alert-symbol">
            {store.symbols.map((symbol) => (
              <option key={symbol} value={symbol}>
                {symbol}
              </option>
            ))}
          </select>
        </label>
        <label className="alert-form__field">
          <span>Condition</span>
          <select
            value={draft.kind}
            onChange={(e) => change({ kind: e.target.value as AlertKind })}
            data-testid="alert-kind"
          >
            {KINDS.map(({ kind, label }) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {draft.kind === 'move' ? (
        <div className="alert-form__row">
          <label className="alert-form__field">
            <span>Move (%)</span>
            <input
              ref={(el) => {
                fields.current.percent = el;
              }}
              data-autofocus
              inputMode="decimal"
              autoComplete="off"
              placeholder="2.5"
              value={draft.percent}
              onChange={(e) => change({ percent: e.target.value })}
              data-testid="alert-percent"
              {...invalid('percent')}
            />
          </label>
          <label className="alert-form__field">
            <span>Direction</span>
            <select value={draft.direction} onChange={(e) => change({ direction: e.target.value as MoveDirection })}>
              {DIRECTIONS.map(({ direction, label }) => (
                <option key={direction} value={direction}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="alert-form__field">
            <span>Within</span>
            <select value={draft.windowMs} onChange={(e) => change({ windowMs: Number(e.target.value) })}>
              {MOVE_WINDOWS_MS.map((ms) => (
                <option key={ms} value={ms}>
                  {windowLabel(ms)}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : (
        <label className="alert-form__field">
          <span>Price ({instrument.spec.quote})</span>
          <input
            ref={(el) => {
              fields.current.price = el;
            }}
            data-autofocus
            inputMode="decimal"
            autoComplete="off"
            placeholder={instrument.spec.tickSize}
            value={draft.price}
            onChange={(e) => {
              setPriceTouched(true);
              change({ price: e.target.value });
            }}
            data-testid="alert-price"
            {...invalid('price')}
          />
        </label>
      )}
      {hint && !errors.price && <p className="alert-form__hint">{hint}</p>}
      {(['price', 'percent'] as const).map((field) =>
        errors[field] ? (
          <p key={field} id={errorId(field)} className="alert-form__error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {errors[field]}
          </p>
        ) : null,
      )}
      <div className="alert-form__actions">
        <button type="submit" className="alerts-action alerts-action--primary" data-testid="alert-submit">
          {editing ? 'Save alert' : 'Create alert'}
        </button>
        {editing && (
          <button type="button" className="alerts-action" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** A cross whose level the price is already past only fires after the price comes back: say so before it is made. */
function crossHint(draft: AlertDraft, instrument: Instrument, last: Ticks | null): string | undefined {
  if (last === null || draft.kind === 'move') return undefined;
  const result = checkDraft(draft, instrument);
  if (!result.ok || result.condition.kind === 'move') return undefined;
  const level = result.condition.level;
  const now = formatPrice(instrument, last);
  if (draft.kind === 'above' && last >= level) {
    return `The price (${now}) is already at or above this level: the alert fires once it falls below it and rises back.`;
  }
  if (draft.kind === 'below' && last <= level) {
    return `The price (${now}) is already at or below this level: the alert fires once it rises above it and falls back.`;
  }
  return undefined;
}
