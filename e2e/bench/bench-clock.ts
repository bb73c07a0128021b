// The clock every bench process shares: CLOCK_MONOTONIC, the same for all processes on this machine, in ms with
// sub-ms precision. The feed stamps each update with it and the load generator, another process, subtracts that
// stamp from its own reading: tick-to-client latency with no clock synchronization at all.

export const benchNow = (): number => Number(process.hrtime.bigint()) / 1e6;

/** A stamp rounded to the microsecond: enough precision, and as many digits on the wire as an epoch-ms time. */
export const toStamp = (ms: number): number => Math.round(ms * 1000) / 1000;
