// The list of keyboard shortcuts, drawn from the same table the key handler reads.

import { useEffect, useRef } from 'react';
import { CHART_SHORTCUTS, SHORTCUTS } from '../../workspace/shortcuts.ts';
import './ShortcutsHelp.css';

/** A modal dialog: focus moves into it and returns where it was when it closes (Esc, the button, the backdrop). */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="shortcuts-help__backdrop" onClick={onClose}>
      <div
        className="shortcuts-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-help-title"
        data-testid="shortcuts-help"
        onClick={(event) => event.stopPropagation()}
        // The close button is the one control inside: Tab stays on it rather than leaving the modal.
        onKeyDown={(event) => {
          if (event.key === 'Tab') event.preventDefault();
        }}
      >
        <div className="shortcuts-help__header">
          <h2 id="shortcuts-help-title" className="shortcuts-help__title">
            Keyboard shortcuts
          </h2>
          <button ref={close} type="button" className="shortcuts-help__close" onClick={onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </div>
        <table className="shortcuts-help__table">
          <tbody>
            {[...SHORTCUTS, ...CHART_SHORTCUTS].map((s) => (
              <tr key={s.label}>
                <th scope="row">
                  <kbd>{s.label}</kbd>
                </th>
                <td>{s.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
