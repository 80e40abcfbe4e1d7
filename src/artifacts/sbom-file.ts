// An artifact's SBOM, written beside it in the staging directory: the binary's build info and the
// artifact's own hash in, the file's name, size and hash out for SHA256SUMS and artifacts.json.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BuildInfo } from '../binaries/buildinfo.js';
import type { Artifact, SbomFile } from './manifest.js';
import { renderSbom, sbomFileName } from './sbom.js';
import type { SbomFormat } from '../gobuild/build-spec.js';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * `time` is the build's (the reproducible epoch, as the archives' mtime): with the artifact's hash
 * it is all that varies, so two identical builds write identical SBOMs.
 */
export async function writeSbom(
  staging: string,
  artifact: Artifact,
  binary: string,
  sbom: { format: SbomFormat; info: BuildInfo },
  time: Date,
  /** The file's path as artifacts.json gives it (relative to the workspace). */
  pathOf: (name: string) => string,
): Promise<SbomFile> {
  // A plain binary is the artifact; an archive holds it, and the SBOM names both hashes.
  const binarySha = artifact.archive ? sha256(await readFile(binary)) : artifact.sha256;
  const text = renderSbom(sbom.format, sbom.info, {
    artifact: { name: artifact.name, sha256: artifact.sha256, archive: artifact.archive },
    binary: { name: basename(binary), sha256: binarySha },
    target: { id: artifact.target, goos: artifact.goos, goarch: artifact.goarch },
    time,
  });
  const name = sbomFileName(artifact.name, sbom.format);
  await writeFile(join(staging, name), text);
  return { name, path: pathOf(name).split('\\').join('/'), size: Buffer.byteLength(text), sha256: sha256(text), format: sbom.format };
}
