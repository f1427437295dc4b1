/**
 * The legacy backends this port implements, in upstream's `sigma_targets`
 * order, and those it does not implement yet.
 */
import { ArcSightBackend } from './arcsight.js';
import { EsQueryStringBackend, GraylogBackend } from './elasticsearch.js';
import { EsDslBackend } from './es-dsl.js';
import { GrepBackend } from './grep.js';
import { KibanaBackend } from './kibana.js';
import { LogPointBackend } from './logpoint.js';
import { MdatpBackend } from './mdatp.js';
import { QualysBackend } from './qualys.js';
import { SplunkBackend, SplunkXmlBackend } from './splunk.js';
import type { Backend } from './text.js';
import { XPackWatcherBackend } from './xpack-watcher.js';

/** Upstream's target list (misp-modules sigma_queries.py). */
export const UPSTREAM_TARGETS = [
  'es-dsl', 'es-qs', 'graylog', 'kibana', 'xpack-watcher', 'logpoint', 'splunk', 'grep', 'mdatp', 'splunkxml', 'arcsight', 'qualys',
] as const;

/** A fresh backend per conversion (backends collect state while a file is converted). */
export const BACKENDS: ReadonlyMap<string, () => Backend> = new Map<string, () => Backend>([
  ['es-dsl', () => new EsDslBackend()],
  ['es-qs', () => new EsQueryStringBackend()],
  ['graylog', () => new GraylogBackend()],
  ['kibana', () => new KibanaBackend()],
  ['xpack-watcher', () => new XPackWatcherBackend()],
  ['logpoint', () => new LogPointBackend()],
  ['splunk', () => new SplunkBackend()],
  ['grep', () => new GrepBackend()],
  ['mdatp', () => new MdatpBackend()],
  ['splunkxml', () => new SplunkXmlBackend()],
  ['arcsight', () => new ArcSightBackend()],
  ['qualys', () => new QualysBackend()],
]);

/** Upstream targets not ported yet. */
export const REMAINING_TARGETS: readonly string[] = UPSTREAM_TARGETS.filter((t) => !BACKENDS.has(t));
