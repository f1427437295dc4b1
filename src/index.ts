/**
 * The public API for module authors (custom modules import from
 * 'misp-modules-ts') and for embedding the server.
 */
export { defineModule, KIND_FOLDERS } from './core/module.js';
export type {
  ActionConfig,
  ConfigSetting,
  ModuleContext,
  ModuleDefinition,
  ModuleKind,
  ModuleMeta,
  ModuleResult,
  ModuleSpec,
  ModuleType,
  MispAttributesSpec,
  Query,
  UserConfigField,
} from './core/module.js';
export { ModuleError } from './base/errors.js';
export { decodeBase64Field, findLegacyInput, requireAttribute, requireSetting, STANDARD_ATTRIBUTE_ERROR } from './core/query-helpers.js';
export { startServer, createServer } from './server/start.js';
export type { HttpClient, HttpRequestOptions, HttpResponse, DnsClient } from './net/types.js';
