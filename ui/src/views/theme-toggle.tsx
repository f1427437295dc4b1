/** Light, dark, or the system's choice (kept in localStorage). */
import { useEffect, useState } from 'preact/hooks';

type Theme = 'auto' | 'light' | 'dark';
const KEY = 'misp-modules-ui:theme';
const NEXT: Record<Theme, Theme> = { auto: 'light', light: 'dark', dark: 'auto' };

export function savedTheme(): Theme {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'auto';
}

export function applyTheme(theme: Theme): void {
  if (theme === 'auto') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = theme;
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(savedTheme());
  useEffect(() => {
    applyTheme(theme);
    if (theme === 'auto') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  }, [theme]);
  return (
    <button type="button" class="theme-toggle secondary" onClick={() => setTheme(NEXT[theme])} aria-label={`Theme: ${theme}. Switch to ${NEXT[theme]}`}>
      {theme === 'dark' ? '☾ Dark' : theme === 'light' ? '☀ Light' : '◐ Auto'}
    </button>
  );
}
