/**
 * cof2misp: Passive DNS in Common Output Format (ndjson, one record per
 * line), or the rrname/rrtype output of dnsdbflex, → `passive-dns` objects.
 */
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { importedText, TEXT_MESSAGES } from './_csv/text.js';
import { COF_MESSAGES, cofProblem, dnsdbflexProblem, isDnsdbflex, parseNdjson } from './_cof/cof.js';
import { addCofObject, addDnsdbflexObject } from './_cof/objects.js';

const MESSAGES = defineMessages({ ...TEXT_MESSAGES.templates, ...COF_MESSAGES.templates });

const LINES_PER_TURN = 1000;

function preview(entry: unknown): string {
  const text = JSON.stringify(entry);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export default defineModule({
  name: 'cof2misp',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.3',
    author: 'Aaron Kaplan',
    description: 'Passive DNS Common Output Format (COF) MISP importer',
    name: 'PDNS COF Importer',
    requirements: [],
    features:
      'Takes as input a valid COF file or the output of the dnsdbflex utility and creates MISP objects for the input.',
    references: ['https://tools.ietf.org/id/draft-dulaunoy-dnsop-passive-dns-cof-08.html'],
    input: 'Passive DNS output in Common Output Format (COF)',
    output: 'MISP objects',
    logo: '',
  },
  attributes: { userConfig: {}, inputSource: ['file'], output: ['MISP objects'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const lines = parseNdjson(importedText(query, 'Passive DNS COF file (ndjson)'));
    const dnsdbflex = isDnsdbflex(lines);
    const result = new MispResultBuilder();
    for (const [i, { line, entry }] of lines.entries()) {
      const problem = dnsdbflex ? dnsdbflexProblem(entry) : cofProblem(entry);
      if (problem) {
        throw MESSAGES.error('invalidRecord', { line, problem, format: dnsdbflex ? 'dnsdbflex' : 'COF', record: preview(entry) });
      }
      if (dnsdbflex) addDnsdbflexObject(result, entry);
      else addCofObject(result, entry);
      if ((i + 1) % LINES_PER_TURN === 0) {
        await nextMacrotask();
        ctx.signal.throwIfAborted();
      }
    }
    const { results } = result.toResults();
    return { results: { Object: results.Object ?? [] } };
  },
});
