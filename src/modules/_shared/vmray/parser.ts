/**
 * VMRay reports → MISP (upstream VMRayParser): either objects (sandbox-report,
 * sb-signature for the VMRay Threat Identifiers, one object per artifact,
 * ATT&CK and verdict tags) or, with `disable_misp_objects`, plain attributes.
 * Shared with vmray_import, which feeds it reports fetched from the API.
 */
import type { MispStandardResults } from '../../../misp/types.js';
import { MispResultBuilder, type RelationInput } from '../../../misp/standard-result.js';
import type { RelationOf } from '../../../misp/templates/index.js';
import {
  artifactAttributes, artifactObject, mergeArtifact, sameArtifact, type Artifact, type PlainAttribute,
} from './artifacts.js';
import type { MitreTechnique, ReportParser, Vti } from './reports.js';

export interface VMRayOptions {
  includeAnalysisId: boolean;
  includeVtiDetails: boolean;
  includeIocs: boolean;
  includeAllArtifacts: boolean;
  includeAnalysisDetails: boolean;
  useMispObjects: boolean;
  tagObjects: boolean;
}

export interface VMRayReport {
  parser: ReportParser;
  permalink?: string;
  /** Attached to the sandbox-report object ("Attach Report"). */
  attachment?: { filename: string; data: string };
}

const VTI_SCORES: Readonly<Record<number, string>> = { [-1]: '-1', 1: '1/5', 2: '2/5', 3: '3/5', 4: '4/5', 5: '5/5' };

export function convertReports(reports: readonly VMRayReport[], options: VMRayOptions, sampleVerdict?: string): MispStandardResults {
  const result = new MispResultBuilder();
  if (options.useMispObjects) asObjects(result, reports, options, sampleVerdict);
  else asAttributes(result, reports, options);
  const { results } = result.toResults();
  return results;
}

function keep(artifact: Artifact, options: VMRayOptions): boolean {
  return options.includeAllArtifacts || (options.includeIocs && artifact.isIoc);
}

function asObjects(result: MispResultBuilder, reports: readonly VMRayReport[], options: VMRayOptions, sampleVerdict?: string): void {
  const mitre: MitreTechnique[] = [];
  const vtis: Vti[] = [];
  const artifacts: Artifact[] = [];
  for (const { parser, permalink, attachment } of reports) {
    if (parser.isStaticReport()) continue;
    const score = parser.score();
    const relations: Array<RelationInput<RelationOf<'sandbox-report'>>> = [{ relation: 'on-premise-sandbox', value: 'vmray' }];
    if (permalink) relations.push({ relation: 'permalink', value: permalink });
    if (attachment) relations.push({ relation: 'sandbox-file', value: attachment.filename, data: attachment.data });
    relations.push(
      { relation: 'score', value: score, ...(options.tagObjects && { tags: [`vmray:verdict="${score}"`] }) },
      { relation: 'sandbox-type', value: parser.sandboxType() },
      { relation: 'results', value: parser.classifications() },
    );
    result.addObject('sandbox-report', relations);
    if (options.includeVtiDetails) {
      for (const vti of parser.vtis()) {
        if (!vtis.some((v) => v.category === vti.category && v.operation === vti.operation && v.technique === vti.technique && v.score === vti.score)) {
          vtis.push(vti);
        }
      }
    }
    for (const artifact of parser.artifacts()) {
      if (!keep(artifact, options)) continue;
      const existing = artifacts.find((a) => sameArtifact(a, artifact));
      if (existing) mergeArtifact(existing, artifact);
      else artifacts.push(artifact);
    }
    for (const technique of parser.mitreAttacks()) {
      if (!mitre.some((m) => m.id === technique.id && m.description === technique.description)) mitre.push(technique);
    }
  }
  // Upstream adds the sb-signature object even without signatures; an object
  // with no signature is left out here (its template requires one).
  if (vtis.length > 0) {
    result.addObject('sb-signature', [
      ['software', 'VMRay Platform'],
      ...vtis.map((vti): RelationInput<'signature'> => {
        const level = vti.score === undefined ? undefined : VTI_SCORES[vti.score];
        return {
          relation: 'signature',
          value: `${vti.category}: ${vti.operation}. ${vti.technique}`,
          ...(options.tagObjects && level && { tags: [`vmray:vti_analysis_score="${level}"`] }),
        };
      }),
    ]);
  }
  for (const artifact of artifacts) {
    const { template, relations } = artifactObject(artifact, options.tagObjects);
    result.addObject(template, relations);
  }
  for (const technique of mitre) result.addTag(`misp-galaxy:mitre-attack-pattern="${technique.description} - ${technique.id}"`);
  if (options.tagObjects && sampleVerdict) result.addTag(`vmray:verdict="${sampleVerdict}"`);
}

function asAttributes(result: MispResultBuilder, reports: readonly VMRayReport[], options: VMRayOptions): void {
  const attributes: PlainAttribute[] = [];
  const push = (attribute: PlainAttribute): void => {
    const duplicate = attributes.some(
      (a) => a.type === attribute.type && a.value === attribute.value && a.category === attribute.category && a.comment === attribute.comment && a.to_ids === attribute.to_ids,
    );
    if (!duplicate) attributes.push(attribute);
  };
  for (const { parser, permalink } of reports) {
    if (parser.isStaticReport()) continue;
    if (options.includeAnalysisDetails) for (const detail of parser.details()) push({ type: 'text', value: detail, to_ids: false });
    const classifications = parser.classifications();
    if (classifications) push({ type: 'text', value: classifications, to_ids: false });
    if (options.includeVtiDetails) for (const vti of parser.vtis()) push({ type: 'text', value: vti.operation, to_ids: false });
    for (const artifact of parser.artifacts()) if (keep(artifact, options)) artifactAttributes(artifact).forEach(push);
    if (options.includeAnalysisId && permalink) push({ type: 'link', value: permalink, to_ids: false });
  }
  for (const a of attributes) {
    if (a.value === '') continue;
    result.addAttribute({ type: a.type, value: a.value, to_ids: a.to_ids, ...(a.category && { category: a.category }), ...(a.comment !== undefined && { comment: a.comment }) });
  }
}
