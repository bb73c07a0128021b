// The presenter's controls behind a header button (the panel: PresenterPanel.tsx); Esc or a click outside closes
// them.

import { useCallback, useId, useRef, useState } from 'react';
import { useDismiss } from '../../workspace/useDismiss.ts';
import { PresenterPanel } from './PresenterPanel.tsx';
import './Presenter.css';

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
