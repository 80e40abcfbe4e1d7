// An artifact's SBOM, written beside it in the staging directory: the binary's build info and the
// artifact's own hash in, the file's name, size and hash out for SHA256SUMS and artifacts.json.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BuildInfo } from '../binaries/buildinfo.js';
import type { Artifact, SbomFile } from './manifest.js';
import { renderArtifactSbom, sbomFileName } from './sbom.js';
import type { SbomFormat } from '../gobuild/build-spec.js';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * `time` is the build's (the reproducible epoch, as the archives' mtime): with the artifact's hash
 * it is all that varies, so two identical builds write identical SBOMs.
 */
export async function writeSbom(
  staging: string,
  artifact: Artifact,
  /** Each binary of the artifact (one, or an archive's several) with its build info. */
  binaries: { path: string; info: BuildInfo }[],
  format: SbomFormat,
  time: Date,
  /** The file's path as artifacts.json gives it (relative to the workspace). */
  pathOf: (name: string) => string,
): Promise<SbomFile> {
  // A plain binary is the artifact; an archive holds them, and the SBOM names every hash.
  const parts = [];
  for (const b of binaries)
    parts.push({
      info: b.info,
      binary: { name: basename(b.path), sha256: artifact.archive ? sha256(await readFile(b.path)) : artifact.sha256 },
    });
  const text = renderArtifactSbom(format, parts, {
    artifact: { name: artifact.name, sha256: artifact.sha256, archive: artifact.archive },
    target: { id: artifact.target, goos: artifact.goos, goarch: artifact.goarch },
    time,
  });
  const name = sbomFileName(artifact.name, format);
  await writeFile(join(staging, name), text);
  return { name, path: pathOf(name).split('\\').join('/'), size: Buffer.byteLength(text), sha256: sha256(text), format };
}
