// The build step: every task prepared (zig primes a cgo target's C library, per-target generate runs
// in the target's copy of the sources), built in parallel, and checked (header, C library, build
// info). Each build's log is one group; compiler errors and failed directives become annotations.
import { targetId } from '../targets/target.js';
import { toolchainEnv } from '../toolchain/environment.js';
import type { Toolchain } from '../toolchain/toolchain.js';
import { primeZig } from '../cc/prime.js';
import type { BuildSpec, GenerateSpec } from './build-spec.js';
import { setting } from '../binaries/buildinfo.js';
import { cleanTreeRule, dirtyTreeWarning } from './buildinfo-check.js';
import { buildInfoVerifier, gitHead, gitStatus } from './buildinfo-verifier.js';
import { installGenerateShim, readHostBuilds, type GenerateDirs, type HostBuilds } from './generate.js';
import type { BuildContext } from './build-context.js';
import type { JobTasks } from './job-tasks.js';
import { perTargetGenerate } from './per-target.js';
import { annotate, annotateDirectives, logBuild } from './present.js';
import { runBuilds, type BuildResult, type Prepared } from './run.js';
import { skippedUnder, sourceRoot } from './source-copies.js';
import type { BuildTask } from './tasks.js';
import { workDirs } from './work-dirs.js';

export interface BuildOutcome {
  results: BuildResult[];
  /** One line on the generators' host builds (per-target generate), for the log and the summary. */
  note?: string;
}

export async function buildTasks(
  b: BuildSpec,
  generate: GenerateSpec,
  tc: Toolchain,
  job: JobTasks,
  ctx: BuildContext,
): Promise<BuildOutcome> {
  const { log } = ctx;
  const { tasks, workers, stamp } = job;
  const baseEnv = toolchainEnv(ctx.env, tc.goroot, ctx.pathSep) as Record<string, string>;
  const dirs = workDirs(ctx.temp);
  const perTarget = generate.mode === 'per-target';
  log.info(`Building ${buildCount(tasks)} with ${tc.goName}, ${workers} at a time: ${tasks.map((t) => t.id).join(', ')}`);
  log.info(`Stamp: version=${stamp.version} commit=${stamp.commit} date=${stamp.date}`);

  const genDirs: GenerateDirs = { shimRoot: dirs.shimRoot, hostTools: dirs.hostTools, hostGocache: dirs.hostGocache };
  if (perTarget) await installGenerateShim(tc.go, tc.goroot, baseEnv, genDirs, ctx.host);
  const root = sourceRoot(ctx.workspace, ctx.workingDirectory);
  const perTargetRun = perTarget
    ? perTargetGenerate(
        {
          go: tc.go,
          goroot: tc.goroot,
          packages: generate.packages,
          tags: b.settings.tags,
          host: ctx.host,
          dirs: genDirs,
          trees: dirs.sourceCopies,
          root,
          skip: skippedUnder(root, [b.outputDir, dirs.root]),
          workingDirectory: ctx.workingDirectory,
        },
        tasks,
      )
    : undefined;

  // A compile error in a generated file names the target's copy: say it as the checkout's path.
  const inSources = (r: BuildResult): BuildResult => (perTargetRun ? { ...r, log: perTargetRun.inSources(r.task, r.log) } : r);
  const cleanTree = cleanTreeRule(b.allowDirty, ctx.event);
  const verify = buildInfoVerifier({
    go: tc.go,
    env: baseEnv,
    goVersion: tc.version,
    trimpath: b.settings.trimpath,
    cgo: b.settings.cgo,
    cleanTree,
    head: await gitHead(ctx.workingDirectory, baseEnv),
    workingDirectory: ctx.workingDirectory,
    generatedInCheckout: generate.mode === 'once',
  });
  let done = 0;
  const results = await runBuilds(tasks, {
    go: tc.go,
    cwd: ctx.workingDirectory,
    parallel: workers,
    failFast: b.failFast,
    prepare: prepareWith(tasks, perTargetRun?.prepare),
    verify,
    onDone: (r) => logBuild(log, inSources(r), ++done, tasks.length),
  }).then((rs) => rs.map(inSources));
  // Changes allowed by default (no release is made): said once for the job, not per target.
  const dirty = results.some((r) => r.verified?.info && setting(r.verified.info, 'vcs.modified') === 'true');
  if (dirty && b.allowDirty === 'auto' && !cleanTree.required)
    log.warning(dirtyTreeWarning(await gitStatus(ctx.workingDirectory, baseEnv), cleanTree, generate.mode === 'once'));
  const note = perTarget ? describeHostBuilds(await readHostBuilds(genDirs)) : undefined;
  if (note) log.info(note);
  annotate(log, results, ctx.workingDirectory, ctx.workspace);
  for (const g of perTargetRun?.logs ?? []) annotateDirectives(log, g.log, `go generate ${g.id}`, ctx.workingDirectory, ctx.workspace);
  return { results, ...(note ? { note } : {}) };
}

/** `3 targets`, or with several packages `8 binaries (2 packages × 4 targets)`. */
export function buildCount(tasks: Pick<BuildTask, 'target' | 'pkg'>[]): string {
  const targets = new Set(tasks.map((t) => targetId(t.target))).size;
  const packages = new Set(tasks.map((t) => t.pkg)).size;
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const perTarget = count(targets, 'target', 'targets');
  if (packages === 1) return perTarget;
  return `${count(tasks.length, 'binary', 'binaries')} (${count(packages, 'package', 'packages')} × ${perTarget})`;
}

/** One line on the generators' host builds: how many links, of what, and how many reuses. */
export function describeHostBuilds(h: HostBuilds): string {
  const links = [...h.built.values()].reduce((a, n) => a + n, 0);
  const what = [...h.built].map(([w, n]) => (n > 1 ? `${w} (${n}×)` : w)).join(', ');
  return `Generators: ${links} host build${links === 1 ? '' : 's'}${what ? ` (${what})` : ''}, ${h.reused} reused.`;
}

/**
 * What runs before each build: zig prepares a cgo target's C library once (prime.ts), then
 * per-target generate, if any; the first task of a target carries both logs.
 */
function prepareWith(
  tasks: BuildTask[],
  generate?: (task: BuildTask) => Promise<Prepared>,
): ((task: BuildTask) => Promise<Prepared>) | undefined {
  if (!generate && !tasks.some((t) => t.compiler)) return undefined;
  const primed = new Map<string, Promise<Prepared>>();
  return async (task) => {
    const id = targetId(task.target);
    const c = task.compiler;
    if (c && !primed.has(id))
      primed.set(
        id,
        primeZig(c.zig, c.target, task.env, c.cache).then((p) => ({
          ok: p.ok,
          log: p.log,
          reason: p.ok ? undefined : `zig could not build the C library for ${c.target.triple} (see the log)`,
        })),
      );
    const first = task === tasks.find((t) => targetId(t.target) === id);
    const prime = primed.get(id);
    const p = prime ? await prime : { ok: true, log: '' };
    const primeLog = first ? p.log : '';
    if (!p.ok) return { ...p, log: primeLog };
    if (!generate) return { ok: true, log: primeLog };
    const g = await generate(task);
    return { ...g, log: primeLog + g.log };
  };
}
