/**
 * Module settings (API keys, user names…) entered in the page. They are kept
 * in this browser's localStorage only, and sent in each query's `config`;
 * the server never stores them and scrubs them from its logs.
 */
const KEY = 'misp-modules-ui:module-settings';

type AllSettings = Record<string, Record<string, string>>;

function readAll(): AllSettings {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as AllSettings) : {};
  } catch {
    return {};
  }
}

/** The module's settings that hold a value: what its queries send as `config`. */
export function settingsOf(module: string): Record<string, string> {
  return Object.fromEntries(Object.entries(readAll()[module] ?? {}).filter(([, v]) => v !== ''));
}

export function setSetting(module: string, name: string, value: string): void {
  const all = readAll();
  const own = { ...all[module], [name]: value };
  if (value === '') delete own[name];
  if (Object.keys(own).length === 0) delete all[module];
  else all[module] = own;
  localStorage.setItem(KEY, JSON.stringify(all));
}

/** Modules that have at least one setting filled in. */
export function modulesWithSettings(): string[] {
  return Object.keys(readAll());
}

export function forgetAllSettings(): void {
  localStorage.removeItem(KEY);
}
