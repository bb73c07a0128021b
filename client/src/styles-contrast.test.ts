// Both themes keep text readable: WCAG 2 contrast of at least 4.5:1 for every text colour against every background
// it is drawn on, computed from the variables in styles.css itself.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const css = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'styles.css'), 'utf8').replace(
  /\/\*[\s\S]*?\*\//g,
  '',
);

type Rgba = [number, number, number, number];

function parseColour(value: string): Rgba {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value);
  if (hex) {
    const digits = hex[1] as string;
    const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)).concat(1) as Rgba;
  }
  const rgb = /^rgb\((\d+) (\d+) (\d+)(?: \/ (\d+)%)?\)$/.exec(value);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4]) / 100];
  throw new Error(`not a colour this test reads: ${value}`);
}

/** The custom properties of the first rule whose selector list contains `selector`. */
function themeVariables(selector: string): Map<string, string> {
  const rule = [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)].find((m) =>
    (m[1] as string).split(',').some((s) => s.trim() === selector),
  );
  if (!rule) throw new Error(`styles.css has no rule for ${selector}`);
  return new Map(
    [...(rule[2] as string).matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2]] as [string, string]),
  );
}

/** A translucent colour as it shows over an opaque one. */
const over = ([r, g, b, a]: Rgba, [R, G, B]: Rgba): Rgba => [
  r * a + R * (1 - a),
  g * a + G * (1 - a),
  b * a + B * (1 - a),
  1,
];

function luminance([r, g, b]: Rgba): number {
  const linear = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT = ['--text', '--text-muted', '--text-dim', '--accent', '--up', '--down', '--warn'];
const SURFACES = ['--bg', '--panel', '--panel-raised', '--hover', '--selected'];
/** Translucent tints laid over a panel, with the text drawn on them (the book's depth bars, the tape's highlight). */
const TINTS = ['--up-soft', '--down-soft', '--highlight'];
const ON_TINTS = ['--text', '--text-muted', '--up', '--down'];

describe.each([
  ['dark', "[data-theme='dark']"],
  ['light', "[data-theme='light']"],
])('the %s theme', (_name, selector) => {
  const vars = themeVariables(selector);
  const colour = (name: string) => {
    const value = vars.get(name);
    if (value === undefined) throw new Error(`${selector} does not define ${name}`);
    return parseColour(value);
  };

  it('defines every variable the other theme defines', () => {
    const dark = [...themeVariables("[data-theme='dark']").keys()].sort();
    expect([...vars.keys()].sort()).toEqual(dark);
  });

  it('keeps text at 4.5:1 or more against every surface and tint', () => {
    const failures: string[] = [];
    const check = (fg: string, bg: string, background: Rgba) => {
      const ratio = contrast(colour(fg), background);
      if (ratio < 4.5) failures.push(`${fg} on ${bg}: ${ratio.toFixed(2)}`);
    };
    for (const fg of TEXT) for (const bg of SURFACES) check(fg, bg, colour(bg));
    for (const fg of ON_TINTS) for (const tint of TINTS) check(fg, tint, over(colour(tint), colour('--panel')));
    check('--on-accent', '--accent', colour('--accent'));
    expect(failures).toEqual([]);
  });
});
