// The dashboard scanned by axe-core (injected into the real page): the main view in both themes, the shortcuts overlay
// and each tab of the phone layout, with no serious or critical violation.

import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { connectionStatus } from './support/page-state.ts';
import { startTickline, type TicklineProcess } from './support/tickline-process.ts';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let tickline: TicklineProcess;
let browser: Browser;
let page: Page;

/** Injects axe (and stills transitions) into a page that shows live data. */
async function prepare(p: Page): Promise<void> {
  await p.goto(tickline.url);
  await p.waitForSelector(connectionStatus('live'), { timeout: 15_000 });
  await p.waitForSelector('[data-testid="trade-row"]', { state: 'attached', timeout: 15_000 });
  await p.addScriptTag({ path: AXE_SOURCE });
  // Colours measured mid-transition (a price turning from green to red) are a blend that no reader dwells on.
  await p.addStyleTag({ content: '*, *::before, *::after { transition: none !important; }' });
}

// Reduced motion: a price flash caught half-way would make colour contrast depend on timing. bypassCSP: the page's
// policy rightly refuses inline scripts, and axe arrives as one.
const CONTEXT = { reducedMotion: 'reduce', bypassCSP: true } as const;

beforeAll(async () => {
  tickline = await startTickline({ args: ['--seed', '1'] });
  browser = await launchChromium();
  page = await (await browser.newContext({ ...CONTEXT, viewport: { width: 1280, height: 720 } })).newPage();
  await prepare(page);
});

afterAll(async () => {
  await browser?.close();
  await tickline?.stop();
});

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  /** Each element, with what axe measured (colours and ratio, for a contrast failure). */
  targets: string[];
}

/** axe's violations of impact serious or critical, each with the elements it names. */
function seriousViolations(p: Page): Promise<Finding[]> {
  return p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; any: { data?: unknown }[] }[];
      }[];
    }
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => `${n.target.join(' ')} ${JSON.stringify(n.any[0]?.data ?? '')}`),
      }));
  });
}

describe('accessibility of the main view', () => {
  it.each(['dark', 'light'])('has no serious or critical axe violation in the %s theme', async (theme) => {
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) {
      await page.click('[data-testid="theme-toggle"]');
    }
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('has none with the shortcuts overlay open', async () => {
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid="shortcuts-help"]');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('has none on a phone, on any of its tabs', async () => {
    const phone = await (await browser.newContext({ ...CONTEXT, viewport: { width: 390, height: 844 } })).newPage();
    await prepare(phone);
    const found: Record<string, Finding[]> = {};
    for (const tab of ['chart', 'book', 'paper', 'trades', 'markets']) {
      await phone.click(`[data-testid="panel-tabs"] button[data-tab="${tab}"]`);
      found[tab] = await seriousViolations(phone);
    }
    expect(found).toEqual({ chart: [], book: [], paper: [], trades: [], markets: [] });
  });
});
