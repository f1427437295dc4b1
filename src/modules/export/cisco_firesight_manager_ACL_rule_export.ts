/**
 * cisco_firesight_manager_ACL_rule_export: a shell script that gets a token
 * from a Cisco Firepower/fireSIGHT Management Center and adds, per event, one
 * BLOCK access rule with the event's ip-dst (destination networks) and url
 * (URL literals) attributes flagged for IDS. Only standalone attributes are
 * used, as upstream.
 *
 * Kept from upstream: the script's layout and commands, the placeholders used
 * for unset settings, URLs percent-encoded as Python's `quote` does.
 * Fixed:
 * - the rule JSON is built with real JSON strings and the script quotes every
 *   value for the shell (upstream pasted the event info and the settings raw
 *   between single quotes: a quote in them broke the script or ran commands);
 * - an event with nothing to block gets no rule (upstream added a BLOCK rule
 *   with no destinations and no URLs, which blocks all traffic);
 * - several events give one rule each (upstream merged them under the last
 *   event's name); an already percent-encoded URL is not encoded twice;
 * - the credentials are encoded with `printf '%s'` instead of `echo -n`
 *   (which some POSIX shells print literally), inside `$(...)` (a backquote
 *   in the password ended upstream's backquoted command), and base64's line
 *   wrapping of long credentials is removed;
 * - the script ends with a line break.
 */
import { defineModule } from '../../core/module.js';
import type { NormalizedEvent } from '../../misp/event.js';
import { exportEvents } from './_text/events.js';
import { EVENTS_MESSAGES } from './_text/messages.js';
import { exportFile } from './_text/file.js';
import { shellQuote } from './_text/literals.js';
import { quoteUrl } from './_text/url-quote.js';

const URL_SAFE = '@/:;?&=-_.,+!*';

const TOKEN_LINE =
  'ACC_TOKEN=`curl -X POST -v -k -sD - -o /dev/null -H "Authorization: Basic $LOGINPASS_BASE64" -i' +
  ' "https://$FIRESIGHT_IP_ADDR/api/fmc_platform/v1/auth/generatetoken" | grep -i x-auth-acc | sed \'s/.*:\\ //g\'' +
  " | tr -d '[:space:]' | tr -d '\\n'`\n";

const ADD_RULE =
  'curl -X POST -v -k -H \'Content-Type: application/json\' -H "Authorization: Basic $LOGINPASS_BASE64"' +
  ' -H "X-auth-access-token: $ACC_TOKEN" -i' +
  ' "https://$FIRESIGHT_IP_ADDR/api/fmc_config/v1/domain/$DOMAIN_ID/policy/accesspolicies/$ACPOLICY_ID/accessrules"' +
  ' --data "$BLOCK_RULE"\n';

const json = (value: string): string => JSON.stringify(value);

/** The rule's JSON, in upstream's spacing; undefined when the event has nothing to block. */
function blockRule(event: NormalizedEvent): string | undefined {
  const hosts: string[] = [];
  const urls: string[] = [];
  for (const attribute of event.attributes) {
    if (!attribute.to_ids) continue;
    if (attribute.type === 'ip-dst') hosts.push(`{ "type": "Host", "value": ${json(attribute.value)} } `);
    else if (attribute.type === 'url') urls.push(`{ "type": "Url", "url": ${json(quoteUrl(attribute.value, URL_SAFE))} } `);
  }
  if (hosts.length === 0 && urls.length === 0) return undefined;
  const name = `misp_event_${event.event.id ?? event.event.uuid}`;
  return (
    `{ "action": "BLOCK", "enabled": true, "type": "AccessRule", "name": ${json(name)},` +
    ` "destinationNetworks": { "literals": [ ${hosts.join(', ')} ] },` +
    ` "urls": { "literals": [ ${urls.join(', ')} ]  },` +
    ` "newComments": [ ${json(event.event.info)} ] }`
  );
}

export default defineModule({
  name: 'cisco_firesight_manager_ACL_rule_export',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '1',
    author: 'Stanislav Klevtsov',
    description: 'Module to export malicious network activity attributes to Cisco fireSIGHT manager block rules.',
    name: 'Cisco fireSIGHT blockrule Export',
    logo: 'cisco.png',
    requirements: ['Firesight manager console credentials'],
    features:
      'The module goes through the attributes to find all the network activity ones in order to create block rules' +
      ' for the Cisco fireSIGHT manager.',
    references: [],
    input: 'Network activity attributes (IPs, URLs).',
    output: 'Cisco fireSIGHT manager block rules.',
  },
  config: {
    fmc_ip_addr: { description: 'Address of the Firesight Management Center.', default: '0.0.0.0' },
    fmc_login: { description: 'FMC API user name.', default: 'login' },
    fmc_pass: { description: 'FMC API password (written into the script).', secret: true, default: 'password' },
    domain_id: { description: 'FMC domain UUID.', default: 'SET_FIRESIGHT_DOMAIN_ID' },
    acpolicy_id: { description: 'Id of the access control policy the rules are added to.', default: 'SET_FIRESIGHT_ACPOLICY_ID' },
  },
  messages: EVENTS_MESSAGES,
  attributes: { responseType: 'application/txt', outputFileExtension: 'sh', inputSource: ['event'] },
  async handle(query, ctx) {
    const setting = (name: string): string => ctx.config[name] ?? '';
    const rules = exportEvents(query).map((event) => ({ event, rule: blockRule(event) }));
    let output = '#!/bin/sh\n\n';
    if (rules.every((r) => r.rule === undefined)) {
      output += '# Nothing to block: no ip-dst or url attribute of the event is flagged for IDS (to_ids).\n';
      return exportFile(output);
    }
    output += `FIRESIGHT_IP_ADDR=${shellQuote(setting('fmc_ip_addr'))}\n`;
    // $(...), not backquotes: a backquote in a quoted password would end a `...` substitution.
    const credentials = shellQuote(`${setting('fmc_login')}:${setting('fmc_pass')}`);
    output += `LOGINPASS_BASE64=$(printf '%s' ${credentials} | base64 | tr -d '\\n')\n`;
    output += `DOMAIN_ID=${shellQuote(setting('domain_id'))}\n`;
    output += `ACPOLICY_ID=${shellQuote(setting('acpolicy_id'))}\n\n`;
    output += TOKEN_LINE;
    for (const { event, rule } of rules) {
      if (rule === undefined) {
        output += `\n# MISP event ${event.event.id ?? event.event.uuid}: no ip-dst or url attribute flagged for IDS, no rule.\n`;
        continue;
      }
      output += `\nBLOCK_RULE=${shellQuote(rule)}\n\n\n\n${ADD_RULE}`;
    }
    return exportFile(output);
  },
});
