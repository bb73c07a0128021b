// The dashboard layout: markets on the left, the selected symbol's chart in the middle over its tape and the paper
// trading panel, its book on the right; on a phone, one panel at a time behind tabs. Also the page's keyboard
// shortcuts and their overlay.

import type { OrderSide } from '@tickline/shared';
import { useCallback, useState } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { AlertsButton } from './components/Alerts/AlertsButton.tsx';
import { AlertToasts } from './components/Alerts/AlertToasts.tsx';
import { OrderBook } from './components/OrderBook/OrderBook.tsx';
import { TradePanel } from './components/Paper/TradePanel.tsx';
import { Announcements, FollowToggle } from './components/Presenter/Announcements.tsx';
import { JoinOverlay } from './components/Presenter/JoinOverlay.tsx';
import { PresenterButton } from './components/Presenter/PresenterButton.tsx';
import { PriceChart } from './components/PriceChart/PriceChart.tsx';
import { StatusBar } from './components/StatusBar/StatusBar.tsx';
import { TradeTape } from './components/TradeTape/TradeTape.tsx';
import { Watchlist } from './components/Watchlist/Watchlist.tsx';
import { useMoveSelection } from './components/Watchlist/useWatchlist.ts';
import { FreshnessBadge } from './components/FreshnessBadge/FreshnessBadge.tsx';
import { LogoMark } from './components/LogoMark/LogoMark.tsx';
import { ShortcutsHelp } from './components/ShortcutsHelp/ShortcutsHelp.tsx';
import { ThemeToggle } from './components/ThemeToggle/ThemeToggle.tsx';
import { useFreshness } from './hooks/useFreshness.ts';
import { useSelectedSymbol } from './hooks/useSelectedSymbol.ts';
import { useInstrument } from './hooks/useSymbols.ts';
import { requestTicket } from './paper/ticket-requests.ts';
import { SEARCH_SELECTOR } from './workspace/shortcuts.ts';
import { usePresentation, usePresentationCycle } from './workspace/usePresentation.ts';
import { useShortcuts } from './workspace/useShortcuts.ts';
import './App.css';

/** The panels a phone shows one at a time, by the tab that shows each. */
export const PHONE_TABS = [
  { id: 'chart', label: 'Chart' },
  { id: 'book', label: 'Book' },
  { id: 'paper', label: 'Paper' },
  { id: 'trades', label: 'Trades' },
  { id: 'markets', label: 'Markets' },
] as const;
export type PhoneTab = (typeof PHONE_TABS)[number]['id'];

export function App() {
  const [helpOpen, setHelpOpen] = useState(false);
  const [tab, setTab] = useState<PhoneTab>('chart');
  const focusSearch = useCallback((): boolean => {
    const search = document.querySelector<HTMLElement>(SEARCH_SELECTOR);
    if (!search) return false;
    // On a phone the search sits in the Markets tab: show it now, or focus would land on a hidden box.
    flushSync(() => setTab('markets'));
    search.focus();
    return true;
  }, []);
  const openTicket = useCallback((side: OrderSide): boolean => {
    // On a phone the ticket sits in the Paper tab: show it now, or focus would land on a hidden field.
    flushSync(() => setTab('paper'));
    return requestTicket(side);
  }, []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  const moveSymbol = useMoveSelection();
  const [presentation, setPresent] = usePresentation();
  const { present } = presentation;
  usePresentationCycle(presentation);
  useShortcuts({ helpOpen, setHelpOpen, focusSearch, moveSymbol, present, setPresent, openTicket });
  return (
    // Presenting, App.css gives the chart and its headline the page in big type, and hides the other panels and
    // the controls.
    <div className="app" data-present={present}>
      <AppHeader onHelp={() => setHelpOpen(true)} present={present} onPresent={setPresent} />
      <PanelTabs tab={tab} onChange={setTab} />
      <main className="app__grid" data-tab={tab}>
        <Watchlist />
        <PriceChart />
        <OrderBook />
        <TradeTape />
        <TradePanel />
      </main>
      <StatusBar />
      <AlertToasts />
      <Announcements />
      {helpOpen ? <ShortcutsHelp onClose={closeHelp} /> : null}
    </div>
  );
}

function AppHeader({
  onHelp,
  present,
  onPresent,
}: {
  onHelp: () => void;
  present: boolean;
  onPresent: (present: boolean) => void;
}) {
  const symbol = useSelectedSymbol();
  const { name, assetClass } = useInstrument(symbol).spec;
  const freshness = useFreshness(symbol);
  return (
    <header className="app__header">
      <span className="app__brand">
        <LogoMark size={22} />
        <span className="app__brand-name">Tickline</span>
      </span>
      <span className="app__divider" aria-hidden="true" />
      <h1 className="app__symbol" data-testid="selected-symbol">
        {symbol}
      </h1>
      <span className="app__symbol-name">{name}</span>
      <span className="app__badge">{assetClass}</span>
      <FreshnessBadge symbol={symbol} freshness={freshness} />
      <span className="app__tools">
        {present ? <JoinButton /> : null}
        <button
          type="button"
          className="header-button app__present"
          data-testid="present-toggle"
          aria-pressed={present}
          title={present ? 'Leave presentation mode (Esc)' : 'Presentation mode: big type for a room (p)'}
          onClick={() => onPresent(!present)}
        >
          <span aria-hidden="true">{present ? '✕' : '▣'}</span>
          <span className="header-button__label">{present ? 'Leave' : 'Present'}</span>
        </button>
        <FollowToggle />
        <PresenterButton />
        <AlertsButton />
        <ThemeToggle />
        <button
          type="button"
          className="header-button"
          data-testid="shortcuts-toggle"
          aria-haspopup="dialog"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={onHelp}
        >
          <kbd aria-hidden="true">?</kbd>
          <span className="header-button__label">Shortcuts</span>
        </button>
      </span>
    </header>
  );
}

/** In presentation mode: shows the room how to follow along (the viewer address and its QR code). */
function JoinButton() {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <button
        type="button"
        className="header-button app__present"
        data-testid="join-toggle"
        aria-haspopup="dialog"
        title="Show the room how to follow along"
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">⌗</span>
        <span className="header-button__label">Join</span>
      </button>
      {/* On the body: inside the header's tools, presentation mode's CSS would hide it with the other controls. */}
      {open ? createPortal(<JoinOverlay onClose={close} />, document.body) : null}
    </>
  );
}

/** Shown only on narrow screens (App.css); on wider ones every panel is on screen at once. */
function PanelTabs({ tab, onChange }: { tab: PhoneTab; onChange: (tab: PhoneTab) => void }) {
  return (
    <nav className="app__tabs" aria-label="Panels" data-testid="panel-tabs">
      {PHONE_TABS.map(({ id, label }) => (
        <button
          key={id}
          type="button"
          className="app__tab"
          aria-pressed={tab === id}
          data-tab={id}
          onClick={() => onChange(id)}
        >
          {label}
        </button>
      ))}
    </nav>
  );
}
