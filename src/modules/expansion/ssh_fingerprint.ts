/**
 * ssh_fingerprint: connects to an IP address's SSH port, reads the server's
 * version line (its banner), sends `SSH-2.0-MISP_Fingerprint_Module`, reads
 * the server's KEXINIT packet and answers a `passive-ssh` object.
 *
 * Kept from upstream: the name, the inputs (ip-src, ip-dst), the misp_standard
 * answer (the input attribute, and a `passive-ssh` object with host, port,
 * banner and `fingerprint` = sha256 of the KEXINIT packet, linked to the input
 * with `related-to`), a failure to reach the server answered as a text
 * attribute "SSH error for {ip}: {reason}" (comment "SSH Fingerprint - error")
 * with "Connection timed out" and "Connection refused (port closed)" worded as
 * upstream, and the errors "Missing or invalid attribute." and
 * "Unsupported attribute type: {type}". The fingerprint hashes the server's
 * KEXINIT, which holds a random cookie: it differs at every connection (as
 * upstream's does).
 * Kept too: the settings `port` and `timeout`, declared as upstream declares
 * them, so MISP can set them.
 * Fixed: the address goes through the URL guard (a loopback, private,
 * link-local or metadata address is refused before any connection unless the
 * admin allows it with --allow-url-range);
 * the banner is the server's version line, also when the server sends other
 * lines first or its KEXINIT in the same segment (upstream took the first 256
 * bytes); the hash covers exactly the KEXINIT packet, read whole, and only a
 * KEXINIT (upstream hashed whatever its first 4096-byte read returned); a
 * server that sends no SSH version line is said so instead of being reported
 * as a banner; an invalid `port` or `timeout` setting or a value that is no
 * IP address is a clear error instead of a crash or a lookup.
 */
import { isIP } from 'node:net';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { ConnectError } from '../../net/index.js';
import { checkAttribute } from './_direct/attribute.js';
import { portSetting, timeoutSetting } from './_direct/settings.js';
import { sshGreeting, type SshGreeting } from './_direct/ssh-handshake.js';

const INPUTS = ['ip-src', 'ip-dst'] as const;
const DEFAULT_PORT = 22;
const DEFAULT_TIMEOUT_SECONDS = 5;
/** A version line and a KEXINIT are a few kilobytes; nothing more is read. */
const MAX_BYTES = 64 * 1024;

const MESSAGES = defineMessages({
  invalidAttribute: 'Missing or invalid attribute.',
  unsupportedType: 'Unsupported attribute type: {type}',
  notAnIp: '{value} is not an IP address.',
  invalidPort: 'Invalid port setting "{value}": expected a number from 1 to 65535.',
  invalidTimeout: 'Invalid timeout setting "{value}": expected a number of seconds (up to 3600).',
  sshError: 'SSH error for {ip}: {reason}',
  timedOut: 'Connection timed out',
  refused: 'Connection refused (port closed)',
  noVersionLine: '{server} did not send an SSH version line',
});

/** Upstream's wording for the failures it names; our message for the others. */
function failureReason(error: ConnectError): string {
  if (error.code === 'CONNECT_TIMEOUT' || error.code === 'READ_TIMEOUT') return MESSAGES.format('timedOut');
  if (error.code === 'REFUSED') return MESSAGES.format('refused');
  return error.message.replace(/\.$/, '');
}

export default defineModule({
  name: 'ssh_fingerprint',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.2',
    author: 'Mihai Saveanu',
    description: 'Grab SSH server fingerprint from an IP and return as passive-ssh MISP object.',
    name: 'SSH Fingerprint',
    logo: '',
    requirements: [],
    features:
      'The module takes an IP address attribute as input, connects to port 22, performs the SSH protocol version exchange ' +
      'and key exchange init to extract the server host key algorithms and SSH banner. Returns a structured passive-ssh MISP ' +
      'object. Useful for detecting MitM attacks or verifying server identity.',
    references: ['https://tools.ietf.org/html/rfc4253'],
    input: 'An IP address attribute (ip-src or ip-dst).',
    output: 'passive-ssh MISP object with banner and fingerprint.',
  },
  config: {
    port: { description: 'TCP port of the SSH server (default 22).' },
    timeout: { description: 'Seconds to wait for the connection and for each answer (default 5).' },
  },
  attributes: { input: [...INPUTS], format: 'misp_standard' },
  // Upstream answers its own texts for a missing or wrong attribute.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const checked = checkAttribute(query, INPUTS);
    if (!checked.ok) {
      throw checked.problem === 'invalid' ? MESSAGES.error('invalidAttribute') : MESSAGES.error('unsupportedType', { type: checked.type });
    }
    const { attribute } = checked;
    const ip = attribute.value.trim();
    if (isIP(ip) === 0) throw MESSAGES.error('notAnIp', { value: attribute.value });
    const port = portSetting(ctx.config['port'], DEFAULT_PORT);
    if (port === undefined) throw MESSAGES.error('invalidPort', { value: ctx.config['port'] });
    const timeoutMs = timeoutSetting(ctx.config['timeout'], DEFAULT_TIMEOUT_SECONDS);
    if (timeoutMs === undefined) throw MESSAGES.error('invalidTimeout', { value: ctx.config['timeout'] });

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const failed = (reason: string) => {
      result.addAttribute({ type: 'text', value: MESSAGES.format('sshError', { ip, reason }), comment: 'SSH Fingerprint - error' });
      return result.toResults();
    };

    let greeting: SshGreeting;
    try {
      const connection = await ctx.net.connect({ host: ip, port, userAddress: true, connectTimeoutMs: timeoutMs, readTimeoutMs: timeoutMs, maxBytes: MAX_BYTES });
      try {
        greeting = await sshGreeting(connection);
      } finally {
        connection.close();
      }
    } catch (error) {
      if (error instanceof ConnectError) return failed(failureReason(error));
      throw error;
    }
    if (greeting.banner === undefined) return failed(MESSAGES.format('noVersionLine', { server: `${ip}:${port}` }));

    const ssh = result.addObject('passive-ssh', [
      ['host', ip],
      ['port', port],
      ['banner', greeting.banner],
      ['fingerprint', greeting.kexHash],
    ]);
    result.addReference(ssh.uuid, attribute.uuid, 'related-to');
    return result.toResults();
  },
});
