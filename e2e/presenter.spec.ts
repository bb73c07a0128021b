// The presenter's controls in a real browser against the real server: unlocked with the admin token, a Halt
// click shows HALTED on the presenter's page and on a viewer's within a second, and Resume reopens trading.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { startTickline, type TicklineProcess } from './support/tickline-process.ts';

let tickline: TicklineProcess;
let browser: Browser;
let presenter: Page;
let viewer: Page;

beforeAll(async () => {
  tickline = await startTickline({ args: ['--seed', '1'], env: { TICKLINE_ADMIN_TOKEN: 'room-42' } });
  browser = await launchChromium();
  // Two contexts: two browsers, as a presenter's laptop and someone in the audience.
  presenter = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  viewer = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  for (const page of [presenter, viewer]) {
    await page.goto(`${tickline.url}/?symbol=ETH-USD`);
    await page.waitForSelector('[data-testid="connection-status"][data-status="live"]');
  }
});

afterAll(async () => {
  await browser?.close();
  await tickline?.stop();
});

const headerBadge = (page: Page) => page.locator('.app__header [data-testid="freshness-badge"]').first();

describe('presenter controls', () => {
  it('refuses a wrong token, saying so, and unlocks with the right one', async () => {
    await presenter.click('[data-testid="presenter-toggle"]');
    await presenter.fill('[data-testid="presenter-token"]', 'guess');
    await presenter.click('[data-testid="presenter-unlock"]');
    await expect.poll(() => presenter.textContent('[data-testid="presenter-status"]')).toMatch(/wrong admin token/i);
    await presenter.fill('[data-testid="presenter-token"]', 'room-42');
    await presenter.click('[data-testid="presenter-unlock"]');
    await presenter.waitForSelector('[data-scenario="halt"]');
  });

  it('halts the selected market on every screen within a second, and resumes it', async () => {
    await presenter.click('[data-scenario="halt"]');
    const clicked = Date.now();
    await viewer.waitForFunction(
      () => /halted/i.test(document.querySelector('.app__header')?.textContent ?? ''),
      undefined,
      { timeout: 2000 },
    );
    expect(Date.now() - clicked).toBeLessThan(1000);
    expect(await headerBadge(presenter).textContent()).toMatch(/halted/i);
    expect(await presenter.textContent('[data-testid="presenter-status"]')).toBe('Halt: sent for ETH-USD');

    await presenter.click('[data-scenario="resume"]');
    await viewer.waitForFunction(
      () => !/halted/i.test(document.querySelector('.app__header')?.textContent ?? ''),
      undefined,
      { timeout: 2000 },
    );
  });
});
