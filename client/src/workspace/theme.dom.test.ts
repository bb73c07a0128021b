import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { THEME_STORAGE_KEY, ThemeController, type ThemePlaces } from './theme.ts';

function fakePlaces(stored: string | null, systemLight: boolean) {
  const storage = new Map<string, string>(stored === null ? [] : [[THEME_STORAGE_KEY, stored]]);
  const mediaListeners = new Set<() => void>();
  const places: ThemePlaces = {
    root: { dataset: {} },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    media: {
      matches: systemLight,
      addEventListener: (_t, l) => mediaListeners.add(l),
      removeEventListener: (_t, l) => mediaListeners.delete(l),
    },
  };
  const systemChanges = (light: boolean) => {
    (places.media as { matches: boolean }).matches = light;
    for (const l of mediaListeners) l();
  };
  return { places, storage, systemChanges, mediaListeners };
}

describe('the theme', () => {
  it('follows the system until the reader picks one', () => {
    const { places, systemChanges } = fakePlaces(null, true);
    const theme = new ThemeController(places);
    expect([theme.get(), places.root.dataset.theme, theme.isChosen()]).toEqual(['light', 'light', false]);
    systemChanges(false);
    expect(places.root.dataset.theme).toBe('dark');
  });

  it('remembers the pick, and keeps it whatever the system says', () => {
    const { places, storage, systemChanges } = fakePlaces(null, false);
    const theme = new ThemeController(places);
    let heard = 0;
    theme.subscribe(() => heard++);
    theme.toggle();
    expect([places.root.dataset.theme, storage.get(THEME_STORAGE_KEY), heard]).toEqual(['light', 'light', 1]);
    systemChanges(false);
    expect(places.root.dataset.theme).toBe('light');
    expect(new ThemeController(fakePlaces('light', false).places).get()).toBe('light');
  });

  it('ignores a stored value it does not know, and works without storage or matchMedia', () => {
    expect(new ThemeController(fakePlaces('sepia', true).places).get()).toBe('light');
    const bare = new ThemeController({ root: { dataset: {} }, storage: undefined, media: undefined });
    expect(bare.get()).toBe('dark');
    bare.toggle();
    expect(bare.get()).toBe('light');
  });

  it('stops listening to the system once disposed', () => {
    const { places, mediaListeners } = fakePlaces(null, false);
    new ThemeController(places).dispose();
    expect(mediaListeners.size).toBe(0);
  });
});

describe('the boot script', () => {
  const source = readFileSync(
    path.join(path.dirname(fileURLToPath(import.meta.url)), '../../public/theme-boot.js'),
    'utf8',
  );
  afterEach(() => {
    localStorage.clear();
    delete document.documentElement.dataset.theme;
  });

  it('themes the page from the same stored pick before the app loads', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'light');
    new Function(source)();
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('falls back to dark where the system says nothing (jsdom has no matchMedia)', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'bogus');
    new Function(source)();
    expect(document.documentElement.dataset.theme).toBe('dark');
  });
});
