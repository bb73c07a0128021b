// The gate in a real browser: the built dashboard runs under the server's Content-Security-Policy with no violation,
// and a page served from another origin cannot open the stream unless that origin is allowed.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { freePort, startTickline, type TicklineProcess } from './support/tickline-process.ts';

let tickline: TicklineProcess;
let browser: Browser;
let allowedSite: Server;
let foreignSite: Server;

/** A tiny site on its own port: another origin as far as the browser is concerned. */
async function startSite(): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>another site</title><p>hello</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const siteUrl = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

beforeAll(async () => {
  allowedSite = await startSite();
  foreignSite = await startSite();
  tickline = await startTickline({
    port: await freePort(),
    args: ['--seed', '1', '--allowed-origins', siteUrl(allowedSite)],
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tickline?.stop();
  allowedSite?.close();
  foreignSite?.close();
});

describe('the Content-Security-Policy', () => {
  it('lets the built dashboard run with no violation, live prices included', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(err.message));
    // Recorded in the page from its first instant: every violation the browser reports, whatever blocked.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(tickline.url);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.waitForSelector('[data-testid="connection-status"][data-status="live"]', { timeout: 15_000 });
    await page.waitForFunction(
      () => {
        const prices = [...document.querySelectorAll('[data-testid="last-price"]')];
        return prices.length > 0 && prices.every((el) => /\d/.test(el.textContent ?? ''));
      },
      undefined,
      { timeout: 15_000 },
    );
    // The chart draws from a lazily loaded chunk: let it render before looking for violations.
    await page.waitForSelector('.recharts-surface', { timeout: 15_000 });
    const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('another origin', () => {
  /** Opens a WebSocket to Tickline's Engine.IO endpoint from a page of `site`; resolves how it went. */
  async function openFrom(site: Server): Promise<string> {
    const page: Page = await browser.newPage();
    try {
      await page.goto(siteUrl(site));
      const target = `${tickline.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
      return await page.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(url);
            ws.onmessage = (e) => {
              resolve(`open: ${String(e.data).slice(0, 1)}`); // Engine.IO's open packet is "0{...}"
              ws.close();
            };
            ws.onerror = () => resolve('refused');
          }),
        target,
      );
    } finally {
      await page.close();
    }
  }

  it('cannot open the socket from a page of a foreign origin', async () => {
    expect(await openFrom(foreignSite)).toBe('refused');
  });

  it('can from an origin in --allowed-origins (the same page, the same browser)', async () => {
    expect(await openFrom(allowedSite)).toBe('open: 0');
  });
});
