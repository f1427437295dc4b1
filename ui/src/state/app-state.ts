/**
 * What the whole page shares: the module catalogue, the session on screen,
 * whether the server wants a token, and notices.
 */
import type { ModuleInfo } from '../model/modules.js';
import type { Session } from '../model/session.js';
import { Store } from './store.js';

export type Catalogue = { state: 'loading' } | { state: 'ready'; modules: ModuleInfo[] } | { state: 'failed'; message: string };

export const catalogue = new Store<Catalogue>({ state: 'loading' });
export const currentSession = new Store<Session | undefined>(undefined);
export const tokenDialogOpen = new Store<boolean>(false);
/** Modules the analyst picked last, offered again (kept in localStorage). */
export const pickedModules = new Store<string[]>(readPicked());

function readPicked(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem('misp-modules-ui:picked') ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function setPicked(names: string[]): void {
  localStorage.setItem('misp-modules-ui:picked', JSON.stringify(names));
  pickedModules.set(names);
}

export function moduleNamed(name: string): ModuleInfo | undefined {
  const c = catalogue.get();
  return c.state === 'ready' ? c.modules.find((m) => m.name === name) : undefined;
}
