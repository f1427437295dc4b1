/** The view on screen, from the URL's hash (#/run, #/catalogue…), so the browser's back button works. */
import { useEffect, useState } from 'preact/hooks';

export const VIEWS = ['run', 'catalogue', 'history', 'export', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export function currentView(): View {
  const name = location.hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'run';
}

export function go(view: View): void {
  location.hash = `#/${view}`;
}

export function useView(): View {
  const [view, setView] = useState(currentView());
  useEffect(() => {
    const onChange = () => setView(currentView());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return view;
}
