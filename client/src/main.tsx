// The composition root: load the symbol list, build the store and the connection, render the dashboard.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { StartupError } from './components/StartupError/StartupError.tsx';
import { MarketProvider } from './hooks/MarketProvider.tsx';
import { refusalMessage, TOKEN_HINT } from './market/connect-refusal.ts';
import { connectMarket, createMarketSocket } from './market/connection.ts';
import { immediately, nextAnimationFrame, timedScheduler, type FrameScheduler } from './market/frame-scheduler.ts';
import { MarketStore } from './market/store.ts';
import { accountTokens } from './paper/account-token.ts';
import { AccountStore } from './paper/account-store.ts';
import { PaperContext, type Paper } from './paper/paper-context.ts';
import { handshakeAuth, linkPaperAccount } from './paper/paper-link.ts';
import { PresenterContext } from './presenter/presenter-context.ts';
import { PresenterLink } from './presenter/presenter-link.ts';
import { loadSymbolSpecs, ViewerTokenError } from './market/symbol-specs.ts';
import { browserTokenPlaces, takeViewerToken } from './market/viewer-token.ts';
import { bindTabTitle } from './workspace/tab-title.ts';
import { bindUrlState } from './workspace/url-state.ts';
import './styles.css';

async function start(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  // Before anything else reads the address: the token leaves the address bar at once.
  const token = takeViewerToken(browserTokenPlaces());
  let store: MarketStore;
  try {
    store = new MarketStore(await loadSymbolSpecs('/api/symbols', fetch, token), {
      schedule: benchmarkScheduler(window.location.search),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    root.render(<StartupError message={message} hint={error instanceof ViewerTokenError ? TOKEN_HINT : undefined} />);
    return;
  }
  // Before the first render, so a link to ETH-USD never draws BTC-USD first.
  const unbindUrl = bindUrlState(store, window);
  const unbindTitle = bindTabTitle(store, document, {
    now: () => performance.now(),
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
  });
  // The auth is asked for at every (re)connect, so a paper account opened on this connection is the one presented
  // on the next.
  const tokens = accountTokens();
  const socket = createMarketSocket(undefined, { auth: handshakeAuth(token, tokens) });
  const connection = connectMarket(store, socket);
  const accountStore = new AccountStore();
  const paper: Paper = { store: accountStore, requests: linkPaperAccount(socket, accountStore, tokens) };
  // A viewer opened from the presenter's link (?follow=1) follows from the start.
  const presenter = new PresenterLink(socket, store, {
    following: new URLSearchParams(window.location.search).get('follow') === '1',
  });
  // A refused token is not retried by Socket.IO; the status bar would just say offline, so say why instead.
  socket.on('connect_error', (error) => {
    const message = refusalMessage(error);
    if (message === undefined) return;
    connection.close();
    root.render(<StartupError message={message} hint={TOKEN_HINT} />);
  });
  // A hot update re-runs this module; the old socket must go with the old store.
  import.meta.hot?.dispose(() => {
    connection.close();
    unbindUrl();
    unbindTitle();
    root.unmount();
  });
  root.render(
    <StrictMode>
      <MarketProvider store={store}>
        <PresenterContext value={presenter}>
          <PaperContext value={paper}>
            <App />
          </PaperContext>
        </PresenterContext>
      </MarketProvider>
    </StrictMode>,
  );
}

/**
 * The browser benchmark (e2e/bench/browser) loads the page with `?render=frame` (the default scheduling, each
 * notification timed) or `?render=eager` (timed, and one notification per change); any other page gets the default.
 */
function benchmarkScheduler(search: string): FrameScheduler | undefined {
  const render = new URLSearchParams(search).get('render');
  if (render === 'frame') return timedScheduler(nextAnimationFrame, 'tickline:notify');
  if (render === 'eager') return timedScheduler(immediately, 'tickline:notify');
  return undefined;
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
void start(container);
