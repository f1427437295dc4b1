/**
 * socialscan (hover): is an email address or a username used on a set of
 * online platforms? The checks the socialscan library makes on each
 * platform's sign-up / availability endpoints (_socialscan/platforms.ts),
 * run in parallel over `ctx.http`, each platform at its real host
 * (`--upstream HOST=URL` redirects any of them).
 *
 * Kept from upstream: the name, hover only, the input types (github-username:
 * GitHub only; target-user: the username platforms; the email types: the
 * email platforms), the platform order and the legacy text lines ("No
 * account linked to the <feature> on <platform>.", "There is an account …",
 * "Invalid response from <platform>, or invalid <feature>.", "Unable to
 * retrieve the <feature> on <platform>.") and "Unsupported attributes type".
 * Fixed: upstream imports platforms the current socialscan release no longer
 * lists (Snapchat, Lastfm, Yahoo, Spotify) and so fails to load: the checks
 * of Snapchat, Lastfm and Yahoo are kept from the library's code; Spotify,
 * which the library dropped, is not checked. Each platform gets at most
 * socialscan's 15 s, and four fifths of the query's own `timeout` when the
 * query carries one, so a platform that hangs fails alone ("Unable to
 * retrieve …") instead of timing out the whole answer.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { LegacyResultBuilder } from '../../misp/legacy-result.js';
import { PLATFORMS, platformClient, runCheck, type Outcome } from './_socialscan/platforms.js';

const INPUT_TYPES = ['github-username', 'target-user', 'email', 'email-src', 'email-dst', 'target-email', 'whois-registrant-email'] as const;
const COMMON = ['Instagram', 'Twitter', 'GitHub', 'Tumblr', 'Lastfm'];
const EMAIL_PLATFORMS = ['Pinterest', 'Firefox', ...COMMON];
const USERNAME_PLATFORMS = ['Snapchat', 'GitLab', 'Reddit', 'Yahoo', ...COMMON];
/** socialscan's per-request limit (seconds), kept within the query's time. */
const PLATFORM_TIMEOUT_MS = 15_000;

const MESSAGES = defineMessages({
  unsupported: 'Unsupported attributes type',
});

function line(outcome: Outcome, feature: string, platform: string): string {
  if (outcome === 'failure') return `Unable to retrieve the ${feature} on ${platform}.`;
  if (outcome === 'invalid') return `Invalid response from ${platform}, or invalid ${feature}.`;
  return `${outcome === 'available' ? 'No account' : 'There is an account'} linked to the ${feature} on ${platform}.`;
}

export default defineModule({
  name: 'socialscan',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: {
    version: '1',
    author: 'Christian Studer',
    description: 'A hover module to get information on the availability of an email address or username on some online platforms.',
    name: 'Socialscan Lookup',
    logo: '',
    requirements: [],
    features:
      'The module takes an email address or username as input and check its availability on some online platforms. The results for each ' +
      'platform are then returned to see if the email address or the username is used, available or if there is an issue with it.',
    references: ['https://github.com/iojw/socialscan'],
    input: 'An email address or usename attribute.',
    output: 'Text containing information about the availability of an email address or a username in some online platforms.',
  },
  attributes: { input: [...INPUT_TYPES], output: ['text'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = findLegacyInput(query, INPUT_TYPES);
    const value = input?.value.trim();
    if (!input || !value) throw MESSAGES.error('unsupported');
    const [names, feature, field] =
      input.type === 'github-username'
        ? [['GitHub'], 'username', 'username' as const]
        : input.type === 'target-user'
          ? [USERNAME_PLATFORMS, 'username', 'username' as const]
          : [EMAIL_PLATFORMS, 'email address', 'email' as const];

    const querySeconds = typeof query['timeout'] === 'number' && query['timeout'] > 0 ? query['timeout'] : undefined;
    const timeoutMs = querySeconds ? Math.min(PLATFORM_TIMEOUT_MS, Math.floor(querySeconds * 800)) : PLATFORM_TIMEOUT_MS;
    const outcomes = await Promise.all(
      names.map((name) => {
        const check = PLATFORMS[name]![field]!;
        return runCheck(check, platformClient(ctx.http, name, timeoutMs), value, () => ctx.signal.aborted);
      }),
    );
    const result = new LegacyResultBuilder();
    names.forEach((name, i) => result.add({ types: ['text'], values: line(outcomes[i]!, feature, name) }));
    return result.toResults();
  },
});
