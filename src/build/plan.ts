// targets × packages → build jobs, each with its artifact name, environment and arguments. Pure.
import { join } from 'node:path';
import {
  archiveFormat,
  artifactFileName,
  binaryExt,
  duplicateNames,
  unusableNames,
  type ArchiveFormat,
  type ArchiveMode,
} from '../artifacts.js';
import { targetId, targetSlug, type Target } from '../targets.js';
import { buildArgs, buildEnv, type BuildSettings, type Stamp } from './settings.js';

export interface BuildJob {
  /** `linux/arm64`, or `linux/arm64 ./cmd/b` when several packages are built. */
  id: string;
  target: Target;
  pkg: string;
  /** Binary name without suffix. */
  name: string;
  /** Where `go build -o` writes, in the job's staging directory. */
  binary: string;
  artifact: string;
  archive: ArchiveFormat | null;
  gocache: string;
  args: string[];
  env: Record<string, string>;
}

export interface PlanInput {
  targets: Target[];
  packages: { pkg: string; name: string }[];
  template: string;
  archive: ArchiveMode;
  settings: BuildSettings;
  stamp: Stamp;
  /** Per-build `-p`, or undefined to let go decide. */
  procs: number | undefined;
  baseEnv: NodeJS.ProcessEnv;
  stagingDir: string;
  gocacheRoot: string;
}

export function planBuilds(p: PlanInput): BuildJob[] | { duplicates: string[] } | { unusable: string[] } {
  const jobs: BuildJob[] = [];
  for (const target of p.targets) {
    for (const { pkg, name } of p.packages) {
      const slug = targetSlug(target);
      const archive = archiveFormat(p.archive, target.goos);
      const binary = join(p.stagingDir, p.packages.length > 1 ? `${slug}-${name}` : slug, `${name}${binaryExt(target)}`);
      const gocache = join(p.gocacheRoot, slug);
      jobs.push({
        id: p.packages.length > 1 ? `${targetId(target)} ${pkg}` : targetId(target),
        target,
        pkg,
        name,
        binary,
        artifact: artifactFileName(p.template, name, target, archive),
        archive,
        gocache,
        args: buildArgs(p.settings, p.stamp, binary, pkg, p.procs),
        env: buildEnv(p.baseEnv, target, p.settings, gocache),
      });
    }
  }
  const names = jobs.map((j) => ({ name: j.artifact, who: j.id }));
  const unusable = unusableNames(names);
  if (unusable.length) return { unusable };
  const duplicates = duplicateNames(names);
  return duplicates.length ? { duplicates } : jobs;
}
