// The paper trading panel: the order ticket for the selected market beside the account (its summary, positions,
// open orders and fills). It renders when the account changes or the selection does; only the live P&L parts
// follow the market, a few times a second.

import { useState } from 'react';
import { useSelectedSymbol } from '../../hooks/useSelectedSymbol.ts';
import { useInstrument } from '../../hooks/useSymbols.ts';
import { useAccountState, usePaper } from '../../paper/paper-context.ts';
import { Panel } from '../Panel/Panel.tsx';
import { AccountSummary } from './AccountSummary.tsx';
import { FillsTable } from './FillsTable.tsx';
import { OpenOrders } from './OpenOrders.tsx';
import { OrderTicket } from './OrderTicket.tsx';
import { PaperStatus } from './PaperStatus.tsx';
import { PositionsTable } from './PositionsTable.tsx';
import { ResetAccount } from './ResetAccount.tsx';
import './Paper.css';

export const ACCOUNT_TABS = [
  { id: 'positions', label: 'Positions' },
  { id: 'orders', label: 'Open orders' },
  { id: 'fills', label: 'Fills' },
] as const;
export type AccountTab = (typeof ACCOUNT_TABS)[number]['id'];

export function TradePanel() {
  const paper = usePaper();
  const { account, online } = useAccountState();
  const symbol = useSelectedSymbol();
  const instrument = useInstrument(symbol);
  const [tab, setTab] = useState<AccountTab>('positions');
  const counts: Record<AccountTab, number | undefined> = {
    positions: account?.positions.length,
    orders: account?.openOrders.length,
    fills: account?.fills.length,
  };

  return (
    <Panel
      title="Paper trading"
      className="paper"
      data-testid="paper-panel"
      data-online={online}
      aside={<PaperStatus />}
    >
      <div className="paper__body">
        {/* A fresh ticket per market: a size typed for BTC means nothing for AAPL. */}
        <OrderTicket
          key={symbol}
          symbol={symbol}
          instrument={instrument}
          account={account}
          online={online}
          requests={paper?.requests ?? null}
        />
        <div className="paper__account">
          {account ? (
            <>
              <AccountSummary account={account} />
              {paper ? (
                <ResetAccount
                  startingCash={account.startingCash}
                  currency={account.currency}
                  requests={paper.requests}
                />
              ) : null}
              <div className="paper__tabs" role="group" aria-label="Account views">
                {ACCOUNT_TABS.map(({ id, label }) => (
                  <button
                    key={id}
                    type="button"
                    className="paper__tab"
                    aria-pressed={tab === id}
                    data-tab={id}
                    data-testid={`paper-tab-${id}`}
                    onClick={() => setTab(id)}
                  >
                    {label}
                    {counts[id] ? <span className="paper__count num"> {counts[id]}</span> : null}
                  </button>
                ))}
              </div>
              <div className="paper__view" data-view={tab}>
                {tab === 'positions' ? <PositionsTable account={account} /> : null}
                {tab === 'orders' ? (
                  <OpenOrders orders={account.openOrders} requests={paper?.requests ?? null} />
                ) : null}
                {tab === 'fills' ? <FillsTable fills={account.fills} /> : null}
              </div>
            </>
          ) : (
            <p className="paper-empty" data-testid="paper-waiting">
              {paper ? 'Opening your paper account…' : 'Paper trading is not connected.'}
            </p>
          )}
        </div>
      </div>
    </Panel>
  );
}
