// The module cache's manifest: every file of the tree, with its size and SHA-256, written into the
// tree just before it is saved and checked against what a restore extracted. Go trusts an extracted
// module directory as it finds it (and a .zip beside its .ziphash), so an archive cut at a file
// boundary, or with a file changed, would break every build on its key. @actions/cache chooses the
// archive's order, so the manifest can come anywhere in it: a tree without one counts as incomplete.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { files } from './disk.js';

/** The manifest's name at the tree's root: a dot name, which no module path's first element can take. */
export const MANIFEST = '.go-crossbuild-manifest.json';

export interface FileDigest {
  size: number;
  sha256: string;
}

/** Files by their path below the tree's root, `/`-separated. */
export type Digests = Map<string, FileDigest>;

interface ManifestFile {
  version: 1;
  /** [path, size, sha256], sorted by path. */
  files: [string, number, string][];
}

/** The manifest of `digests`. Pure. */
export function manifestText(digests: Digests): string {
  const list = [...digests]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([p, d]): [string, number, string] => [p, d.size, d.sha256]);
  return JSON.stringify({ version: 1, files: list } satisfies ManifestFile);
}

/**
 * How the files extracted (`got`, the manifest left out) differ from the manifest `text`, in words,
 * or undefined when they are exactly its files with its sizes and hashes. No manifest (undefined),
 * or one that does not parse, is an incomplete tree. Pure.
 */
export function manifestProblem(text: string | undefined, got: Digests): string | undefined {
  if (text === undefined) return 'it has no manifest, so the archive may have been cut short';
  let want: ManifestFile;
  try {
    want = JSON.parse(text) as ManifestFile;
    const row = (f: unknown) => Array.isArray(f) && typeof f[0] === 'string' && typeof f[1] === 'number' && typeof f[2] === 'string';
    if (want.version !== 1 || !Array.isArray(want.files) || !want.files.every(row)) throw new Error('unknown format');
  } catch {
    return 'its manifest is unreadable';
  }
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const [path, size, sha256] of want.files) {
    seen.add(path);
    const d = got.get(path);
    if (!d) missing.push(path);
    else if (d.size !== size || d.sha256 !== sha256) return `${path} differs from its manifest`;
  }
  if (missing.length) return `${missing.length} of its ${want.files.length} files are missing, such as ${missing[0]}`;
  const extra = [...got.keys()].find((p) => !seen.has(p));
  if (extra) return `${extra} is not in its manifest`;
  return undefined;
}

export async function fileDigest(file: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** The path of `file` below `root` as a manifest names it. */
export function manifestPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

/** Writes the manifest of every file below `dir` into it; returns how many files it names. */
export async function writeManifest(dir: string): Promise<number> {
  const digests: Digests = new Map();
  for await (const f of files(dir)) {
    const p = manifestPath(dir, f);
    if (p !== MANIFEST) digests.set(p, await fileDigest(f));
  }
  await writeFile(join(dir, MANIFEST), manifestText(digests));
  return digests.size;
}

/**
 * Checks a restored tree against its manifest, given the digests of the files extracted into it,
 * and removes the manifest (the tree is then Go's own again). The problem in words, or undefined.
 */
export async function checkManifest(dir: string, extracted: Digests): Promise<string | undefined> {
  const text = await readFile(join(dir, MANIFEST), 'utf8').catch(() => undefined);
  await rm(join(dir, MANIFEST), { force: true });
  const got = new Map(extracted);
  got.delete(MANIFEST);
  return manifestProblem(text, got);
}
