// The alerts drawer: a modal dialog with the form and the list. Focus stays inside while it is open, Esc closes it,
// and focus goes back to whatever opened it.

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Alert } from '../../alerts/alert-model.ts';
import { draftOf, newDraft, type AlertDraft } from '../../alerts/alert-draft.ts';
import { unlockAudio } from '../../alerts/beep.ts';
import { useMarketStore } from '../../hooks/market-context.ts';
import { AlertForm } from './AlertForm.tsx';
import { AlertList } from './AlertList.tsx';
import { useAlertCenter, useAlertSound } from './useAlertCenter.ts';

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface AlertsDialogProps {
  /** The form's starting fields (a request from the chart or the watchlist, or the selected symbol). */
  initial: AlertDraft;
  onClose: () => void;
}

export function AlertsDialog({ initial, onClose }: AlertsDialogProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const store = useMarketStore();
  const center = useAlertCenter();
  const sound = useAlertSound();
  const [editing, setEditing] = useState<Alert | undefined>();
  // Re-keyed after every create or edit, so the form starts again from clean fields.
  const [formKey, setFormKey] = useState(0);
  const [fresh, setFresh] = useState(initial);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const first = dialog.current?.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.current;
    first?.focus();
    return () => opener?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault(); // the toasts' Esc is for when no dialog is open
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const done = () => {
    setEditing(undefined);
    // The next alert starts on the same symbol, from its price now.
    const symbol = fresh.symbol;
    setFresh(newDraft(symbol, store.instrument(symbol), store.replica(symbol).ticker.last));
    setFormKey((k) => k + 1);
  };

  return (
    <div className="alerts-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={dialog}
        className="alerts-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid="alerts-dialog"
      >
        <header className="alerts-dialog__header">
          <h2 id={titleId} className="alerts-dialog__title">
            Price alerts
          </h2>
          <label className="alerts-dialog__sound">
            <input
              type="checkbox"
              checked={sound}
              onChange={(e) => {
                if (e.target.checked) unlockAudio();
                center.setSound(e.target.checked);
              }}
            />
            Sound
          </label>
          <button type="button" className="alerts-action" onClick={onClose} aria-label="Close alerts">
            ✕
          </button>
        </header>
        <h3 className="alerts-dialog__section">{editing ? 'Edit alert' : 'New alert'}</h3>
        <AlertForm
          key={editing ? `edit-${editing.id}` : `new-${formKey}`}
          initial={editing ? draftOf(editing, store.instrument(editing.symbol)) : fresh}
          editing={editing}
          onDone={done}
        />
        <h3 className="alerts-dialog__section">Your alerts</h3>
        <AlertList onEdit={setEditing} />
      </div>
    </div>
  );
}
