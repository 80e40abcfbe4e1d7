// toolchain + build inputs → plan → (generate →) parallel builds → checked binaries → artifacts.
import { exec } from '@actions/exec';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ActionError } from '../errors.js';
import type { ArchiveFile } from './archive-files.js';
import type { Artifact } from '../artifacts/manifest.js';
import type { BuildSpec, GenerateSpec } from './build-spec.js';
import type { Log } from '../lib/log.js';
import type { RunnerEnv } from '../lib/runner-env.js';
import { targetId, targetSlug, type Target } from '../targets/target.js';
import { toolchainEnv } from '../toolchain/environment.js';
import type { Toolchain } from '../toolchain/toolchain.js';
import { displayVersion } from '../toolchain/version.js';
import { namePackages } from './names.js';
import { runBuilds, type BuildResult } from './run.js';
import {
  explainGenerateFailure,
  failedDirectives,
  hostGenerateEnv,
  installGenerateShim,
  perTargetProblem,
  readHostBuilds,
  runGenerate,
  type GenerateDirs,
  type HostBuilds,
} from './generate.js';
import { planTasks, type BuildTask, type TaskCompiler } from './tasks.js';
import { reproducibleFlags, type CCompiler } from '../cc/compilers.js';
import { primeZig } from '../cc/prime.js';
import type { Prepared } from './run.js';
import { publish } from '../artifacts/publish.js';
import { annotate, buildSummary, logBuild, type CacheReport } from './present.js';
import { procsPerBuild } from './settings.js';
import type { Stamp } from './settings.js';
import { perTargetGenerate } from './per-target.js';
import { skippedUnder, sourceRoot } from './source-copies.js';
import { buildInfoVerifier, gitHead } from './buildinfo-verifier.js';

/** Where the build runs: the job, and the module directory. */
export interface BuildContext extends RunnerEnv {
  workingDirectory: string;
  log: Log;
}

/** Where the action keeps its state for this job, under RUNNER_TEMP. */
export function workRoot(temp: string) {
  const root = join(temp, 'go-crossbuild');
  return {
    root,
    staging: join(root, 'build'),
    gocache: join(root, 'gocache'),
    hostGocache: join(root, 'gocache', 'host'),
    hostTools: join(root, 'host-tools'),
    zigCache: join(root, 'zig-cache'),
    shimRoot: join(root, 'goroot'),
    trees: join(root, 'generate'),
  };
}

function annotateDirectives(log: Log, output: string, title: string, cwd: string, workspace: string): void {
  for (const d of failedDirectives(output)) {
    log.annotate(d.message, { title, file: relative(workspace, join(cwd, d.file)).split('\\').join('/'), startLine: d.line });
  }
}

/** `go generate` once on the host, with GOOS/GOARCH and the variant variables removed. */
export async function generateOnHost(tc: Toolchain, packages: string[], tags: string[], ctx: BuildContext): Promise<void> {
  const env = hostGenerateEnv(toolchainEnv(ctx.env, tc.goroot, ctx.pathSep), workRoot(ctx.temp).hostGocache);
  const run = await runGenerate(tc.go, packages, tags, ctx.workingDirectory, env);
  ctx.log.section(
    `go generate ${packages.join(' ')} (once, generators on the host ${ctx.host.goos}/${ctx.host.goarch})`,
    run.log.trim() ? [run.log.trimEnd()] : [],
  );
  if (!run.ok) {
    annotateDirectives(ctx.log, run.log, 'go generate (host)', ctx.workingDirectory, ctx.workspace);
    throw new ActionError(
      'go generate failed',
      explainGenerateFailure(run.log, `the host (${ctx.host.goos}/${ctx.host.goarch})`, ctx.host),
    );
  }
}

/** One line on the generators' host builds: how many links, of what, and how many reuses. */
export function describeHostBuilds(h: HostBuilds): string {
  const links = [...h.built.values()].reduce((a, n) => a + n, 0);
  const what = [...h.built].map(([w, n]) => (n > 1 ? `${w} (${n}×)` : w)).join(', ');
  return `Generators: ${links} host build${links === 1 ? '' : 's'}${what ? ` (${what})` : ''}, ${h.reused} reused.`;
}

