// Rendering components against a real MarketStore and a paper account linked to a FakePaperSocket.

import { render, type RenderResult } from '@testing-library/react';
import type { PaperAccount } from '@tickline/shared';
import type { ReactElement } from 'react';
import { MarketProvider } from '../hooks/MarketProvider.tsx';
import type { MarketStore } from '../market/store.ts';
import { accountTokens } from '../paper/account-token.ts';
import { AccountStore } from '../paper/account-store.ts';
import { PaperContext, type Paper } from '../paper/paper-context.ts';
import { linkPaperAccount } from '../paper/paper-link.ts';
import { FakePaperSocket } from './fake-paper-socket.ts';

export interface TestPaper {
  socket: FakePaperSocket;
  paper: Paper;
}

/** A paper account linked to a fake socket; when `account` is given the server has already sent it. */
export function testPaper(account?: PaperAccount): TestPaper {
  const socket = new FakePaperSocket();
  const store = new AccountStore();
  const paper = { store, requests: linkPaperAccount(socket, store, accountTokens(null)) };
  if (account) socket.sendAccount(account);
  return { socket, paper };
}

export function renderWithPaper(ui: ReactElement, store: MarketStore, paper: Paper): RenderResult {
  return render(
    <MarketProvider store={store}>
      <PaperContext value={paper}>{ui}</PaperContext>
    </MarketProvider>,
  );
}
