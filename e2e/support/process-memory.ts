// The resident memory of a server started by startTickline: the largest process of its process group (npm is
// there too, but small and flat). Linux /proc only, as the machines this runs on are.

import { readdirSync, readFileSync } from 'node:fs';

/** RSS in bytes of the largest process whose process group is `pgid`. */
export function groupPeakProcessRss(pgid: number): number {
  let largest = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command (which may hold spaces) start after its closing parenthesis; pgrp is the 3rd.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const rssPages = Number(readFileSync(`/proc/${entry}/statm`, 'utf8').split(' ')[1]);
      largest = Math.max(largest, rssPages * 4096);
    } catch {
      // the process went away meanwhile
    }
  }
  return largest;
}
