/** The conversion options both VMRay imports read from their settings and form (upstream's names and defaults). */
import type { ModuleConfig } from '../../../core/module.js';
import { flag, isYes } from '../archives/upload.js';
import type { VMRayOptions } from './parser.js';

export function vmrayOptions(config: ModuleConfig): VMRayOptions {
  return {
    // not in vmray_import's form; upstream still reads it
    includeAnalysisId: flag(config['Analysis ID'], true),
    includeVtiDetails: flag(config['VTI'], true),
    includeIocs: flag(config['IOCs'], true),
    includeAllArtifacts: flag(config['Artifacts'], false),
    includeAnalysisDetails: flag(config['Analysis Details'], true),
    // upstream reads these two as "yes"/"true" only
    useMispObjects: !isYes(config['disable_misp_objects']),
    tagObjects: !isYes(config['disable_tags']),
  };
}
