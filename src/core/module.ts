/**
 * The module contract: a module is data (what MISP needs to list it) plus one
 * async handler. Modules never see HTTP objects, the registry or process
 * state; everything they need arrives in their context.
 */
import { isMessageCatalogue, type MessageCatalogue } from '../base/messages.js';
import type { DnsClient, HttpClient, NetClient } from '../net/types.js';
import type { SharedResources } from './resource-cache.js';
import type { VendorApi, VendorSpec } from './vendor-api.js';
import type { WorkerRunner } from './worker-pool.js';

/** Which family a module belongs to. */
export type ModuleKind = 'expansion' | 'import' | 'export' | 'action';

/** Values of `meta["module-type"]` that MISP understands. */
export type ModuleType = 'expansion' | 'hover' | 'import' | 'export' | 'action';

/** The folder name MISP-modules reports as `type` in /modules (and the custom-module folder). */
export const KIND_FOLDERS = {
  expansion: 'expansion',
  import: 'import_mod',
  export: 'export_mod',
  action: 'action_mod',
} as const satisfies Record<ModuleKind, string>;

export type KindFolder = (typeof KIND_FOLDERS)[ModuleKind];

/** An admin setting (MISP shows it as `Plugin.<Family>_<module>_<name>`). */
export interface ConfigSetting {
  description: string;
  /** The module cannot work without it; the runner answers a clear error when it is empty. */
  required?: boolean;
  /** API keys, passwords: never logged, never echoed in errors. */
  secret?: boolean;
  /** Used when MISP sends nothing (or null, or an empty string) for this setting. */
  default?: string;
}

/** Documentation fields every module carries (`moduleinfo` upstream). MISP only reads `description`. */
export interface ModuleMeta {
  version: string;
  author: string;
  description: string;
  /** Display name. */
  name: string;
  logo?: string;
  requirements?: string[];
  features?: string;
  references?: string[];
  input?: string;
  output?: string;
  /** Export: MISP sends the event in core format (everything nested in Event). */
  require_standard_format?: boolean;
  /** Export: merged into MISP's fetchEvent options. */
  fetch_options?: Record<string, unknown>;
  /** Action: icon shown on the workflow node. */
  icon?: string;
  icon_class?: string;
  inputs?: number;
  outputs?: number;
}

/** One field of the import form MISP builds from `mispattributes.userConfig`. */
export interface UserConfigField {
  type: 'String' | 'Integer' | 'Boolean' | 'IP' | 'Select';
  /** The field's label; upstream leaves it out of some fields (vmray_import's Sample ID). */
  message?: string;
  regex?: string;
  errorMessage?: string;
  options?: Record<string, string>;
  checked?: string;
  validation?: string;
}

/** What /modules shows as `mispattributes` (`introspection()` upstream). */
export interface MispAttributesSpec {
  /** Attribute types (or object names) an enrichment module accepts. */
  input?: string[];
  output?: string[];
  format?: 'misp_standard';
  userConfig?: Record<string, UserConfigField>;
  inputSource?: Array<'file' | 'paste' | 'event'>;
  responseType?: string;
  outputFileExtension?: string;
}

export interface ActionParam {
  type: 'string' | 'large_string' | 'hash_path' | 'select' | 'checkbox' | 'textarea';
  description: string;
  /** A UI placeholder only: MISP does not send it as a default. */
  value?: string;
  jinja_supported?: boolean;
  options?: Record<string, string> | string[];
}

/** The dict form of `meta.config` used by action modules. */
export interface ActionConfig {
  params: Record<string, ActionParam>;
  blocking: boolean;
  support_filters: boolean;
  expect_misp_core_format: boolean;
}

/** Settings after normalisation: `null`, absent and `''` become the default or undefined. */
export type ModuleConfig = Readonly<Record<string, string | undefined>>;

/** The parsed request body. Every field MISP sent is here, unchanged. */
export interface Query {
  readonly module: string;
  readonly [field: string]: unknown;
}

