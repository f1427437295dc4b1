/**
 * yara_query: a YARA rule matching a file by its hash (md5, sha1, sha256,
 * their filename| variants, imphash), checked with libyara, offered as a
 * `yara` attribute (expansion and hover). The rule text is upstream's,
 * byte for byte (`\r\n` line ends, tabs):
 *
 *   import "hash"
 *   rule MD5_<attribute uuid> {
 *   	condition:
 *   		hash.md5(0, filesize) == "<lowercased hash>"
 *   }
 *
 * `pe.imphash()` for an imphash. Differences: the hash is written as a
 * quoted YARA string (upstream pasted it raw, so a `"` in the value changed
 * the rule), and `filename|hash` values are split at their last `|` (a file
 * name may hold one; upstream crashed).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { compileYaraSource, describeYaraError } from '../_shared/yara/compile.js';
import { yaraString } from '../_shared/yara/text.js';

const INPUT = ['md5', 'sha1', 'sha256', 'filename|md5', 'filename|sha1', 'filename|sha256', 'imphash'];
const MESSAGES = defineMessages({
  wrongInput: `Wrong input type, please choose in the following: ${INPUT.join(', ')}`,
  invalid: 'Syntax error: {error}',
});

/** The first input type present in the query (upstream: any value, even empty). */
function inputAttribute(query: Record<string, unknown>): { type: string; value: string } | undefined {
  for (const type of INPUT) {
    if (!(type in query)) continue;
    const value = query[type];
    if (typeof value === 'string' || typeof value === 'number') return { type, value: String(value) };
    return undefined;
  }
  return undefined;
}

/** The rule upstream writes for one hash. */
export function hashRule(type: string, value: string, uuid?: string): string {
  let hashType = type;
  let hash = value;
  if (type.startsWith('filename|')) {
    hashType = type.slice('filename|'.length);
    hash = value.slice(value.lastIndexOf('|') + 1);
  }
  const [module, params] = hashType === 'imphash' ? ['pe', '()'] : ['hash', '(0, filesize)'];
  const name = uuid ? `${hashType.toUpperCase()}_${uuid.replace(/[^A-Za-z0-9_]+/g, '_')}` : hashType.toUpperCase();
  const condition = `${module}.${hashType}${params} == ${yaraString(hash.toLowerCase())}`;
  return [`import "${module}"\r\nrule ${name} {`, `\tcondition:\r\n\t\t${condition}`, '}'].join('\r\n');
}

export default defineModule({
  name: 'yara_query',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'Christian STUDER',
    description:
      'The module takes a hash attribute (md5, sha1, sha256, imphash) as input, and is returning a YARA rule from it.',
    name: 'YARA Rule Generator',
    require_standard_format: true,
    logo: 'yara.png',
    requirements: ['libyara (bundled, compiled to WebAssembly)'],
    features:
      'The module takes a hash attribute (md5, sha1, sha256, imphash) as input, and is returning a YARA rule from it.' +
      " This YARA rule is also validated using the same method as in 'yara_syntax_validator' module.\nBoth hover and" +
      ' expansion functionalities are supported with this module, where the hover part is displaying the resulting' +
      ' YARA rule and the expansion part allows you to add the rule as a new attribute, as usual with expansion' +
      ' modules.',
    references: ['https://virustotal.github.io/yara/', 'https://github.com/virustotal/yara-python'],
    input:
      'MISP Hash attribute (md5, sha1, sha256, imphash, or any of the composite attribute with filename and one of' +
      ' the previous hash type).',
    output: 'YARA rule.',
  },
  attributes: { input: INPUT, output: ['yara'] },
  // Upstream answers its own message for a wrong input type.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = inputAttribute(query);
    if (!input) throw MESSAGES.error('wrongInput');
    const uuid = query['attribute_uuid'];
    const rule = hashRule(input.type, input.value, typeof uuid === 'string' && uuid !== '' ? uuid : undefined);
    const { errors } = await compileYaraSource(ctx.workers, rule);
    if (errors[0]) throw MESSAGES.error('invalid', { error: describeYaraError(errors[0]) });
    return legacyResults([{ types: ['yara'], values: rule }]);
  },
});
