// The publish step: the checked builds, with their SBOM's build info and C library, published into
// output-dir (publish.ts), with one log line saying what was written where.
import type { Log } from '../lib/log.js';
import { targetId, type Target } from '../targets/target.js';
import type { BuildSpec } from '../gobuild/build-spec.js';
import type { Stamp } from '../gobuild/settings.js';
import type { BuildResult } from '../gobuild/run.js';
import type { Artifact } from './manifest.js';
import { publish, type Built } from './publish.js';

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
  b: BuildSpec,
  stamp: Stamp,
  goVersion: string,
  cacheHit: (t: Target) => boolean | null,
  workspace: string,
  log: Log,
): Promise<Artifact[]> {
  // A reproducible build's files carry the commit's time; otherwise now.
  const mtime = new Date((b.reproducible ? stamp.epoch : Math.floor(Date.now() / 1000)) * 1000);
  const started = Date.now();
  const artifacts = await publish(builtOf(results, b.sbom, log), b.outputDir, workspace, mtime, cacheHit, goVersion);
  const sboms = artifacts.filter((a) => a.sbom).length;
  const targets = [...new Set(results.map((r) => targetId(r.task.target)))];
  const binaries = artifacts.length < results.length ? ` (${results.length} binaries)` : '';
  log.info(
    `Wrote ${artifacts.length} artifacts${binaries}${sboms ? `, ${sboms} ${b.sbom} SBOMs` : ''}, SHA256SUMS and artifacts.json to ${b.outputDir} in ${((Date.now() - started) / 1000).toFixed(2)} s: ${targets.join(', ')}`,
  );
  return artifacts;
}
