import type { ObjectTemplate } from '../types.js';

/** MISP object template `process` (misp-objects, version 10). */
export default {
  name: 'process',
  uuid: '02aeef94-ac23-455c-addb-731757ceafb5',
  version: 10,
  metaCategory: 'misc',
  description: 'Object describing a system process.',
  requiredOneOf: ['name', 'pid', 'image', 'command-line', 'current-directory'],
  attributes: {
    args: { types: ['text'], disableCorrelation: true },
    'child-pid': { types: ['text'], multiple: true, disableCorrelation: true },
    'command-line': { types: ['text'] },
    'creation-time': { types: ['datetime'], disableCorrelation: true },
    'current-directory': { types: ['text'], disableCorrelation: true },
    'environment-variables': { types: ['text'], disableCorrelation: true },
    'fake-process-name': { types: ['boolean'], disableCorrelation: true, saneDefault: ['1', '0'] },
    guid: { types: ['text'] },
    hidden: { types: ['boolean'], disableCorrelation: true, saneDefault: ['True', 'False'] },
    image: { types: ['filename'] },
    'integrity-level': {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['system', 'high', 'medium', 'low', 'untrusted'],
    },
    name: { types: ['text'] },
    'parent-command-line': { types: ['text'] },
    'parent-guid': { types: ['text'] },
    'parent-image': { types: ['filename'] },
    'parent-pid': { types: ['text'], disableCorrelation: true },
    'parent-process-name': { types: ['text'] },
    'parent-process-path': { types: ['text'] },
    pgid: { types: ['text'], disableCorrelation: true },
    pid: { types: ['text'], disableCorrelation: true },
    port: { types: ['port'], multiple: true, disableCorrelation: true },
    'process-state': {
      types: ['process-state'], disableCorrelation: true,
      saneDefault: ['D', 'R', 'S', 'T', 't', 'W', 'X', 'Z', '<', 'N', 'L', 's', 'l', '+'],
    },
    'start-time': { types: ['datetime'], disableCorrelation: true },
    'user-creator': { types: ['text'], disableCorrelation: true },
    'user-process': { types: ['text'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
