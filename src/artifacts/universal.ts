// darwin/universal in build mode: after the checks (and the signing step), each package's checked
// darwin/amd64 and darwin/arm64 binaries are put into one fat Mach-O beside them in the staging
// directory, read back and checked slice by slice, and handed to publish as one more build.
import { isDeepStrictEqual } from 'node:util';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ActionError } from '../errors.js';
import { mismatch, readHeader } from '../binaries/binary-format.js';
import { embeddedBuildInfo, type BuildInfo } from '../binaries/buildinfo.js';
import { readFat, sliceBytes, writeFat } from '../binaries/fat-macho.js';
import type { Problem } from '../lib/problem.js';
import { targetId, targetSlug, UNIVERSAL_SLICES, type Target } from '../targets/target.js';
import type { BuildResult } from '../gobuild/run.js';
import type { SbomMode } from '../gobuild/build-spec.js';
import type { Built } from './publish.js';

/** A slice of a universal binary: its architecture, its bytes as checked, and their build info. */
export interface Slice {
  goarch: string;
  bytes: Buffer;
}

/**
 * The fat file of `slices`, read back: every slice is at its place, its header says its
 * architecture, and it carries the build info of the binary it was made from. Returns the bytes,
 * and the build info of the slices (the same for each slice but its GOARCH), or what is wrong.
 */
export function fatChecked(slices: Slice[]): { bytes: Buffer; info: BuildInfo } | Problem {
  const fat = writeFat(slices.map((s) => s.bytes));
  if ('problem' in fat) return fat;
  const listed = readFat(fat);
  if ('problem' in listed) return { problem: `the universal file does not read back: ${listed.problem}` };
  const infos: BuildInfo[] = [];
  for (const s of slices) {
    const at = listed.find((l) => l.goarch === s.goarch);
    if (!at) return { problem: `the universal file lists no ${s.goarch} slice` };
    const bytes = sliceBytes(fat, at);
    const wrong = mismatch(readHeader(bytes), 'darwin', s.goarch);
    if (wrong) return { problem: `its ${s.goarch} slice: ${wrong}` };
    const info = embeddedBuildInfo(bytes);
    if ('problem' in info) return { problem: `its ${s.goarch} slice: ${info.problem}` };
    const before = embeddedBuildInfo(s.bytes);
    if (!isDeepStrictEqual(info, before))
      return { problem: `its ${s.goarch} slice's build info differs from the darwin/${s.goarch} binary's` };
    if (!bytes.equals(s.bytes)) return { problem: `its ${s.goarch} slice differs from the darwin/${s.goarch} binary` };
    infos.push(info);
  }
  return { bytes: fat, info: infos[0] };
}

/** The binary a slice of darwin/universal comes from: the plain darwin/amd64 or darwin/arm64 one. */
export function isSlice(t: Target): boolean {
  return UNIVERSAL_SLICES.includes(targetId(t));
}

/**
 * One build per package for `universal` (darwin/universal, when listed): its fat binary written
 * beside the slices' in the staging directory. The slices were built and checked (a failed build
 * stopped the job before this step), so a problem here is the action's own.
 */
export async function assembleUniversal(
  results: BuildResult[],
  universal: Target | undefined,
  sbom: SbomMode,
  artifactOf: (name: string) => string,
): Promise<Built[]> {
  if (!universal) return [];
  const out: Built[] = [];
  for (const amd64 of results.filter((r) => targetId(r.task.target) === 'darwin/amd64')) {
    const arm64 = results.find((r) => targetId(r.task.target) === 'darwin/arm64' && r.task.pkg === amd64.task.pkg);
    if (!arm64) throw new ActionError('Universal binary failed', `${amd64.task.pkg} has no darwin/arm64 build to join to darwin/amd64.`);
    const fat = fatChecked([
      { goarch: 'amd64', bytes: await readFile(amd64.task.binary) },
      { goarch: 'arm64', bytes: await readFile(arm64.task.binary) },
    ]);
    if ('problem' in fat) throw new ActionError('Universal binary failed', `darwin/universal of ${amd64.task.pkg}: ${fat.problem}.`);
    const dir = join(
      dirname(dirname(amd64.task.binary)),
      basename(dirname(amd64.task.binary)).replace(targetSlug(amd64.task.target), targetSlug(universal)),
    );
    const binary = join(dir, basename(amd64.task.binary));
    await mkdir(dir, { recursive: true });
    await writeFile(binary, fat.bytes, { mode: 0o755 });
    // Archive and archive-files as the darwin/amd64 build has them; the SBOM from its slice's build info.
    out.push({
      target: universal,
      binary,
      artifact: artifactOf(amd64.task.name),
      archive: amd64.task.archive,
      files: amd64.task.files,
      ...(sbom !== 'none' ? { sbom: { format: sbom, info: fat.info } } : {}),
    });
  }
  return out;
}