export interface ModuleLogger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export interface ModuleContext {
  /** Declared settings, normalised (defaults applied, nulls removed, values as strings). */
  readonly config: ModuleConfig;
  /** Whether the request carried a `config` key at all (some upstream defaults depend on it). */
  readonly configProvided: boolean;
  /** Aborted when the query times out, the client goes away or the server shuts down. */
  readonly signal: AbortSignal;
  readonly log: ModuleLogger;
  readonly requestId: string;
  /** The only way to reach HTTP services (timeouts, proxies, host overrides, URL guard). */
  readonly http: HttpClient;
  readonly dns: DnsClient;
  /** Raw TCP/TLS connections (an SSH banner, a certificate, whois); `userAddress: true` for addresses from attributes. */
  readonly net: NetClient;
  /** CPU-heavy work on a worker thread, terminated when the query is aborted. */
  readonly workers: WorkerRunner;
  /** Costly read-only resources (databases, compiled rules) kept by the server between queries. */
  readonly resources: SharedResources;
  /** A client for one vendor's JSON API: base URL, credential, errors and paging said once (core/vendor-api.ts). */
  vendor(spec: VendorSpec): VendorApi;
}

/** Whatever the module answers; serialised as the /query response body. */
export type ModuleResult = Record<string, unknown>;

export interface ModuleDefinition {
  /** The module name MISP uses (file stem upstream). */
  readonly name: string;
  readonly kind: ModuleKind;
  readonly moduleType: readonly ModuleType[];
  readonly meta: ModuleMeta;
  /** Admin settings; /modules shows MISP the list of names. */
  readonly config: Readonly<Record<string, ConfigSetting>>;
  /** Action modules only: the dict MISP reads from `meta.config` / `mispattributes.config`. */
  readonly action?: ActionConfig;
  readonly attributes: MispAttributesSpec;
  /**
   * The runner refuses requests that carry none of `attributes.input` before
   * calling the handler. Modules that read other keys (`text`, `url`, …) set false.
   */
  readonly checkInput: boolean;
  /**
   * Identical in-flight queries (same module, input and config) may share one
   * run. Only for read-only lookups: never for modules that submit, import,
   * export or act.
   */
  readonly coalesce: boolean;
  /**
   * Successful answers may be kept for `--cache-ttl` and served again (in
   * this process and, with `--redis`, by every instance). True only for
   * expansion modules that coalesce and did not opt out (`cache: false`):
   * modules that submit or upload (coalesce: false), and import, export and
   * action modules, are never cached.
   */
  readonly cache: boolean;
  /** Every user-facing message the module can give, by id (for docs and tests). */
  readonly messages: Readonly<Record<string, string>>;
  /**
   * A module written for the Python server: `/modules` lists these as they are
   * (its `introspection()` and `version()`), as that server does.
   */
  readonly listedAs?: { mispattributes: Record<string, unknown>; meta: Record<string, unknown> };
  handle(query: Query, ctx: ModuleContext): Promise<ModuleResult>;
}

export interface ModuleSpec {
  name: string;
  kind: ModuleKind;
  moduleType: ModuleType[];
  meta: ModuleMeta;
  config?: Record<string, ConfigSetting>;
  action?: ActionConfig;
  attributes?: MispAttributesSpec;
  checkInput?: boolean;
  coalesce?: boolean;
  /**
   * `false`: never keep this module's answers (a lookup whose answer must be
   * fresh every time). Default: cached when it coalesces.
   */
  cache?: boolean;
  /** The module's catalogue (`defineMessages`), or plain templates by id. */
  messages?: MessageCatalogue | Record<string, string>;
  handle(query: Query, ctx: ModuleContext): Promise<ModuleResult>;
}

const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const MODULE_TYPES: readonly ModuleType[] = ['expansion', 'hover', 'import', 'export', 'action'];
const KINDS = Object.keys(KIND_FOLDERS) as ModuleKind[];

