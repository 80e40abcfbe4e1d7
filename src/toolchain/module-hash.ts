// Every Go release (1.21.0 and later) is also the module golang.org/toolchain@v0.0.1-go<ver>.<os>-<arch>,
// whose h1 hash Go's checksum database records. That hash covers the release's binary tree file by
// file, so it can vouch for a Go tree already on the runner without downloading the archive. Pure:
// which files the module holds and under which names (cmd/distpack), the h1 hash over their names
// and SHA-256s (golang.org/x/mod/sumdb/dirhash Hash1), and the go.sum line format. The caller walks
// the tree and hashes the files.
import type { Problem } from '../lib/problem.js';
import { createHash } from 'node:crypto';
import type { TreeEntry } from '../lib/tree.js';
import type { Platform } from './platform.js';

export const TOOLCHAIN_MODULE = 'golang.org/toolchain';

/**
 * The top-level entries of the binary archive that distpack leaves out of the module zip
 * (`api/**`, `doc/**`, `misc/**`, `test/**`): the h1 hash says nothing about them.
 */
export const UNCOVERED = ['api', 'doc', 'misc', 'test'];

/** `v0.0.1-go1.24.1.linux-amd64`: the toolchain module's version for a release and platform. */
export function toolchainModuleVersion(goName: string, p: Platform): string {
  return `v0.0.1-${goName}.${p.goos}-${p.goarch}`;
}

/** Whether a path of the tree (relative, `/`-separated) is outside the module, so not covered. */
export function uncovered(rel: string): boolean {
  return UNCOVERED.includes(rel.split('/')[0]);
}

/**
 * The name a file of the extracted archive has in the module zip: under
 * `golang.org/toolchain@<version>/`, with every `go.mod` renamed `_go.mod` (a module zip holds one
 * go.mod only). Undefined for a file the module leaves out.
 */
export function moduleFileName(moduleVersion: string, rel: string): string | undefined {
  if (uncovered(rel)) return undefined;
  const name = `${TOOLCHAIN_MODULE}@${moduleVersion}/${rel}`;
  return name.endsWith('/go.mod') ? `${name.slice(0, -'go.mod'.length)}_go.mod` : name;
}

export interface HashedFile {
  /** The file's name in the module zip. */
  name: string;
  /** Lowercase hex SHA-256 of its bytes. */
  sha256: string;
}

/**
 * dirhash.Hash1: SHA-256 over the lines `"<hex sha256>  <name>\n"`, names sorted as Go's
 * sort.Strings sorts them (by UTF-8 bytes), as `h1:` + standard base64.
 */
export function hash1(files: HashedFile[]): string | Problem {
  const sorted = files.map((f) => ({ ...f, key: Buffer.from(f.name, 'utf8') })).sort((a, b) => Buffer.compare(a.key, b.key));
  const h = createHash('sha256');
  for (let i = 0; i < sorted.length; i++) {
    const { name, sha256 } = sorted[i];
    if (name.includes('\n')) return { problem: `a file name holds a newline: ${JSON.stringify(name)}` };
    if (i > 0 && name === sorted[i - 1].name) return { problem: `two files are ${name} in the module` };
    h.update(`${sha256}  ${name}\n`);
  }
  return `h1:${h.digest('base64')}`;
}

export type TreeHash = { h1: string; files: number; uncovered: number } | Problem;

/**
 * The h1 hash a tree would have as the toolchain module. A symlink or special file anywhere fails
 * (an official tree has none, and a link could point at anything); so does a covered file that was
 * not hashed. Files under `UNCOVERED` are counted, not hashed.
 */
export function treeModuleHash(moduleVersion: string, entries: TreeEntry[]): TreeHash {
  const files: HashedFile[] = [];
  let outside = 0;
  for (const e of entries) {
    if (e.kind === 'symlink') return { problem: `${e.path} is a symbolic link` };
    if (e.kind !== 'file') return { problem: `${e.path} is not a regular file` };
    const name = moduleFileName(moduleVersion, e.path);
    if (name === undefined) {
      outside++;
      continue;
    }
    if (!e.sha256) return { problem: `${e.path} was not hashed` };
    files.push({ name, sha256: e.sha256 });
  }
  const h1 = hash1(files);
  return typeof h1 === 'string' ? { h1, files: files.length, uncovered: outside } : h1;
}

/** `h1:` and the standard base64 of a SHA-256 (32 bytes: 43 characters and one `=`). */
export const H1 = /^h1:[A-Za-z0-9+/]{43}=$/;

/** A release's toolchain module version: `v0.0.1-go1.24.1.linux-amd64`, `v0.0.1-go1.25rc1.darwin-arm64`. */
export const MODULE_VERSION = /^v0\.0\.1-go\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?\.[a-z0-9]+-[a-z0-9]+$/;

export type ModuleSumLine = { version: string; h1: string } | { goMod: true } | Problem;

/**
 * A go.sum / checksum database line for the toolchain module:
 * `golang.org/toolchain v0.0.1-go1.24.1.linux-amd64 h1:BASE64=`. The `/go.mod` line the database
 * prints beside it (the hash of the one-line go.mod every toolchain module has) is recognized and
 * vouches for nothing.
 */
export function parseModuleSumLine(line: string): ModuleSumLine {
  const f = line.trim().split(/\s+/);
  if (f[0] !== TOOLCHAIN_MODULE) return { problem: `"${line.trim()}" is not a ${TOOLCHAIN_MODULE} line` };
  if (f.length !== 3) return { problem: `"${line.trim()}" is not "${TOOLCHAIN_MODULE} VERSION h1:HASH"` };
  const [, version, hash] = f;
  const goMod = version.endsWith('/go.mod');
  const v = goMod ? version.slice(0, -'/go.mod'.length) : version;
  if (!MODULE_VERSION.test(v))
    return {
      problem: `"${version}" is not a toolchain module version (v0.0.1-go<version>.<goos>-<goarch>, as v0.0.1-go1.24.1.linux-amd64)`,
    };
  if (!H1.test(hash)) return { problem: `"${hash}" is not an h1: hash (h1: and 44 characters of base64)` };
  return goMod ? { goMod: true } : { version: v, h1: hash };
}
