// The header's switch between the dark and the light theme.

import { useSyncExternalStore } from 'react';
import { browserTheme, type ThemeController } from '../../workspace/theme.ts';
import './ThemeToggle.css';

export function ThemeToggle({ controller = browserTheme() }: { controller?: ThemeController }) {
  const theme = useSyncExternalStore(controller.subscribe, controller.get);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="header-button"
      data-testid="theme-toggle"
      data-theme-shown={theme}
      aria-label={`Switch to the ${next} theme`}
      title={`Switch to the ${next} theme`}
      onClick={controller.toggle}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
      <span className="header-button__label">{theme === 'dark' ? 'Light' : 'Dark'}</span>
    </button>
  );
}
