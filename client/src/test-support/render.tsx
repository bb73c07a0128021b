// Rendering components against a real MarketStore, and letting its pending frame happen inside act().

import { act, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MarketProvider } from '../hooks/MarketProvider.tsx';
import type { ManualScheduler } from '../market/frame-scheduler.ts';
import type { MarketStore } from '../market/store.ts';

export function renderWithStore(ui: ReactElement, store: MarketStore): RenderResult {
  return render(<MarketProvider store={store}>{ui}</MarketProvider>);
}

/** Runs the frame the store scheduled, as the browser would, and lets React commit what it causes. */
export function nextFrame(frames: ManualScheduler): void {
  act(() => {
    frames.flush();
  });
}
