// targets × packages → the job's tasks, before anything runs: each with its artifact name, stamp,
// GOCACHE, C compiler and arguments (the names were checked by names.ts).
import { join } from 'node:path';
import type { InputProblem } from '../lib/problem.js';
import { targetSlug, type Target } from '../targets/target.js';
import { toolchainEnv } from '../toolchain/environment.js';
import type { Toolchain } from '../toolchain/toolchain.js';
import { reproducibleFlags, type CCompiler } from '../cc/compilers.js';
import type { ArchiveFile } from './archive-files.js';
import type { BuildSpec, GenerateSpec } from './build-spec.js';
import { perTargetProblem } from './generate.js';
import type { BuildContext } from './build-context.js';
import type { NamedPackage } from './names.js';
import { procsPerBuild, type Stamp } from './settings.js';
import { makeTasks, type BuildTask, type TaskCompiler } from './tasks.js';
import { workDirs } from './work-dirs.js';

export interface JobTasks {
  targets: Target[];
  tasks: BuildTask[];
  stamp: Stamp;
  workers: number;
  /** Each target's GOCACHE, and the host's when go generate runs: what the caches restore into. */
  gocache(t: Target): string;
  hostGocache: string | undefined;
  /** A cgo target's managed compiler (its zig cache restores with its GOCACHE). */
  compiler(t: Target): TaskCompiler | undefined;
}

export function jobTasks(
  b: BuildSpec,
  generate: GenerateSpec,
  tc: Toolchain,
  targets: Target[],
  packages: NamedPackage[],
  project: string,
  stamp: Stamp,
  archiveFiles: ArchiveFile[],
  /** Each target's C compiler, and the managed zig's executable when a target uses it. */
  cc: { of(t: Target): CCompiler; zig?: string },
  ctx: BuildContext,
): JobTasks | InputProblem {
  const dirs = workDirs(ctx.temp);
  if (generate.mode === 'per-target') {
    const tooOld = perTargetProblem(tc.version);
    if (tooOld) return tooOld;
  }
  // A fixed directory per target: zig's shared cache races under parallel builds, and the path is
  // recorded in what zig builds (prime.ts), so it must be the same in every job on this runner.
  const compiler = (t: Target): TaskCompiler | undefined => {
    const c = cc.of(t);
    if (c.kind !== 'zig' || !cc.zig) return undefined;
    const target = b.reproducible ? { ...c.target, flags: reproducibleFlags(c.target) } : c.target;
    return { target, zig: cc.zig, cache: join(dirs.zigCache, targetSlug(t)) };
  };
  const workers = Math.min(b.parallel, targets.length * packages.length);
  const tasks = makeTasks({
    targets,
    packages,
    project,
    template: b.artifactName,
    archive: b.archive,
    archiveFiles,
    settings: b.settings,
    stamp,
    procs: procsPerBuild(ctx.cpus, workers),
    baseEnv: toolchainEnv(ctx.env, tc.goroot, ctx.pathSep),
    stagingDir: dirs.staging,
    gocacheRoot: dirs.gocache,
    compiler,
  });
  return {
    targets,
    tasks,
    stamp,
    workers,
    gocache: (t) => join(dirs.gocache, targetSlug(t)),
    hostGocache: generate.mode === 'none' ? undefined : dirs.hostGocache,
    compiler,
  };
}
