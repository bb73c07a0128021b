// Light or dark: the system's preference until the reader picks one, then the pick, remembered. The page's first
// paint is themed by public/theme-boot.js (same key, same values), before any of this loads.

export const THEMES = ['dark', 'light'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_STORAGE_KEY = 'tickline:theme';
export const LIGHT_QUERY = '(prefers-color-scheme: light)';

export function isTheme(value: unknown): value is Theme {
  return value === 'dark' || value === 'light';
}

export interface ThemePlaces {
  /** The element carrying `data-theme` (the page's <html>). */
  root: { dataset: DOMStringMap };
  /** undefined when the browser offers none; the pick then lasts as long as the page. */
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  /** `(prefers-color-scheme: light)`, undefined where matchMedia is missing (dark then). */
  media:
    | (Pick<MediaQueryList, 'matches'> & {
        addEventListener(type: 'change', listener: () => void): void;
        removeEventListener(type: 'change', listener: () => void): void;
      })
    | undefined;
}

/** The theme on the page, kept in step with the reader's pick and, without one, the system's preference. */
export class ThemeController {
  private chosen: Theme | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly places: ThemePlaces) {
    const stored = attempt(() => places.storage?.getItem(THEME_STORAGE_KEY));
    this.chosen = isTheme(stored) ? stored : undefined;
    places.media?.addEventListener('change', this.apply);
    this.apply();
  }

  /** The theme shown now. */
  get = (): Theme => this.chosen ?? (this.places.media?.matches ? 'light' : 'dark');

  /** Whether the reader picked the theme (true) or it follows the system (false). */
  isChosen = (): boolean => this.chosen !== undefined;

  set(theme: Theme): void {
    this.chosen = theme;
    attempt(() => this.places.storage?.setItem(THEME_STORAGE_KEY, theme));
    this.apply();
  }

  toggle = (): void => this.set(this.get() === 'dark' ? 'light' : 'dark');

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  dispose(): void {
    this.places.media?.removeEventListener('change', this.apply);
  }

  private readonly apply = (): void => {
    const theme = this.get();
    if (this.places.root.dataset.theme !== theme) this.places.root.dataset.theme = theme;
    for (const listener of Array.from(this.listeners)) listener();
  };
}

let pageTheme: ThemeController | undefined;

/** The page's own controller, made on first use from <html>, localStorage and matchMedia. */
export function browserTheme(): ThemeController {
  pageTheme ??= new ThemeController({
    root: document.documentElement,
    storage: attempt(() => window.localStorage),
    media: typeof window.matchMedia === 'function' ? window.matchMedia(LIGHT_QUERY) : undefined,
  });
  return pageTheme;
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    // Storage disabled or full: the theme still applies to this page.
    return undefined;
  }
}
