// The shards' outputs on disk: read from output-dir (each shard in its own directory, as
// download-artifact lays them out, or flat), and, once merged, moved into one flat release set.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ActionError } from '../errors.js';
import { readHead } from '../lib/files.js';
import { HEADER_BYTES } from '../binaries/binary-format.js';
import { MANIFEST_FILE } from '../gobuild/artifact-names.js';
import type { Artifact } from './manifest.js';
import { checksumsFileOf, type MergedArtifact, type ShardOutput } from './shard-merge.js';
import { sha256, writeManifest } from './publish.js';
import { isChecksumSignature } from './checksum-signature.js';

/** output-dir itself (flat) and each subdirectory that a shard's download made. */
export async function readShards(out: string): Promise<ShardOutput[]> {
  const top = readdirSync(out, { withFileTypes: true });
  const dirs = top.filter((e) => e.isDirectory()).map((e) => e.name);
  const flat = top.some((e) => !e.isDirectory());
  const shards: ShardOutput[] = [];
  for (const dir of [...(flat ? ['.'] : []), ...dirs.sort()]) {
    const path = join(out, dir);
    const read = (name: string) => (existsSync(join(path, name)) ? readFileSync(join(path, name), 'utf8') : undefined);
    const manifestText = read(MANIFEST_FILE);
    let manifest: unknown;
    try {
      manifest = manifestText === undefined ? undefined : JSON.parse(manifestText);
    } catch {
      manifest = 'not JSON';
    }
    // The checksum file is the one artifacts.json names (checksum-name as the shard rendered it).
    const sumsFile = checksumsFileOf(manifest);
    const files: ShardOutput['files'] = new Map();
    const signatures: string[] = [];
    for (const e of readdirSync(path, { withFileTypes: true })) {
      if (dir === '.' && e.isDirectory()) continue; // the shard directories themselves
      if (e.name === sumsFile || e.name === MANIFEST_FILE) continue;
      // A shard's checksum signature signs its own checksum file, which merge replaces: dropped.
      if (sumsFile && e.isFile() && isChecksumSignature(e.name, sumsFile)) {
        signatures.push(e.name);
        continue;
      }
      const p = join(path, e.name);
      files.set(
        e.isFile() ? e.name : `${e.name}/`,
        e.isFile() ? { size: statSync(p).size, sha256: await sha256(p), head: await readHead(p, HEADER_BYTES) } : { size: -1, sha256: '' },
      );
    }
    shards.push({ dir, manifest, sums: sumsFile && read(sumsFile), files, signatures });
  }
  return shards;
}

/**
 * Moves every artifact to output-dir, drops the shard directories, writes the merged files. Each
 * shard directory is first renamed aside: one may carry an artifact's name (upload-artifact named
 * after the binary), and the artifact could not land where its directory still is. Any failure
 * undoes every rename, so output-dir is left as it was.
 */
export async function flatten(
  out: string,
  shards: ShardOutput[],
  merged: MergedArtifact[],
  checksums: string,
  workspace: string,
): Promise<Artifact[]> {
  const done: [string, string][] = [];
  const move = async (from: string, to: string) => {
    await rename(from, to);
    done.push([from, to]);
  };
  const aside = new Map<string, string>();
  try {
    for (const s of shards.filter((s) => s.dir !== '.')) {
      aside.set(s.dir, join(out, `.go-crossbuild-merge-${randomUUID()}`));
      await move(join(out, s.dir), aside.get(s.dir)!);
    }
    for (const m of merged.filter((m) => m.staged || m.from !== '.'))
      for (const name of [m.artifact.name, ...(m.artifact.sbom ? [m.artifact.sbom.name] : [])])
        await move(join(m.staged ? join(out, m.staged) : aside.get(m.from)!, name), join(out, name));
  } catch (e) {
    for (const [from, to] of done.reverse()) await rename(to, from);
    throw new ActionError('Merge failed', `Could not move the shards' artifacts into ${out}; nothing was changed: ${(e as Error).message}`);
  }
  for (const dir of aside.values()) await rm(dir, { recursive: true, force: true });
  const pathOf = (name: string) => relative(workspace, join(out, name)).split('\\').join('/');
  const artifacts: Artifact[] = merged.map(({ artifact: a }) => ({
    ...a,
    path: pathOf(a.name),
    ...(a.sbom ? { sbom: { ...a.sbom, path: pathOf(a.sbom.name) } } : {}),
  }));
  await writeManifest(out, artifacts, checksums);
  return artifacts;
}
