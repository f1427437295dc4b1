/**
 * A throwaway self-signed certificate for HTTPS fakes, made with the openssl
 * command line (.ci/run installs it when a machine lacks it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  key: string;
  cert: string;
  /** The certificate as a PEM file, usable as `caFile`. */
  certFile: string;
  cleanup(): void;
}

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Valid for 127.0.0.1 and the given DNS names. */
export function createTestCertificate(dnsNames: string[] = []): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'misp-modules-cert-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const san = ['IP:127.0.0.1', ...dnsNames.map((name) => `DNS:${name}`)].join(',');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', '/CN=misp-modules test', '-addext', `subjectAltName=${san}`, '-keyout', keyFile, '-out', certFile],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
    certFile,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A throwaway certificate authority: trusted by a test through the server's `caFile` setting. */
export interface TestCa {
  key: string;
  cert: string;
  /** The CA certificate as a PEM file (`caFile`). */
  certFile: string;
  /** Signs a server certificate. */
  issue(options: LeafOptions): { key: string; cert: string };
  cleanup(): void;
}

export interface LeafOptions {
  /** e.g. `/O=Example Ltd/CN=www.example.test`. */
  subject: string;
  dnsNames?: string[];
  ips?: string[];
  /** Validity from now (default 400). */
  days?: number;
  /** Hexadecimal serial number, e.g. `0A1B2C3D4E5F`. */
  serial?: string;
}

/**
 * A CA (`/O=…/CN=…` of `subject`) whose server certificates carry the given
 * names: verification by the client is real, against this CA only.
 */
export function createTestCa(subject = '/O=MISP Modules Test CA/CN=MISP Modules Test Root'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'misp-modules-ca-'));
  const path = (name: string) => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  writeFileSync(path('req.cnf'), '[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = unused\n[ca]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n');
  execFileSync('openssl', ['req', '-x509', '-config', path('req.cnf'), '-extensions', 'ca', ...ec, '-days', '30', '-subj', subject, '-keyout', path('ca.key'), '-out', path('ca.pem')], { stdio: 'ignore' });
  let count = 0;
  return {
    key: readFileSync(path('ca.key'), 'utf8'),
    cert: readFileSync(path('ca.pem'), 'utf8'),
    certFile: path('ca.pem'),
    issue(options) {
      count += 1;
      const names = [...(options.dnsNames ?? []).map((n) => `DNS:${n}`), ...(options.ips ?? []).map((ip) => `IP:${ip}`)];
      const ext = path(`leaf${count}.ext`);
      writeFileSync(ext, `basicConstraints = CA:FALSE\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\nauthorityKeyIdentifier = keyid\n${names.length ? `subjectAltName = ${names.join(',')}\n` : ''}`);
      execFileSync('openssl', ['req', '-new', '-config', path('req.cnf'), ...ec, '-subj', options.subject, '-keyout', path(`leaf${count}.key`), '-out', path(`leaf${count}.csr`)], { stdio: 'ignore' });
      execFileSync('openssl', ['x509', '-req', '-in', path(`leaf${count}.csr`), '-CA', path('ca.pem'), '-CAkey', path('ca.key'),
        '-set_serial', `0x${options.serial ?? (count + 1000).toString(16)}`, '-days', String(options.days ?? 400), '-extfile', ext, '-out', path(`leaf${count}.pem`)], { stdio: 'ignore' });
      return { key: readFileSync(path(`leaf${count}.key`), 'utf8'), cert: readFileSync(path(`leaf${count}.pem`), 'utf8') };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