/** Problems with a module definition; an empty list means it can be served. */
export function checkModuleSpec(spec: unknown): string[] {
  const problems: string[] = [];
  if (typeof spec !== 'object' || spec === null) return ['the default export is not a module definition object'];
  const s = spec as Partial<ModuleSpec>;
  if (typeof s.name !== 'string' || !NAME_PATTERN.test(s.name)) problems.push('name must be a non-empty string of letters, digits, _ . -');
  if (!KINDS.includes(s.kind as ModuleKind)) problems.push(`kind must be one of ${KINDS.join(', ')}`);
  if (!Array.isArray(s.moduleType) || s.moduleType.length === 0 || !s.moduleType.every((t) => MODULE_TYPES.includes(t))) {
    problems.push(`moduleType must be a non-empty array of ${MODULE_TYPES.join(', ')}`);
  }
  if (typeof s.handle !== 'function') problems.push('handle must be an async function');
  const meta = s.meta as Partial<ModuleMeta> | undefined;
  if (typeof meta !== 'object' || meta === null) problems.push('meta is missing');
  else {
    for (const field of ['version', 'author', 'description', 'name'] as const) {
      if (typeof meta[field] !== 'string') problems.push(`meta.${field} must be a string`);
    }
  }
  const attrs = s.attributes ?? {};
  const types = Array.isArray(s.moduleType) ? s.moduleType : [];
  if ((types.includes('expansion') || types.includes('hover')) && !(Array.isArray(attrs.input) && attrs.input.every((x) => typeof x === 'string'))) {
    problems.push('expansion and hover modules need attributes.input (a list of attribute types)');
  }
  if (types.includes('export') && (typeof attrs.responseType !== 'string' || typeof attrs.outputFileExtension !== 'string')) {
    problems.push('export modules need attributes.responseType and attributes.outputFileExtension');
  }
  if (s.kind === 'action' && (typeof s.action !== 'object' || s.action === null || typeof s.action.params !== 'object')) {
    problems.push('action modules need action: {params, blocking, support_filters, expect_misp_core_format}');
  }
  if (s.cache !== undefined && typeof s.cache !== 'boolean') problems.push('cache must be true or false');
  if (s.config !== undefined) {
    if (typeof s.config !== 'object' || s.config === null || Array.isArray(s.config)) problems.push('config must be an object of settings');
    else {
      for (const [key, setting] of Object.entries(s.config)) {
        if (typeof setting !== 'object' || setting === null || typeof setting.description !== 'string') {
          problems.push(`config.${key} needs a description`);
        }
      }
    }
  }
  return problems;
}

/**
 * Declares a module. Checks the definition (a broken built-in fails loudly at
 * start; the registry reports broken custom modules and skips them) and fills
 * the defaults.
 */
export function defineModule(spec: ModuleSpec): ModuleDefinition {
  const problems = checkModuleSpec(spec);
  if (problems.length > 0) {
    throw new TypeError(`Invalid module ${JSON.stringify((spec as { name?: unknown })?.name)}: ${problems.join('; ')}`);
  }
  const readOnlyLookup = spec.kind === 'expansion';
  return Object.freeze({
    name: spec.name,
    kind: spec.kind,
    moduleType: Object.freeze([...spec.moduleType]),
    meta: Object.freeze({ ...spec.meta }),
    config: Object.freeze({ ...(spec.config ?? {}) }),
    ...(spec.action ? { action: spec.action } : {}),
    attributes: Object.freeze({ ...(spec.attributes ?? {}) }),
    checkInput: spec.checkInput ?? spec.kind === 'expansion',
    coalesce: spec.coalesce ?? readOnlyLookup,
    cache: spec.kind === 'expansion' && (spec.coalesce ?? readOnlyLookup) && spec.cache !== false,
    messages: Object.freeze({ ...(isMessageCatalogue(spec.messages) ? spec.messages.templates : (spec.messages ?? {})) }),
    handle: spec.handle,
  });
}
