import { describe, expect, it } from 'vitest';
import { qrPath } from './qr-path.ts';

/** The dark modules a path draws, as "row,col" keys. */
function darkModules(d: string): Set<string> {
  const dark = new Set<string>();
  for (const [, col, row, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(run); i++) dark.add(`${row},${Number(col) + i}`);
  }
  return dark;
}

describe('qrPath', () => {
  it('draws a QR symbol: a version size, and the three finder patterns in their corners', () => {
    const { size, d } = qrPath('http://192.168.1.20:3000/?follow=1');
    expect((size - 17) % 4).toBe(0);
    expect(size).toBeGreaterThanOrEqual(21);
    const dark = darkModules(d);
    // A finder pattern: a dark 7x7 ring, a light ring inside it, a dark 3x3 centre.
    for (const [top, left] of [
      [0, 0],
      [0, size - 7],
      [size - 7, 0],
    ] as const) {
      for (let r = 0; r < 7; r++) {
        for (let c = 0; c < 7; c++) {
          const ring = r === 0 || r === 6 || c === 0 || c === 6;
          const centre = r >= 2 && r <= 4 && c >= 2 && c <= 4;
          expect(dark.has(`${top + r},${left + c}`), `${top + r},${left + c}`).toBe(ring || centre);
        }
      }
    }
  });

  it('is a function of the text: the same text the same code, another text another', () => {
    expect(qrPath('http://a/?follow=1')).toEqual(qrPath('http://a/?follow=1'));
    expect(qrPath('http://a/?follow=1').d).not.toBe(qrPath('http://b/?follow=1').d);
  });
});
