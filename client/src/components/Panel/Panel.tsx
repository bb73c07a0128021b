// The frame every dashboard panel sits in: a titled header with optional extras on the right, then the body.

import type { HTMLAttributes, ReactNode } from 'react';
import './Panel.css';

interface PanelProps extends HTMLAttributes<HTMLElement> {
  title: string;
  /** Shown at the right of the header (a count, a unit, a badge). */
  aside?: ReactNode;
  children: ReactNode;
}

export function Panel({ title, aside, children, className, ...rest }: PanelProps) {
  return (
    <section className={className ? `panel ${className}` : 'panel'} aria-label={title} {...rest}>
      <header className="panel__header">
        <h2 className="panel__title">{title}</h2>
        {aside === undefined ? null : <div className="panel__aside">{aside}</div>}
      </header>
      <div className="panel__body">{children}</div>
    </section>
  );
}
