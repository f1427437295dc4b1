/**
 * yara_syntax_validator: compiles a `yara` attribute with libyara and says
 * `Syntax valid` or `Syntax error: line N: <libyara's message>` (hover).
 *
 * As upstream, a rule is not failed for what it leaves to its context: when
 * libyara reports `undefined identifier "x"`, a YARA module of that name is
 * imported, and any other name is treated as an external variable with a
 * string value, then the rule is compiled again (at most 10 compiles).
 * Differences:
 * - libyara-wasm cannot declare externals, so the name's bare uses in
 *   conditions are replaced by the string "example.txt" (upstream's dummy
 *   value, so the same type checks apply). Imports are prepended on the
 *   first line: error line numbers stay those of the analyst's rule.
 * - The `time` and `console` modules are imported too. `cuckoo`, `magic`
 *   and `macho` are not in this build of libyara: a rule using them gets
 *   "Syntax not checked: …" instead of a false error.
 * - A name that stays undefined after its fix is reported at once, instead
 *   of compiling ten times for "Max validation attempts exceeded".
 * Compiling runs on the worker pool (see _shared/yara/compile.ts).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { compileYaraSource, describeYaraError } from '../_shared/yara/compile.js';
import { replaceIdentifiers, scanYara } from '../_shared/yara/scan.js';
import { AVAILABLE_MODULES } from '../_shared/yara/text.js';

const MESSAGES = defineMessages({
  missing: 'Yara rule missing',
  valid: 'Syntax valid',
  invalid: 'Syntax error: {error}',
  attempts: 'Syntax error: Max validation attempts exceeded',
  unavailable: 'Syntax not checked: the YARA module "{module}" is not available on this server (available: {available}).',
});

const MAX_ATTEMPTS = 10;
const DUMMY_EXTERNAL = '"example.txt"';
// Modules upstream imports automatically; those this libyara lacks cannot be checked.
const UPSTREAM_MODULES = ['pe', 'math', 'cuckoo', 'magic', 'hash', 'dotnet', 'elf', 'macho'];

function imports(rule: string, module: string): boolean {
  return new RegExp(`^\\s*import\\s+"${module}"`, 'm').test(rule);
}

/** The module a rule needs that this libyara lacks, from a compile error. */
function unavailableModule(message: string): string | undefined {
  const name = /^(?:undefined identifier|unknown module) "(\w+)"$/.exec(message)?.[1];
  return name && UPSTREAM_MODULES.includes(name) && !AVAILABLE_MODULES.includes(name) ? name : undefined;
}

/** The rule with the imports prepended (on line 1) and the externals given a value. */
function fixedSource(rule: string, modules: readonly string[], externals: ReadonlySet<string>): string {
  const prefix = modules.map((m) => `import "${m}" `).join('');
  if (externals.size === 0) return prefix + rule;
  const uses = scanYara(rule).identifiers.filter((id) => id.role === 'condition' && externals.has(id.name));
  return prefix + replaceIdentifiers(rule, uses, () => DUMMY_EXTERNAL);
}

async function validate(rule: string, ctx: ModuleContext): Promise<string> {
  const modules: string[] = [];
  const externals = new Set<string>();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { errors } = await compileYaraSource(ctx.workers, fixedSource(rule, modules, externals));
    const error = errors[0];
    if (!error) return MESSAGES.format('valid');
    const missing = unavailableModule(error.message);
    if (missing) {
      return MESSAGES.format('unavailable', { module: missing, available: AVAILABLE_MODULES.join(', ') });
    }
    const name = /undefined identifier "(\w+)"/.exec(error.message)?.[1];
    const fixable =
      name !== undefined &&
      (AVAILABLE_MODULES.includes(name) ? !modules.includes(name) && !imports(rule, name) : !externals.has(name));
    if (!fixable) return MESSAGES.format('invalid', { error: describeYaraError(error) });
    if (AVAILABLE_MODULES.includes(name)) modules.push(name);
    else externals.add(name);
  }
  return MESSAGES.format('attempts');
}

export default defineModule({
  name: 'yara_syntax_validator',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: {
    version: '0.2',
    author: 'Dennis Rand and Theo Geffe',
    description: 'An expansion hover module to perform a syntax check on if yara rules are valid or not.',
    name: 'YARA Syntax Validator',
    logo: 'yara.png',
    requirements: ['libyara (bundled, compiled to WebAssembly)'],
    features:
      'This modules simply takes a YARA rule as input, and checks its syntax. It returns then a confirmation if the' +
      ' syntax is valid, otherwise the syntax error is displayed. This modules can compile YARA rule even if there is' +
      ' externals variables or miss modules',
    references: ['http://virustotal.github.io/yara/'],
    input: 'YARA rule attribute.',
    output: 'Text to inform users if their rule is valid.',
  },
  attributes: { input: ['yara'], output: ['text'] },
  // Upstream answers its own message when the rule is missing or empty.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = findLegacyInput(query, ['yara']);
    if (!input) throw MESSAGES.error('missing');
    return legacyResults([{ types: ['text'], values: await validate(input.value, ctx) }]);
  },
});
