/**
 * sigmf-recording → sigmf-expanded-recording: the `core:` fields of the
 * metadata's `global` section as attributes, and a waterfall plot of the
 * samples (drawn on a worker thread), referencing the recording with
 * `expands`.
 */
import { createHash } from 'node:crypto';
import { SIGMF_MESSAGES } from './messages.js';
import type { ModuleContext, ModuleResult } from '../../../core/module.js';
import type { AttributeType } from '../../../misp/attribute-types.js';
import type { RelationOf } from '../../../misp/templates/index.js';
import { MispResultBuilder, type RelationInput } from '../../../misp/standard-result.js';
import { attachmentBytes, attachmentName, findRelation, type InputObject } from './object-input.js';
import type { SpectrogramInput, SpectrogramOutput } from './spectrogram-task.js';

const SPECTROGRAM_TASK = new URL('./spectrogram-task.js', import.meta.url);

/** `core:` global fields → relation and type, as upstream maps them (sha512 as the template types it: upstream sent text, which MISP's checks refuse; the hash is verified against the data first). */
type Relation = RelationOf<'sigmf-expanded-recording'>;

const GLOBAL_FIELDS: ReadonlyArray<readonly [string, Relation, AttributeType]> = [
  ['core:author', 'author', 'text'],
  ['core:datatype', 'datatype', 'text'],
  ['core:description', 'description', 'text'],
  ['core:license', 'license', 'text'],
  ['core:num_channels', 'num_channels', 'counter'],
  ['core:recorder', 'recorder', 'text'],
  ['core:sample_rate', 'sample_rate', 'float'],
  ['core:sha512', 'sha512', 'sha512'],
  ['core:version', 'version', 'text'],
];

type Global = Record<string, unknown>;

function parseMetadata(bytes: Buffer): Global {
  let meta: unknown;
  try {
    meta = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw SIGMF_MESSAGES.error('metaNotJson');
  }
  const global = (meta as { global?: unknown } | null)?.global;
  if (typeof global !== 'object' || global === null || Array.isArray(global)) {
    throw SIGMF_MESSAGES.error('noGlobal');
  }
  const g = global as Global;
  if (typeof g['core:datatype'] !== 'string') throw SIGMF_MESSAGES.error('noDatatype');
  if (typeof g['core:version'] !== 'string') throw SIGMF_MESSAGES.error('noVersion');
  return g;
}

function scalar(value: unknown): string | number | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : typeof value === 'boolean' ? String(value) : undefined;
}

async function waterfall(ctx: ModuleContext, data: Buffer, global: Global): Promise<Uint8Array> {
  const channels = typeof global['core:num_channels'] === 'number' && global['core:num_channels'] >= 1 ? Math.floor(global['core:num_channels']) : 1;
  const input: SpectrogramInput = { data, datatype: global['core:datatype'] as string, channels };
  const output = await ctx.workers.run<SpectrogramInput, SpectrogramOutput>(SPECTROGRAM_TASK, input);
  if (!output.ok) throw SIGMF_MESSAGES.error('noPlots', { reason: output.error });
  return output.png;
}

export async function expandRecording(object: InputObject, ctx: ModuleContext): Promise<ModuleResult> {
  const metaAttribute = findRelation(object, 'SigMF-meta');
  const dataAttribute = findRelation(object, 'SigMF-data');
  if (!metaAttribute) throw SIGMF_MESSAGES.error('noMeta');
  if (!dataAttribute) throw SIGMF_MESSAGES.error('noData');
  const global = parseMetadata(attachmentBytes(metaAttribute, 'SigMF-meta'));
  const data = attachmentBytes(dataAttribute, 'SigMF-data');
  const sha512 = global['core:sha512'];
  if (typeof sha512 === 'string' && sha512.toLowerCase() !== createHash('sha512').update(data).digest('hex')) {
    throw SIGMF_MESSAGES.error('badChecksum');
  }
  const png = await waterfall(ctx, data, global);
  const stem = attachmentName(dataAttribute, 'recording.sigmf-data').replace('.sigmf-data', '');

  const relations: Array<RelationInput<Relation>> = GLOBAL_FIELDS.flatMap(([field, relation, type]) => {
    const value = scalar(global[field]);
    return value === undefined ? [] : [{ relation, value, type }];
  });
  relations.push({ relation: 'waterfall-plot', type: 'attachment', value: `${stem}-waterfall.png`, data: png, comment: 'Waterfall plot of the recording' });
  const result = new MispResultBuilder();
  const expanded = result.addObject('sigmf-expanded-recording', relations);
  result.addReference(expanded.uuid, object.uuid, 'expands');
  return { results: { Object: result.toResults().results.Object } };
}
