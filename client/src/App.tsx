// The dashboard layout: markets on the left, the selected symbol's chart and tape in the middle, its book on the right.

import { AlertsButton } from './components/Alerts/AlertsButton.tsx';
import { AlertToasts } from './components/Alerts/AlertToasts.tsx';
import { OrderBook } from './components/OrderBook/OrderBook.tsx';
import { PriceChart } from './components/PriceChart/PriceChart.tsx';
import { StatusBar } from './components/StatusBar/StatusBar.tsx';
import { TradeTape } from './components/TradeTape/TradeTape.tsx';
import { Watchlist } from './components/Watchlist/Watchlist.tsx';
import { FreshnessBadge } from './components/FreshnessBadge/FreshnessBadge.tsx';
import { LogoMark } from './components/LogoMark/LogoMark.tsx';
import { useFreshness } from './hooks/useFreshness.ts';
import { useSelectedSymbol } from './hooks/useSelectedSymbol.ts';
import { useInstrument } from './hooks/useSymbols.ts';
import './App.css';

export function App() {
  return (
    <div className="app">
      <AppHeader />
      <main className="app__grid">
        <Watchlist />
        <PriceChart />
        <OrderBook />
        <TradeTape />
      </main>
      <StatusBar />
      <AlertToasts />
    </div>
  );
}

function AppHeader() {
  const symbol = useSelectedSymbol();
  const { name, assetClass } = useInstrument(symbol).spec;
  const freshness = useFreshness(symbol);
  return (
    <header className="app__header">
      <span className="app__brand">
        <LogoMark size={22} />
        Tickline
      </span>
      <span className="app__divider" aria-hidden="true" />
      <h1 className="app__symbol" data-testid="selected-symbol">
        {symbol}
      </h1>
      <span className="app__symbol-name">{name}</span>
      <span className="app__badge">{assetClass}</span>
      <FreshnessBadge symbol={symbol} freshness={freshness} />
      <AlertsButton />
    </header>
  );
}
