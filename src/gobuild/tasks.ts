// targets × packages → build tasks, each with its artifact name, environment and arguments. Pure.
import { join } from 'node:path';
import type { ArchiveFile } from './archive-files.js';
import { archiveFormat, artifactFileName, binaryExt, type ArchiveFormat, type ArchiveMode } from './artifact-names.js';
import { targetId, targetSlug, type Target } from '../targets/target.js';
import { buildArgs, buildEnv, type BuildSettings, type Stamp } from './settings.js';
import { zigEnv, type ZigTarget } from '../cc/compilers.js';

/** A cgo target's managed compiler: its zig target, the zig executable and the target's own zig cache. */
export interface TaskCompiler {
  target: ZigTarget;
  zig: string;
  cache: string;
}

export interface BuildTask {
  /** `linux/arm64`, or `linux/arm64 ./cmd/b` when several packages are built. */
  id: string;
  target: Target;
  pkg: string;
  /** Binary name without suffix. */
  name: string;
  /** Where `go build -o` writes, in the action's staging directory. */
  binary: string;
  /** The artifact's file name: every binary of a target shares its archive's. */
  artifact: string;
  archive: ArchiveFormat | null;
  /** archive-files: put in the archive beside the binaries. */
  files: ArchiveFile[];
  gocache: string;
  args: string[];
  env: Record<string, string>;
  /** Set when the managed zig compiles the target's C code. */
  compiler?: TaskCompiler;
}

export interface TaskSpec {
  targets: Target[];
  packages: { pkg: string; name: string }[];
  /** What `{name}` renders in an archive's name (names.ts nameProject). */
  project: string;
  template: string;
  archive: ArchiveMode;
  archiveFiles: ArchiveFile[];
  settings: BuildSettings;
  stamp: Stamp;
  /** Per-build `-p`, or undefined to let go decide. */
  procs: number | undefined;
  baseEnv: NodeJS.ProcessEnv;
  stagingDir: string;
  gocacheRoot: string;
  /** The managed compiler of a target, undefined where zig does not compile its C code. */
  compiler?(t: Target): TaskCompiler | undefined;
}

/** The tasks, one per target × package; names were checked before (names.ts namingProblem). */
export function makeTasks(p: TaskSpec): BuildTask[] {
  const tasks: BuildTask[] = [];
  for (const target of p.targets) {
    for (const { pkg, name } of p.packages) {
      const slug = targetSlug(target);
      const archive = archiveFormat(p.archive, target.goos);
      const binary = join(p.stagingDir, p.packages.length > 1 ? `${slug}-${name}` : slug, `${name}${binaryExt(target)}`);
      const gocache = join(p.gocacheRoot, slug);
      const compiler = p.compiler?.(target);
      tasks.push({
        id: p.packages.length > 1 ? `${targetId(target)} ${pkg}` : targetId(target),
        target,
        pkg,
        name,
        binary,
        artifact: artifactFileName(p.template, archive ? p.project : name, target, archive, p.stamp),
        archive,
        files: archive ? p.archiveFiles : [],
        gocache,
        args: buildArgs(p.settings, p.stamp, binary, pkg, p.procs),
        env: buildEnv(p.baseEnv, target, p.settings, gocache, compiler && zigEnv(compiler.zig, compiler.target, compiler.cache)),
        ...(compiler ? { compiler } : {}),
      });
    }
  }
  return tasks;
}
