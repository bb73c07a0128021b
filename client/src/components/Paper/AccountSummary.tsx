// The account at a glance: equity, cash and what of it is free, P&L realized and not, fees. Equity and unrealized
// P&L follow the page's own books a few times a second (useLiveAccount); the rest changes with the account.

import type { PaperAccount } from '@tickline/shared';
import { memo } from 'react';
import { decimalTrend, formatMoneyAmount, formatPnl } from '../format.ts';
import { useLiveAccount } from './useLiveAccount.ts';

export function AccountSummary({ account }: { account: PaperAccount }) {
  // This host re-renders when a held market moves; the numbers below only when the sampled marks do.
  const live = useLiveAccount(account) ?? account;
  return <SummaryNumbers account={live} />;
}

const SummaryNumbers = memo(function SummaryNumbers({ account }: { account: PaperAccount }) {
  const money = (label: string, value: string, testId: string) => (
    <div className="paper-summary__stat">
      <dt>{label}</dt>
      <dd className="num" data-testid={testId}>
        {formatMoneyAmount(value)}
      </dd>
    </div>
  );
  const pnl = (label: string, value: string, testId: string) => (
    <div className="paper-summary__stat">
      <dt>{label}</dt>
      <dd className={`num trend-${decimalTrend(value)}`} data-testid={testId}>
        {formatPnl(value)}
      </dd>
    </div>
  );
  return (
    <dl className="paper-summary" data-testid="account-summary" aria-label={`Account in ${account.currency}`}>
      {money('Equity', account.equity, 'account-equity')}
      {money('Cash', account.cash, 'account-cash')}
      {money('Available', account.available, 'account-available')}
      {pnl('Unrealized P&L', account.unrealizedPnl, 'account-unrealized')}
      {pnl('Realized P&L', account.realizedPnl, 'account-realized')}
      {money('Fees', account.fees, 'account-fees')}
    </dl>
  );
});
