// Verified builds → output-dir: binaries or archives, the checksum file, artifacts.json. Written only once
// every build succeeded, so a release step never picks up a partial set.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { checksummedFiles, type Artifact } from './manifest.js';
import { MANIFEST_FILE } from '../gobuild/artifact-names.js';
import { formatSha256sums } from '../lib/sha256sums.js';
import { ActionError } from '../errors.js';
import { targetId, type Target } from '../targets/target.js';
import { writeArchive } from './archive.js';
import type { ArchiveFile } from '../gobuild/archive-files.js';
import type { ArchiveFormat } from '../gobuild/artifact-names.js';
import type { BuildInfo } from '../binaries/buildinfo.js';
import type { SbomFormat } from '../gobuild/build-spec.js';
import { writeSbom } from './sbom-file.js';
import { signChecksums, type ChecksumSigner } from './checksum-signature.js';
import { binaryNames, groupBuilt } from './artifact-groups.js';

/** A finished build (one binary), as publishing needs it: where its binary is, and what to call the artifact. */
export interface Built {
  target: Target;
  binary: string;
  artifact: string;
  archive: ArchiveFormat | null;
  /** Files put in the archive beside the binaries. */
  files: ArchiveFile[];
  /** Write an SBOM beside the artifact, from the binary's build info. */
  sbom?: { format: SbomFormat; info: BuildInfo };
  /** The C library the managed compiler linked (`glibc 2.17`, `musl`, `mingw-w64`). */
  libc?: string;
  /** A darwin/amd64 or darwin/arm64 build: the name its darwin/universal artifact takes (manifest.ts). */
  universal?: string;
}

/**
 * Writes every artifact, the checksum file (named `checksums`) and artifacts.json into a staging directory of its own inside
 * output-dir, then moves them into place. A failure removes only what this run made: the staging
 * directory, and output-dir (with the parents it needed) if this run created it.
 */
export async function publish(
  tasks: Built[],
  outputDir: string,
  workspace: string,
  mtime: Date,
  cacheHit: (t: Target) => boolean | null,
  goVersion: string,
  checksums: string,
  /** sign-checksums: run on the checksum file in the staging directory; what it writes there is published too. */
  signer?: ChecksumSigner,
): Promise<Artifact[]> {
  const created = await mkdir(outputDir, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw new ActionError('Cannot write artifacts', `output-dir ${outputDir} cannot be a directory: ${e.code ?? e.message}.`);
  });
  const staging = await mkdtemp(join(outputDir, '.go-crossbuild-publish-'));
  let done = false;
  try {
    const artifacts: Artifact[] = [];
    for (const group of groupBuilt(tasks)) {
      const staged = join(staging, group.artifact);
      const binaries = group.builds.map((b) => b.binary);
      if (group.archive) await writeArchive(group.archive, binaries, staged, mtime, group.files);
      else {
        await copyFile(binaries[0], staged);
        await chmod(staged, 0o755);
      }
      const { target } = group;
      // A target's binaries share its C compiler, so its C library.
      const libc = group.builds[0].libc;
      artifacts.push({
        target: targetId(target),
        goos: target.goos,
        goarch: target.goarch,
        variant: target.variant,
        name: group.artifact,
        path: relative(workspace, join(outputDir, group.artifact)).split('\\').join('/'),
        size: (await stat(staged)).size,
        sha256: await sha256(staged),
        archive: group.archive,
        binaries: binaryNames(group),
        cacheHit: cacheHit(target),
        go: goVersion,
        checksums,
        ...(libc ? { libc } : {}),
        ...(group.builds[0].universal ? { universal: group.builds[0].universal } : {}),
      });
      const a = artifacts[artifacts.length - 1];
      // An SBOM covers every binary of its artifact, or there is none (builtOf warned of the one without build info).
      const sboms = group.builds.flatMap((b) => (b.sbom ? [{ path: b.binary, ...b.sbom }] : []));
      if (sboms.length && sboms.length === group.builds.length)
        a.sbom = await writeSbom(staging, a, sboms, sboms[0].format, mtime, (name) => relative(workspace, join(outputDir, name)));
    }
    await writeManifest(staging, artifacts, checksums);
    const signatures = signer ? await signChecksums(staging, checksums, signer) : [];
    // Nothing is moved unless everything can be: an artifact name that is a directory there stops it.
    const names = [
      ...artifacts.map((a) => a.name),
      ...artifacts.flatMap((a) => (a.sbom ? [a.sbom.name] : [])),
      checksums,
      ...signatures,
      MANIFEST_FILE,
    ];
    for (const name of names) {
      const there = await lstat(join(outputDir, name)).catch(() => undefined);
      if (there?.isDirectory())
        throw new ActionError('Cannot write artifacts', `${join(outputDir, name)} is a directory; an artifact cannot replace it.`);
    }
    for (const name of names) await rename(join(staging, name), join(outputDir, name));
    done = true;
    return artifacts;
  } finally {
    await rm(staging, { recursive: true, force: true });
    // So do the directories this run made for output-dir: mkdir reports the topmost it created.
    if (!done && created) await rm(created, { recursive: true, force: true });
  }
}

export function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

/** The checksum file and artifacts.json for `artifacts` in `dir`: the one writer of the artifact contract. */
export async function writeManifest(dir: string, artifacts: Artifact[], checksums: string): Promise<void> {
  await writeFile(join(dir, checksums), formatSha256sums(checksummedFiles(artifacts)));
  await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(artifacts, null, 2) + '\n');
}
