/**
 * The AssemblyLine settings shared by assemblyline_query and
 * assemblyline_submit, with upstream's names and checks, in upstream's order.
 */
import { defineMessages } from '../../../base/messages.js';
import type { ModuleContext, ModuleConfig } from '../../../core/module.js';
import { ASSEMBLYLINE_SETTING_TEMPLATES } from './messages.js';

const ASSEMBLYLINE_MESSAGES = defineMessages(ASSEMBLYLINE_SETTING_TEMPLATES);

export const ASSEMBLYLINE_CONFIG = {
  apiurl: { description: 'Address of your AssemblyLine server (e.g. https://assemblyline.example.org), reached as configured.' },
  user_id: { description: 'Your AssemblyLine user ID.' },
  apikey: { description: 'Your AssemblyLine API key (tried first).', secret: true },
  password: { description: 'Your AssemblyLine password (tried when there is no API key or it is refused).', secret: true },
  verifyssl: { description: "Verify the server's TLS certificate (default true; false, 0, no or off accept a self-signed one)." },
} as const;

export interface AssemblyLineSettings {
  apiurl: string;
  userId: string;
  apikey: string | undefined;
  password: string | undefined;
  verifyTls: boolean;
}

/** Upstream's `_coerce_verify_flag`: anything unrecognised keeps verification on. */
export function verifyFlag(value: string | undefined): boolean {
  const normalised = value?.trim().toLowerCase();
  return !(normalised !== undefined && ['false', '0', 'no', 'off'].includes(normalised));
}

/** The settings; throws the first problem upstream reports, in upstream's order. */
export function readSettings(ctx: Pick<ModuleContext, 'configProvided'> & { config: ModuleConfig }): AssemblyLineSettings {
  const config = ctx.config;
  const filled = (name: string) => (config[name] ?? '') !== '' ? config[name] : undefined;
  if (!ctx.configProvided || !Object.keys(ASSEMBLYLINE_CONFIG).some((name) => filled(name) !== undefined)) throw ASSEMBLYLINE_MESSAGES.error('missingConfig');
  const apiurl = filled('apiurl');
  if (!apiurl) throw ASSEMBLYLINE_MESSAGES.error('noUrl');
  const userId = filled('user_id');
  if (!userId) throw ASSEMBLYLINE_MESSAGES.error('noUser');
  const apikey = filled('apikey');
  const password = filled('password');
  if (!apikey && !password) throw ASSEMBLYLINE_MESSAGES.error('noCredential');
  return { apiurl: apiurl.trim().replace(/\/+$/, ''), userId, apikey, password, verifyTls: verifyFlag(config['verifyssl']) };
}
