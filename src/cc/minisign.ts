// minisign signatures, as zig signs its archives: an Ed25519 signature over the file's BLAKE2b-512
// (the prehashed `ED` form), and a second one over that signature plus the trusted comment, which
// names the file. Pure over bytes and texts; node:crypto does the Ed25519.
import type { Problem } from '../lib/problem.js';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export interface PublicKey {
  /** 8 bytes, as hex: a signature names the key it was made with. */
  keyId: string;
  key: KeyObject;
}

// DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it.
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');

/** A minisign public key (`RW…`, the base64 line of a .pub file), or a problem in words. */
export function parsePublicKey(text: string): PublicKey | Problem {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('untrusted comment:'))[0];
  const raw = line && /^[A-Za-z0-9+/]+={0,2}$/.test(line) ? Buffer.from(line, 'base64') : Buffer.alloc(0);
  if (raw.length !== 42 || raw.toString('latin1', 0, 2) !== 'Ed')
    return { problem: 'not a minisign public key (the base64 line of a .pub file, RW…)' };
  return {
    keyId: raw.subarray(2, 10).toString('hex'),
    key: createPublicKey({ key: Buffer.concat([ED25519_SPKI, raw.subarray(10)]), format: 'der', type: 'spki' }),
  };
}

export interface Signature {
  algorithm: 'ED' | 'Ed';
  keyId: string;
  signature: Buffer;
  trustedComment: string;
  globalSignature: Buffer;
}

/** The four lines of a .minisig file. */
export function parseSignature(text: string): Signature | Problem {
  const lines = text.split(/\r?\n/);
  const [, sigLine, trustedLine, globalLine] = lines;
  if (!lines[0]?.startsWith('untrusted comment:') || !trustedLine?.startsWith('trusted comment: '))
    return { problem: 'not a minisign signature file' };
  const sig = Buffer.from(sigLine ?? '', 'base64');
  const global = Buffer.from(globalLine ?? '', 'base64');
  const algorithm = sig.toString('latin1', 0, 2);
  if (sig.length !== 74 || (algorithm !== 'ED' && algorithm !== 'Ed') || global.length !== 64)
    return { problem: 'not a minisign signature file' };
  return {
    algorithm,
    keyId: sig.subarray(2, 10).toString('hex'),
    signature: sig.subarray(10),
    trustedComment: trustedLine.slice('trusted comment: '.length),
    globalSignature: global,
  };
}

/**
 * Why a signature does not vouch for a file, or undefined when it does: made with `key`, over the
 * file's BLAKE2b-512 (`digest`), with a trusted comment that is signed too and names `file`.
 */
export function signatureProblem(sig: Signature, key: PublicKey, digest: Buffer, file: string): Problem | undefined {
  if (sig.keyId !== key.keyId) return { problem: `it was made with key ${sig.keyId}, not ${key.keyId}` };
  // The legacy form signs the whole file, which is not kept: zig signs prehashed (ED).
  if (sig.algorithm !== 'ED') return { problem: 'it is a legacy (not prehashed) minisign signature, which this action does not check' };
  if (!verify(null, digest, key.key, sig.signature)) return { problem: 'the signature does not match the file' };
  if (!verify(null, Buffer.concat([sig.signature, Buffer.from(sig.trustedComment)]), key.key, sig.globalSignature))
    return { problem: 'the trusted comment is not signed by the key' };
  const named = /(?:^|\s)file:(\S+)/.exec(sig.trustedComment)?.[1];
  if (named !== file) return { problem: `its trusted comment names ${named ?? 'no file'}, not ${file}` };
  return undefined;
}
