import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePublicKey, parseSignature, signatureProblem, type PublicKey, type Signature } from '../../../src/cc/minisign.js';
import { ZIG_PUBLIC_KEY } from '../../../src/cc/zig-release.js';
import { minisign, newTestKey } from '../../support/zig.ts';

const blake = (b: Buffer) => createHash('blake2b512').update(b).digest();

describe('minisign', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minisign-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'zig-x86_64-linux-0.15.2.tar.xz');
  writeFileSync(file, 'pretend archive bytes');

  it("reads zig's published key", () => {
    const k = parsePublicKey(ZIG_PUBLIC_KEY) as PublicKey;
    expect(k.keyId).toBe(Buffer.from(ZIG_PUBLIC_KEY, 'base64').subarray(2, 10).toString('hex'));
    expect(parsePublicKey('RWnotakey')).toEqual({ problem: expect.stringContaining('not a minisign public key') });
    expect(parsePublicKey(`untrusted comment: minisign public key\n${ZIG_PUBLIC_KEY}\n`)).toMatchObject({ keyId: k.keyId });
  });

  it('verifies what the minisign program signs, and refuses it for another file', () => {
    // Debian's minisign, so that the format is minisign's own, not only what the tests write.
    execFileSync('minisign', ['-G', '-W', '-f', '-p', join(dir, 'k.pub'), '-s', join(dir, 'k.key')], { stdio: 'ignore' });
    execFileSync(
      'minisign',
      ['-S', '-s', join(dir, 'k.key'), '-m', file, '-t', 'timestamp:1\tfile:zig-x86_64-linux-0.15.2.tar.xz\thashed'],
      {
        stdio: 'ignore',
      },
    );
    const key = parsePublicKey(readFileSync(join(dir, 'k.pub'), 'utf8')) as PublicKey;
    const sig = parseSignature(readFileSync(`${file}.minisig`, 'utf8')) as Signature;
    expect(sig.algorithm).toBe('ED');
    expect(signatureProblem(sig, key, blake(readFileSync(file)), 'zig-x86_64-linux-0.15.2.tar.xz')?.problem).toBeUndefined();
    expect(signatureProblem(sig, key, blake(Buffer.from('other bytes')), 'zig-x86_64-linux-0.15.2.tar.xz')?.problem).toBe(
      'the signature does not match the file',
    );
    expect(signatureProblem(sig, key, blake(readFileSync(file)), 'zig-x86_64-linux-0.16.0.tar.xz')?.problem).toBe(
      'its trusted comment names zig-x86_64-linux-0.15.2.tar.xz, not zig-x86_64-linux-0.16.0.tar.xz',
    );
  });

  it("verifies the tests' own signatures with the minisign program", () => {
    const k = newTestKey();
    writeFileSync(join(dir, 't.pub'), `untrusted comment: test key\n${k.publicKey}\n`);
    writeFileSync(`${file}.t.minisig`, minisign(k, file, 'zig-x86_64-linux-0.15.2.tar.xz'));
    execFileSync('minisign', ['-V', '-p', join(dir, 't.pub'), '-m', file, '-x', `${file}.t.minisig`], { stdio: 'ignore' });
  });

  it('refuses another key, a forged trusted comment and the legacy form', () => {
    const k = newTestKey();
    const other = newTestKey();
    const digest = blake(readFileSync(file));
    const sig = parseSignature(minisign(k, file, 'zig-x86_64-linux-0.15.2.tar.xz')) as Signature;
    const key = parsePublicKey(k.publicKey) as PublicKey;
    expect(signatureProblem(sig, parsePublicKey(other.publicKey) as PublicKey, digest, 'zig-x86_64-linux-0.15.2.tar.xz')?.problem).toMatch(
      /^it was made with key/,
    );
    expect(
      signatureProblem(
        { ...sig, trustedComment: sig.trustedComment.replace('0.15.2', '0.16.0') },
        key,
        digest,
        'zig-x86_64-linux-0.16.0.tar.xz',
      )?.problem,
    ).toBe('the trusted comment is not signed by the key');
    expect(signatureProblem({ ...sig, algorithm: 'Ed' }, key, digest, 'zig-x86_64-linux-0.15.2.tar.xz')?.problem).toMatch(/legacy/);
    expect(parseSignature('not a signature')).toEqual({ problem: 'not a minisign signature file' });
  });
});
