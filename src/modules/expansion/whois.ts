/**
 * whois: asks the MISP admin's uwhoisd (https://github.com/Lookyloo/uwhoisd)
 * about a domain or IP address over its raw protocol: one TCP connection to
 * `server`:`port`, the query and a newline, the answer read until the server
 * closes, given to MISP as freetext.
 *
 * Kept from upstream: the name, the legacy inputs (domain, ip-src, ip-dst,
 * first present wins), the settings `server` and `port`, the answer
 * `{"types": ["freetext"], "values": "<the whois text>"}`, answering only
 * requests made from an event (with `event_id`), and the errors
 * "Unsupported attributes type" and "Whois local instance address is missing".
 * The server is the admin's choice: it is reached as configured, not
 * URL-guarded; the attribute's value is only ever the line sent to it.
 * Fixed: a request without `event_id` gets a clear error instead of `null`
 * (which MISP shows as "service not reachable"); a `server` without a `port`
 * (or the reverse) is said to be missing instead of crashing; a value holding
 * a line break (which would send the server a second query) is refused; the
 * connection and every read time out (upstream could wait forever) and stop
 * with the query; the answer is capped at 1 MiB; an answer that is not valid
 * UTF-8 is shown with replacement characters instead of crashing; an
 * unreachable server is named in the error.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';

const INPUTS = ['domain', 'ip-src', 'ip-dst'] as const;
const MAX_ANSWER_BYTES = 1024 * 1024;

const MESSAGES = defineMessages({
  unsupported: 'Unsupported attributes type',
  missingServer: 'Whois local instance address is missing',
  invalidPort: 'Invalid port setting "{value}": expected a number from 1 to 65535.',
  notFromEvent: 'The whois module answers only queries made from an event (this request has no event_id).',
  notOneLine: 'The value to look up must be a single line: {value}',
});

function portNumber(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

export default defineModule({
  name: 'whois',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.1',
    author: 'Raphaël Vinot',
    description: 'Module to query a local instance of uwhois (https://github.com/rafiot/uwhoisd).',
    name: 'Whois Lookup',
    logo: '',
    requirements: [],
    features:
      "This module takes a domain or IP address attribute as input and queries a 'Univseral Whois proxy server' to get the " +
      'correct details of the Whois query on the input value (check the references for more details about this whois server).',
    references: ['https://github.com/Lookyloo/uwhoisd'],
    input: 'A domain or IP address attribute.',
    output: 'Text describing the result of a whois request for the input value.',
  },
  config: {
    server: { description: 'Host name or IP address of your uwhoisd server (reached as configured).' },
    port: { description: 'TCP port of your uwhoisd server (uwhoisd listens on 4243 by default).' },
  },
  attributes: { input: [...INPUTS], output: ['freetext'] },
  // Upstream answers its own text when no input is present.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = findLegacyInput(query, INPUTS);
    if (!input) throw MESSAGES.error('unsupported');
    const server = ctx.config['server']?.trim();
    const portText = ctx.config['port']?.trim();
    if (!server || !portText) throw MESSAGES.error('missingServer');
    const port = portNumber(portText);
    if (port === undefined) throw MESSAGES.error('invalidPort', { value: portText });
    if (!('event_id' in query)) throw MESSAGES.error('notFromEvent');
    if (/[\r\n]/.test(input.value)) throw MESSAGES.error('notOneLine', { value: JSON.stringify(input.value) });

    const connection = await ctx.net.connect({ host: server, port, service: `uwhoisd at ${server}:${port}`, maxBytes: MAX_ANSWER_BYTES });
    try {
      await connection.write(`${input.value}\n`);
      const answer = await connection.readToEnd();
      return legacyResults([{ types: ['freetext'], values: answer.toString('utf8') }]);
    } finally {
      connection.close();
    }
  },
});
