// The account tables' number cells: prices and sizes at their symbol's precision, money to the cent, P&L coloured
// by its sign.

import type { Instrument } from '@tickline/shared';
import { decimalTrend, formatMoneyAmount, formatPnl, formatPriceText, formatSizeText } from '../format.ts';

export function PriceCell({ instrument, value }: { instrument: Instrument | undefined; value: string | null }) {
  return <td className="num">{value === null ? '—' : instrument ? formatPriceText(instrument, value) : value}</td>;
}

export function SizeCell({ instrument, value }: { instrument: Instrument | undefined; value: string }) {
  return <td className="num">{instrument ? formatSizeText(instrument, value) : value}</td>;
}

export function MoneyCell({ value }: { value: string }) {
  return <td className="num">{formatMoneyAmount(value)}</td>;
}

export function PnlCell({ value, testId }: { value: string | null; testId?: string }) {
  return (
    <td className={`num trend-${decimalTrend(value)}`} data-testid={testId}>
      {value === null ? '—' : formatPnl(value)}
    </td>
  );
}
