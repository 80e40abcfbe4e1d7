// The publish step: the checked builds, with their SBOM's build info and C library, and the
// darwin/universal builds assembled from them (universal.ts), published into output-dir
// (publish.ts), with one log line saying what was written where.
import type { Log } from '../lib/log.js';
import { targetId, UNIVERSAL, type Target } from '../targets/target.js';
import { archiveFormat, artifactFileName } from '../gobuild/artifact-names.js';
import type { BuildSpec } from '../gobuild/build-spec.js';
import type { Stamp } from '../gobuild/settings.js';
import type { BuildResult } from '../gobuild/run.js';
import type { Artifact } from './manifest.js';
import { publish, type Built } from './publish.js';
import type { ChecksumSigner } from './checksum-signature.js';
import { isSlice } from './universal.js';

/**
 * The name a package's darwin/universal artifact takes (what the darwin slices record for merge):
 * an archive is named after the project and holds every package's binary, a bare binary after itself.
 */
export function universalName(b: BuildSpec, stamp: Stamp, project: string, name: string): string {
  const format = archiveFormat(b.archive, UNIVERSAL.goos);
  return artifactFileName(b.artifactName, format ? project : name, UNIVERSAL, format, stamp);
}

/** What publishing is given of each build; a build whose info was not read gets no SBOM, and a warning. */
export function builtOf(results: BuildResult[], sbom: BuildSpec['sbom'], log: Log): Built[] {
  return results.map((r) => {
    const info = r.verified?.info;
    if (sbom !== 'none' && !info) log.warning(`No SBOM for ${r.task.artifact}: ${r.verified?.notes[0] ?? 'its build info was not read'}.`);
    return {
      ...r.task,
      ...(sbom !== 'none' && info ? { sbom: { format: sbom, info } } : {}),
      ...(r.task.compiler ? { libc: r.task.compiler.target.libc } : {}),
    };
  });
}

export async function publishBuilds(
  results: BuildResult[],
  universal: Built[],
  b: BuildSpec,
  stamp: Stamp,
  project: string,
  goVersion: string,
  cacheHit: (t: Target) => boolean | null,
  workspace: string,
  checksums: string,
  log: Log,
  signer?: ChecksumSigner,
): Promise<Artifact[]> {
  // A reproducible build's files carry the commit's time; otherwise now.
  const mtime = new Date((b.reproducible ? stamp.epoch : Math.floor(Date.now() / 1000)) * 1000);
  const started = Date.now();
  const slice = (t: Built, i: number): Built =>
    isSlice(t.target) ? { ...t, universal: universalName(b, stamp, project, results[i].task.name) } : t;
  const built = [...builtOf(results, b.sbom, log).map(slice), ...universal];
  const artifacts = await publish(built, b.outputDir, workspace, mtime, cacheHit, goVersion, checksums, signer);
  const sboms = artifacts.filter((a) => a.sbom).length;
  const targets = [...new Set(built.map((t) => targetId(t.target)))];
  const binaries = artifacts.length < built.length ? ` (${built.length} binaries)` : '';
  log.info(
    `Wrote ${artifacts.length} artifacts${binaries}${sboms ? `, ${sboms} ${b.sbom} SBOMs` : ''}, ${checksums} and artifacts.json to ${b.outputDir} in ${((Date.now() - started) / 1000).toFixed(2)} s: ${targets.join(', ')}`,
  );
  return artifacts;
}
