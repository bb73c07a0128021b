import { describe, expect, it } from 'vitest';
import { PageTitle } from './page-title.ts';

describe('PageTitle', () => {
  it('keeps a fired alert in front of the page title while the price in it updates, until the flag is lowered', () => {
    const doc = { title: 'Tickline' };
    const title = new PageTitle(doc);
    title.setBase('64,250.50 BTC-USD · Tickline');
    title.setFlag('BTC-USD ↑ 64,250.50');
    title.setBase('64,251.00 BTC-USD · Tickline');
    expect(doc.title).toBe('🔔 BTC-USD ↑ 64,250.50 · 64,251.00 BTC-USD · Tickline');
    title.blink();
    expect(doc.title).toBe('64,251.00 BTC-USD · Tickline');
    title.blink();
    title.setFlag(undefined);
    title.setBase('64,249.00 BTC-USD · Tickline');
    expect(doc.title).toBe('64,249.00 BTC-USD · Tickline');
  });
});
