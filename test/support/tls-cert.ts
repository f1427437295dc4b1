/**
 * A throwaway self-signed certificate for HTTPS fakes, made with the openssl
 * command line (.ci/run installs it when a machine lacks it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