/** The build tasks of a job, before anything runs. */
export interface PlannedBuild {
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

/** targets × packages → tasks with names, stamp, GOCACHE and arguments (names checked by namingError). */
export async function planBuild(
  b: BuildSpec,
  generate: GenerateSpec,
  tc: Toolchain,
  targets: Target[],
  stamp: Stamp,
  archiveFiles: ArchiveFile[],
  /** Each target's C compiler, and the managed zig's executable when a target uses it. */
  cc: { of(t: Target): CCompiler; zig?: string },
  ctx: BuildContext,
): Promise<PlannedBuild> {
  const dirs = workRoot(ctx.temp);
  // A fixed directory per target: zig's shared cache races under parallel builds, and the path is
  // recorded in what zig builds (prime.ts), so it must be the same in every job on this runner.
  const compiler = (t: Target): TaskCompiler | undefined => {
    const c = cc.of(t);
    if (c.kind !== 'zig' || !cc.zig) return undefined;
    const target = b.reproducible ? { ...c.target, flags: reproducibleFlags(c.target) } : c.target;
    return { target, zig: cc.zig, cache: join(dirs.zigCache, targetSlug(t)) };
  };
  const packages = namePackages(b, ctx.workingDirectory);
  if (generate.mode === 'per-target') {
    const tooOld = perTargetProblem(tc.version);
    if (tooOld) throw tooOld;
  }
  const workers = Math.min(b.parallel, targets.length * packages.length);
  const tasks = planTasks({
    targets,
    packages,
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

/** Modules, go generate, the parallel builds, their checks, and the published artifacts. */
export async function crossBuild(
  b: BuildSpec,
  generate: GenerateSpec,
  tc: Toolchain,
  planned: PlannedBuild,
  /** Each target's build cache, as restored. */
  caches: (t: Target) => CacheReport,
  ctx: BuildContext,
): Promise<Artifact[]> {
  const { log } = ctx;
  const { tasks, stamp, workers, targets } = planned;
  const baseEnv = toolchainEnv(ctx.env, tc.goroot, ctx.pathSep) as Record<string, string>;
  const go = tc.go;
  const dirs = workRoot(ctx.temp);
  const goMod = join(ctx.workingDirectory, 'go.mod');
  const perTarget = generate.mode === 'per-target';

  log.info(
    `Building ${tasks.length} target${tasks.length > 1 ? 's' : ''} with ${tc.goName}, ${workers} at a time: ${tasks.map((t) => t.id).join(', ')}`,
  );
  log.info(`Stamp: version=${stamp.version} commit=${stamp.commit} date=${stamp.date}`);
  if (!existsSync(join(ctx.workingDirectory, 'vendor', 'modules.txt')) && existsSync(goMod)) {
    await log.group('go mod download', () => exec(go, ['mod', 'download'], { cwd: ctx.workingDirectory, env: baseEnv }));
  }
  if (generate.mode === 'once') await generateOnHost(tc, generate.packages, b.settings.tags, ctx);
  const genDirs: GenerateDirs = { shimRoot: dirs.shimRoot, hostTools: dirs.hostTools, hostGocache: dirs.hostGocache };
  if (perTarget) await installGenerateShim(go, tc.goroot, baseEnv, genDirs, ctx.host);
  const root = sourceRoot(ctx.workspace, ctx.workingDirectory);
  const perTargetRun = perTarget
    ? perTargetGenerate(
        {
          go,
          goroot: tc.goroot,
          packages: generate.packages,
          tags: b.settings.tags,
          host: ctx.host,
          dirs: genDirs,
          trees: dirs.trees,
          root,
          skip: skippedUnder(root, [b.outputDir, dirs.root]),
          workingDirectory: ctx.workingDirectory,
        },
        tasks,
      )
    : undefined;

  // A compile error in a generated file names the target's copy: say it as the checkout's path.
  const inSources = (r: BuildResult): BuildResult => (perTargetRun ? { ...r, log: perTargetRun.inSources(r.task, r.log) } : r);
  const verify = buildInfoVerifier({
    go,
    env: baseEnv,
    goVersion: tc.version,
    trimpath: b.settings.trimpath,
    cgo: b.settings.cgo,
    allowDirty: b.allowDirty,
    head: await gitHead(ctx.workingDirectory, baseEnv),
    workingDirectory: ctx.workingDirectory,
    generatedInCheckout: generate.mode === 'once',
  });
  let done = 0;
  const results = await runBuilds(tasks, {
    go,
    cwd: ctx.workingDirectory,
    parallel: workers,
    failFast: b.failFast,
    prepare: prepareWith(tasks, perTargetRun?.prepare),
    verify,
    onDone: (r) => logBuild(log, inSources(r), ++done, tasks.length),
  }).then((rs) => rs.map(inSources));
  const hostBuilds = perTarget ? await readHostBuilds(genDirs) : undefined;
  const note = hostBuilds && describeHostBuilds(hostBuilds);
  if (note) log.info(note);
  annotate(log, results, ctx.workingDirectory, ctx.workspace);
  for (const g of perTargetRun?.logs ?? []) annotateDirectives(log, g.log, `go generate ${g.id}`, ctx.workingDirectory, ctx.workspace);

  const failed = results.filter((r) => r.status !== 'ok');
  if (failed.length) {
    log.summary(...buildSummary(results, [], displayVersion(tc.version), caches, note));
    const list = failed.map((r) => `${r.task.id} (${r.status === 'failed' ? r.reason?.replace(/\.$/, '') : 'skipped'})`).join(', ');
    throw new ActionError(
      'Build failed',
      `${failed.length} of ${tasks.length} builds did not succeed: ${list}. Nothing was written to ${b.outputDir}; see each target's log group.`,
    );
  }
  const mtime = new Date((b.reproducible ? stamp.epoch : Math.floor(Date.now() / 1000)) * 1000);
  const sbom = b.sbom;
  const built = results.map((r) => {
    const info = r.verified?.info;
    if (sbom !== 'none' && !info) log.warning(`No SBOM for ${r.task.artifact}: ${r.verified?.notes[0] ?? 'its build info was not read'}.`);
    return {
      ...r.task,
      ...(sbom !== 'none' && info ? { sbom: { format: sbom, info } } : {}),
      ...(r.task.compiler ? { libc: r.task.compiler.target.libc } : {}),
    };
  });
  const started = Date.now();
  const artifacts = await publish(built, b.outputDir, ctx.workspace, mtime, (t) => caches(t).hit, displayVersion(tc.version));
  const sboms = artifacts.filter((a) => a.sbom).length;
  log.info(
    `Wrote ${artifacts.length} artifacts${sboms ? `, ${sboms} ${sbom} SBOMs` : ''}, SHA256SUMS and artifacts.json to ${b.outputDir} in ${((Date.now() - started) / 1000).toFixed(2)} s: ${targets.map(targetId).join(', ')}`,
  );
  log.summary(...buildSummary(results, artifacts, displayVersion(tc.version), caches, note));
  return artifacts;
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
