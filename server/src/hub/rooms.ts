// Room naming: one Socket.IO room per symbol, prefixed so symbol names can never collide with socket ids or
// with rooms added later (tickers, alerts).

export const roomOf = (symbol: string): string => `symbol:${symbol}`;
