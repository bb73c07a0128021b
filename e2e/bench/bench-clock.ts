// The clock every bench process shares: CLOCK_MONOTONIC, the same for all processes on this machine, in ms with
// sub-ms precision. The feed stamps each update with it and the load generator, another process, subtracts that
// stamp from its own reading: tick-to-client latency with no clock synchronization at all.
// It is offset to the size of an epoch-ms time, so times on the wire have as many digits as in production.
const EPOCH_SIZED = 1_700_000_000_000;
export const benchNow = (): number => EPOCH_SIZED + Number(process.hrtime.bigint()) / 1e6;

/**
 * A stamp in whole ms, rounded down, as a venue's trade time is: every server under test sends the same integers
 * (Tickline keeps trade times in whole ms), and latency measured from it errs by under 1 ms, on the slow side.
 */
export const toStamp = (ms: number): number => Math.floor(ms);
