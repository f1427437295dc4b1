/** What the catalogue hands to the run and export views ("Run…", "Export…" on a module). */
import { Store } from './store.js';

export interface Draft {
  mode: 'value' | 'file';
  type?: string;
  module?: string;
}

export const runDraft = new Store<Draft | undefined>(undefined);
export const exportDraft = new Store<{ module?: string; eventJson?: string } | undefined>(undefined);
