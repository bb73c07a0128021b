// The alerts drawer: a modal dialog with the form and the list. Focus stays inside while it is open, Esc closes it,
// and focus goes back to whatever opened it.

import { useEffect, useId, useRef, useState } from 'react';
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
    return () => opener?.focus();
  }, []);

  // The first field on opening and after each create or edit (the button pressed is gone with the old form).
  useEffect(() => {
    (dialog.current?.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.current)?.focus();
  }, [formKey, editing]);

  // On the document, in the capture phase: Esc and Tab work wherever focus is (a removed button leaves it on the
  // body), and Esc is taken before the toasts' own Esc sees it.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      } else if (event.key === 'Tab' && dialog.current) {
        trapTab(event, dialog.current);
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [onClose]);

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

/** Keeps Tab inside `dialog`: past the last control to the first, before the first to the last, and back in from
 * anywhere outside. */
function trapTab(event: KeyboardEvent, dialog: HTMLElement): void {
  const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  const inside = active instanceof Node && dialog.contains(active) && active !== dialog;
  if (!inside) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  } else if (event.shiftKey && active === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
