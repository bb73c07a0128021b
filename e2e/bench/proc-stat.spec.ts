// Reading another process's cost from /proc (pure parsing of its stat and status files).

import { describe, expect, it } from 'vitest';
import { parseProcStatTicks, parseVmRssBytes } from './proc-stat.ts';

describe('/proc parsing', () => {
  it('adds utime and stime (fields 14 and 15) of a stat line', () => {
    const line = '5405 (redis-server) S 1 5405 5405 0 -1 4194624 263 0 0 0 120 87 0 0 20 0 5 0 33950 66456 2119 rest';
    expect(parseProcStatTicks(line)).toBe(207);
  });

  it('finds the fields after a command name holding spaces and parentheses', () => {
    const line = '42 (a (weird) name) R 1 42 42 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 1 1 1';
    expect(parseProcStatTicks(line)).toBe(10);
  });

  it('refuses a line that is not a stat line', () => {
    expect(() => parseProcStatTicks('nonsense')).toThrow(/not a \/proc/);
  });

  it('reads VmRSS in bytes from a status file', () => {
    expect(parseVmRssBytes('Name:\tredis-server\nVmPeak:\t  70000 kB\nVmRSS:\t    8476 kB\nThreads:\t5\n')).toBe(
      8476 * 1024,
    );
  });
});
