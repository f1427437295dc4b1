/**
 * sigmf-recording → sigmf-expanded-recording: the `core:` fields of the
 * metadata's `global` section as attributes, and a waterfall plot of the
 * samples (drawn on a worker thread), referencing the recording with
 * `expands`.
 */
import { createHash } from 'node:crypto';
import { ModuleError } from '../../../base/errors.js';
import type { ModuleContext, ModuleResult } from '../../../core/module.js';
import type { AttributeType } from '../../../misp/attribute-types.js';
import type { RelationOf } from '../../../misp/templates/index.js';
import { MispResultBuilder, type RelationInput } from '../../../misp/standard-result.js';
import { attachmentBytes, attachmentName, findRelation, type InputObject } from './object-input.js';
import type { SpectrogramInput, SpectrogramOutput } from './spectrogram-task.js';

const SPECTROGRAM_TASK = new URL('./spectrogram-task.js', import.meta.url);
const INVALID = 'Provided .sigmf-meta and .sigmf-data is not a valid SigMF file';

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
    throw new ModuleError('Provided .sigmf-meta is not a valid JSON string');
  }
  const global = (meta as { global?: unknown } | null)?.global;
  if (typeof global !== 'object' || global === null || Array.isArray(global)) {
    throw new ModuleError(`${INVALID}: the metadata has no "global" object.`);
  }
  const g = global as Global;
  if (typeof g['core:datatype'] !== 'string') throw new ModuleError(`${INVALID}: "global" has no core:datatype.`);
  if (typeof g['core:version'] !== 'string') throw new ModuleError(`${INVALID}: "global" has no core:version.`);
  return g;
}

function scalar(value: unknown): string | number | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : typeof value === 'boolean' ? String(value) : undefined;
}

async function waterfall(ctx: ModuleContext, data: Buffer, global: Global): Promise<Uint8Array> {
  const channels = typeof global['core:num_channels'] === 'number' && global['core:num_channels'] >= 1 ? Math.floor(global['core:num_channels']) : 1;
  const input: SpectrogramInput = { data, datatype: global['core:datatype'] as string, channels };
  const output = await ctx.workers.run<SpectrogramInput, SpectrogramOutput>(SPECTROGRAM_TASK, input);
  if (!output.ok) throw new ModuleError(`Could not generate plots: ${output.error}`);
  return output.png;
}

export async function expandRecording(object: InputObject, ctx: ModuleContext): Promise<ModuleResult> {
  const metaAttribute = findRelation(object, 'SigMF-meta');
  const dataAttribute = findRelation(object, 'SigMF-data');
  if (!metaAttribute) throw new ModuleError('No SigMF-meta attribute');
  if (!dataAttribute) throw new ModuleError('No SigMF-data attribute');
  const global = parseMetadata(attachmentBytes(metaAttribute, 'SigMF-meta'));
  const data = attachmentBytes(dataAttribute, 'SigMF-data');
  const sha512 = global['core:sha512'];
  if (typeof sha512 === 'string' && sha512.toLowerCase() !== createHash('sha512').update(data).digest('hex')) {
    throw new ModuleError(`${INVALID}: the data does not match the metadata's core:sha512.`);
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
