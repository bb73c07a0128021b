// The composition root: load the symbol list, build the store and the connection, render the dashboard.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { StartupError } from './components/StartupError/StartupError.tsx';
import { MarketProvider } from './hooks/MarketProvider.tsx';
import { connectMarket, createMarketSocket } from './market/connection.ts';
import { MarketStore } from './market/store.ts';
import { loadSymbolSpecs } from './market/symbol-specs.ts';
import './styles.css';

async function start(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  let store: MarketStore;
  try {
    store = new MarketStore(await loadSymbolSpecs());
  } catch (error) {
    root.render(<StartupError message={error instanceof Error ? error.message : String(error)} />);
    return;
  }
  const connection = connectMarket(store, createMarketSocket());
  // A hot update re-runs this module; the old socket must go with the old store.
  import.meta.hot?.dispose(() => {
    connection.close();
    root.unmount();
  });
  root.render(
    <StrictMode>
      <MarketProvider store={store}>
        <App />
      </MarketProvider>
    </StrictMode>,
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
void start(container);
