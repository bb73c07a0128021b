// The public surface of @tickline/shared: the protocol contract and the pure market logic. No I/O here.

export * from './market/instrument.ts';
export * from './market/ring-buffer.ts';
export * from './market/order-book.ts';
export * from './market/sorted-search.ts';
export * from './market/candles.ts';
export * from './market/candle-history.ts';
export * from './market/intervals.ts';
export * from './market/trade.ts';
export * from './market/ticker.ts';
export * from './market/checksum.ts';
export * from './protocol/payloads.ts';
export * from './protocol/events.ts';
export * from './protocol/schemas.ts';
export * from './protocol/symbol-spec-schema.ts';
export * from './protocol/wire.ts';
export * from './replica/symbol-replica.ts';
export * from './retry/backoff.ts';
export * from './protocol/scenario.ts';
export * from './protocol/presenter.ts';
export * from './protocol/paper.ts';
export * from './trading/money.ts';
export * from './trading/order-check.ts';
export * from './trading/mark.ts';
export * from './protocol/replay.ts';
