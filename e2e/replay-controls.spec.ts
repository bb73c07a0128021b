// Replay controls in a real browser against `npm start -- --feed replay` playing the recording shipped in docs/:
// the presenter pauses it (a viewer's header shows HALTED), jumps to another moment (the chart is marked), changes
// the speed, and plays on (live again).

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { REPO_ROOT, startTickline, type TicklineProcess } from './support/tickline-process.ts';

let tickline: TicklineProcess;
let browser: Browser;
let presenter: Page;
let viewer: Page;

beforeAll(async () => {
  tickline = await startTickline({
    args: ['--feed', 'replay', '--file', path.join(REPO_ROOT, 'docs/recordings/sim-3min.ndjson'), '--loop'],
    env: { TICKLINE_ADMIN_TOKEN: 'room-42' },
  });
  browser = await launchChromium();
  presenter = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  viewer = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  for (const page of [presenter, viewer]) {
    await page.goto(`${tickline.url}/?symbol=AAPL`);
    await page.waitForSelector('[data-testid="connection-status"][data-status="live"]');
  }
});

afterAll(async () => {
  await browser?.close();
  await tickline?.stop();
});

const header = (page: Page) => page.textContent('.app__header').then((t) => t ?? '');

describe('replay controls in the presenter panel', () => {
  it('pauses the replay for every viewer, jumps, changes speed and plays on', async () => {
    await presenter.click('[data-testid="presenter-toggle"]');
    await presenter.fill('[data-testid="presenter-token"]', 'room-42');
    await presenter.click('[data-testid="presenter-unlock"]');
    await presenter.waitForSelector('[data-testid="replay-controls"]');
    expect(await presenter.textContent('[data-testid="replay-controls"] legend')).toContain('sim-3min.ndjson');

    await presenter.click('[data-testid="replay-toggle"]');
    await expect.poll(() => header(viewer), { timeout: 3000 }).toMatch(/halted/i);
    expect(await presenter.textContent('[data-testid="replay-toggle"]')).toBe('Play');

    // A jump with the keyboard: End moves the slider to the recording's end; the release sends it.
    await presenter.focus('[data-testid="replay-position"]');
    await presenter.keyboard.press('Home');
    await expect
      .poll(() => presenter.textContent('[data-testid="presenter-status"]'), { timeout: 3000 })
      .toBe('Replay moved to 0:00');
    await presenter.selectOption('[data-testid="replay-speed"]', '5');
    await expect
      .poll(() => presenter.textContent('[data-testid="presenter-status"]'), { timeout: 3000 })
      .toBe('Replay speed set');

    await presenter.click('[data-testid="replay-toggle"]');
    await expect.poll(() => header(viewer), { timeout: 5000 }).not.toMatch(/halted/i);
    // At 5×, the playhead runs ahead of the wall clock: within three seconds it is past 0:10.
    await expect
      .poll(
        async () => {
          const text = (await presenter.textContent('[data-testid="replay-controls"] .presenter__replay-seek')) ?? '';
          const [m = '0', s = '0'] = text.split(' / ')[0]!.split(':');
          return Number(m) * 60 + Number(s);
        },
        { timeout: 5000 },
      )
      .toBeGreaterThanOrEqual(10);

    const artifacts = path.join(REPO_ROOT, 'e2e', '.artifacts');
    mkdirSync(artifacts, { recursive: true });
    await presenter.screenshot({ path: path.join(artifacts, 'replay-controls.png') });
  });
});
