/**
 * The legacy backends this port implements, in upstream's `sigma_targets`
 * order, and those it does not implement yet.
 */
import { EsQueryStringBackend, GraylogBackend } from './elasticsearch.js';
import { GrepBackend } from './grep.js';
import { KibanaBackend } from './kibana.js';
import { LogPointBackend } from './logpoint.js';
import { SplunkBackend, SplunkXmlBackend } from './splunk.js';
import type { Backend } from './text.js';

/** Upstream's target list (misp-modules sigma_queries.py). */
export const UPSTREAM_TARGETS = [
  'es-dsl', 'es-qs', 'graylog', 'kibana', 'xpack-watcher', 'logpoint', 'splunk', 'grep', 'mdatp', 'splunkxml', 'arcsight', 'qualys',
] as const;

/** A fresh backend per conversion (backends collect state while a file is converted). */
export const BACKENDS: ReadonlyMap<string, () => Backend> = new Map<string, () => Backend>([
  ['es-qs', () => new EsQueryStringBackend()],
  ['graylog', () => new GraylogBackend()],
  ['kibana', () => new KibanaBackend()],
  ['logpoint', () => new LogPointBackend()],
  ['splunk', () => new SplunkBackend()],
  ['grep', () => new GrepBackend()],
  ['splunkxml', () => new SplunkXmlBackend()],
]);

/** Upstream targets not ported yet. */
export const REMAINING_TARGETS: readonly string[] = UPSTREAM_TARGETS.filter((t) => !BACKENDS.has(t));
