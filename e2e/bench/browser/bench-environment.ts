// What every browser benchmark records about where it ran: the page's size and the machine, so two artifacts can be
// told apart before their figures are compared.

import os from 'node:os';

export const VIEWPORT = { width: 1280, height: 720 };

export function benchEnvironment(chromium: string) {
  return {
    chromium,
    cpus: os.cpus().length,
    node: process.version,
    viewport: `${VIEWPORT.width}x${VIEWPORT.height}`,
    headless: true as const,
  };
}
