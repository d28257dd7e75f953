import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  key: string;
  /** Valid for 41 days from now, for localhost and 127.0.0.1. */
  valid: string;
  /** Expired on 2020-02-01, same key and names. */
  expired: string;
}

const DAYS_VALID = 41;
const NAMES = 'subjectAltName=DNS:localhost,IP:127.0.0.1';

// `openssl ca` is the only way OpenSSL 3.0 will write a certificate dated in the past.
const CA_CONFIG = `[ca]
default_ca = test
[test]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = names
copy_extensions = copy
[names]
commonName = supplied
`;

/** Generates a key and two self-signed certificates with the machine's openssl, in a temp dir removed afterwards. */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'opsdeck-certs-'));
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  try {
    writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '01\n');
    run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'key.pem',
      '-out', 'valid.pem', '-days', String(DAYS_VALID), '-subj', '/CN=localhost', '-addext', NAMES);
    run('req', '-new', '-key', 'key.pem', '-subj', '/CN=localhost', '-addext', NAMES, '-out', 'expired.csr');
    run('ca', '-batch', '-config', 'ca.cnf', '-selfsign', '-keyfile', 'key.pem', '-in', 'expired.csr',
      '-startdate', '20200101000000Z', '-enddate', '20200201000000Z', '-out', 'expired.pem');
    const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
    return { key: read('key.pem'), valid: read('valid.pem'), expired: read('expired.pem') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
