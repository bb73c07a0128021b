// The candle intervals a chart can ask for, by the names they carry on the wire and in the address bar.

export const CANDLE_INTERVALS = ['1s', '5s', '15s', '1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const INTERVAL_MS: Readonly<Record<CandleInterval, number>> = {
  '1s': SECOND,
  '5s': 5 * SECOND,
  '15s': 15 * SECOND,
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '1h': HOUR,
  '4h': 4 * HOUR,
  '1d': 24 * HOUR,
};

export function isCandleInterval(value: unknown): value is CandleInterval {
  return typeof value === 'string' && Object.hasOwn(INTERVAL_MS, value);
}

/** The interval whose length is `ms`, if it is one of ours. */
export function intervalForMs(ms: number): CandleInterval | undefined {
  return CANDLE_INTERVALS.find((name) => INTERVAL_MS[name] === ms);
}
