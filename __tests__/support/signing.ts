// Signing keys and commands for the e2e tests, with Debian's real tools: a self-signed
// code-signing certificate (openssl) for osslsigncode, and a passwordless minisign key pair.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tryRun } from './fixtures.ts';

/** A self-signed code-signing certificate and its key, and a passwordless minisign key pair. */
export function makeKeys(dir: string) {
  mkdirSync(dir, { recursive: true });
  const k = { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem'), pub: join(dir, 'minisign.pub'), sec: join(dir, 'minisign.key') };
  const req = tryRun('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    k.key,
    '-out',
    k.cert,
    '-days',
    '2',
    '-subj',
    '/CN=go-crossbuild test signer',
    '-addext',
    'extendedKeyUsage=codeSigning',
  ]);
  expect([req.status, req.stderr]).toEqual([0, expect.any(String)]);
  const gen = tryRun('minisign', ['-G', '-W', '-p', k.pub, '-s', k.sec]);
  expect([gen.status, gen.stderr]).toEqual([0, '']);
  return k;
}

/** osslsigncode's arguments: -in the binary, -out {signed}, as it takes no in-place signing. */
export const osslsign = (k: { cert: string; key: string }) =>
  ['osslsigncode', 'sign', '-certs', k.cert, '-key', k.key, '-n', 'go-crossbuild test', '-in', '{path}', '-out', '{signed}'].join('\n');
export const minisign = (k: { sec: string }) => ['minisign', '-S', '-s', k.sec, '-m', '{path}', '-x', '{signature}'].join('\n');

/** The zip's one .exe, extracted into a directory of its own. */
export function unzipExe(zip: string, into: string): string {
  mkdirSync(into, { recursive: true });
  expect(tryRun('unzip', ['-q', '-o', zip, '-d', into]).status).toBe(0);
  const exe = readdirSync(into).find((n) => n.endsWith('.exe'))!;
  return join(into, exe);
}
