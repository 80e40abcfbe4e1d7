// toolchain + build inputs → plan → (generate →) parallel builds → checked binaries → artifacts.
import * as core from '@actions/core';
import { exec } from '@actions/exec';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ActionError } from '../errors.js';
import type { Artifact } from '../artifacts.js';
import type { BuildInputs, Inputs } from '../inputs.js';
import { exactHit, type Restored } from '../cache/keys.js';
import { targetId, targetSlug, type Target } from '../targets.js';
import { toolchainEnv } from '../toolchain/environment.js';
import type { Platform } from '../toolchain/platform.js';
import type { Toolchain } from '../toolchain/setup.js';
import { displayVersion } from '../toolchain/version.js';
import { collisionError, expandTargets, namePackages, unusableNameError } from './expand.js';
import { runBuilds, type BuildResult } from './fanout.js';
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
import { planBuilds } from './plan.js';
import { readPorts } from './ports.js';
import { publish } from './publish.js';
import { annotate, logBuild, summarize } from './report.js';
import { procsPerBuild } from './settings.js';
import { readStamp } from './stamp.js';
import { perTargetGenerate } from './per-target.js';
import { skippedUnder, sourceRoot } from './tree.js';

export interface JobContext {
  env: NodeJS.ProcessEnv;
  workspace: string;
  workingDirectory: string;
  /** Where staging, GOCACHE directories and host tools live (RUNNER_TEMP). */
  temp: string;
  cpus: number;
  pathSep: string;
  /** The runner's own platform: where generators must run. */
  host: Platform;
}

/** Where the action keeps its per-job state. */
export function workRoot(temp: string) {
  const root = join(temp, 'go-crossbuild');
  return {
    root,
    staging: join(root, 'build'),
    gocache: join(root, 'gocache'),
    hostGocache: join(root, 'gocache', 'host'),
    hostTools: join(root, 'host-tools'),
    shimRoot: join(root, 'goroot'),
    trees: join(root, 'generate'),
  };
}

function annotateDirectives(log: string, title: string, cwd: string, workspace: string): void {
  for (const d of failedDirectives(log)) {
    core.error(d.message, { title, file: relative(workspace, join(cwd, d.file)).split('\\').join('/'), startLine: d.line });
  }
}

/** `go generate` once on the host, with GOOS/GOARCH and the variant variables removed. */
export async function generateOnHost(tc: Toolchain, packages: string[], tags: string[], ctx: JobContext): Promise<void> {
  const env = hostGenerateEnv(toolchainEnv(ctx.env, tc.goroot, ctx.pathSep), workRoot(ctx.temp).hostGocache);
  core.startGroup(`go generate ${packages.join(' ')} (once, generators on the host ${ctx.host.goos}/${ctx.host.goarch})`);
  const run = await runGenerate(tc.go, packages, tags, ctx.workingDirectory, env);
  if (run.log.trim()) core.info(run.log.trimEnd());
  core.endGroup();
  if (!run.ok) {
    annotateDirectives(run.log, 'go generate (host)', ctx.workingDirectory, ctx.workspace);
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

/** Restores the job's caches once the targets are known; undefined when caching is off. */
export type RestoreHook = (
  targets: Target[],
  gocache: (t: Target) => string,
  hostGocache: string | undefined,
) => Promise<Restored[] | undefined>;

export async function crossBuild(
  b: BuildInputs,
  generate: Inputs['generate'],
  tc: Toolchain,
  ctx: JobContext,
  restore: RestoreHook,
): Promise<{ artifacts: Artifact[]; caches?: Restored[] }> {
  const baseEnv = toolchainEnv(ctx.env, tc.goroot, ctx.pathSep);
  const go = tc.go;
  const dirs = workRoot(ctx.temp);

  const targets = expandTargets(b, await readPorts(go, baseEnv as Record<string, string>), tc.version);
  const packages = namePackages(b, ctx.workingDirectory);
  const goMod = join(ctx.workingDirectory, 'go.mod');

  const perTarget = generate.mode === 'per-target';
  const tooOld = perTarget ? perTargetProblem(tc.version) : undefined;
  if (tooOld) throw tooOld;
  const workers = Math.min(b.parallel, targets.length * packages.length);
  const stamp = await readStamp(ctx.env, ctx.workingDirectory);
  const jobs = planBuilds({
    targets,
    packages,
    template: b.artifactName,
    archive: b.archive,
    settings: b.settings,
    stamp,
    procs: procsPerBuild(ctx.cpus, workers),
    baseEnv,
    stagingDir: dirs.staging,
    gocacheRoot: dirs.gocache,
  });
  if ('unusable' in jobs) throw unusableNameError(jobs.unusable, b.artifactName);
  if ('duplicates' in jobs) throw collisionError(jobs.duplicates, b.artifactName);

  core.info(
    `Building ${jobs.length} target${jobs.length > 1 ? 's' : ''} with ${tc.goName}, ${workers} at a time: ${jobs.map((j) => j.id).join(', ')}`,
  );
  core.info(`Stamp: version=${stamp.version} commit=${stamp.commit} date=${stamp.date}`);
  const caches = await restore(targets, (t) => join(dirs.gocache, targetSlug(t)), generate.mode === 'none' ? undefined : dirs.hostGocache);
  const byTarget = new Map(caches?.filter((c) => c.kind === 'build').map((c) => [c.name, c]));
  if (!existsSync(join(ctx.workingDirectory, 'vendor', 'modules.txt')) && existsSync(goMod)) {
    await core.group('go mod download', () =>
      exec(go, ['mod', 'download'], { cwd: ctx.workingDirectory, env: baseEnv as Record<string, string> }),
    );
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
        jobs,
      )
    : undefined;

  // A compile error in a generated file names the target's copy: say it as the checkout's path.
  const inSources = (r: BuildResult): BuildResult => (perTargetRun ? { ...r, log: perTargetRun.inSources(r.job, r.log) } : r);
  let done = 0;
  const results = await runBuilds(jobs, {
    go,
    cwd: ctx.workingDirectory,
    parallel: workers,
    failFast: b.failFast,
    prepare: perTargetRun?.prepare,
    onDone: (r) => logBuild(inSources(r), ++done, jobs.length),
  }).then((rs) => rs.map(inSources));
  const hostBuilds = perTarget ? await readHostBuilds(genDirs) : undefined;
  if (hostBuilds) core.info(describeHostBuilds(hostBuilds));
  annotate(results, ctx.workingDirectory, ctx.workspace);
  for (const g of perTargetRun?.logs ?? []) annotateDirectives(g.log, `go generate ${g.id}`, ctx.workingDirectory, ctx.workspace);

  const failed = results.filter((r) => r.status !== 'ok');
  if (failed.length) {
    await summarize(results, [], displayVersion(tc.version), byTarget, hostBuilds && describeHostBuilds(hostBuilds));
    const list = failed.map((r) => `${r.job.id} (${r.status === 'failed' ? r.reason?.replace(/\.$/, '') : 'skipped'})`).join(', ');
    throw new ActionError(
      'Build failed',
      `${failed.length} of ${jobs.length} builds did not succeed: ${list}. Nothing was written to ${b.outputDir}; see each target's log group.`,
    );
  }
  const mtime = new Date((b.reproducible ? stamp.epoch : Math.floor(Date.now() / 1000)) * 1000);
  const cacheHit = (t: Target) => {
    const c = byTarget.get(targetId(t));
    return c ? exactHit(c) : null;
  };
  const artifacts = await publish(jobs, b.outputDir, ctx.workspace, mtime, cacheHit, displayVersion(tc.version));
  await summarize(results, artifacts, displayVersion(tc.version), byTarget, hostBuilds && describeHostBuilds(hostBuilds));
  core.info(`Wrote ${artifacts.length} artifacts, SHA256SUMS and artifacts.json to ${b.outputDir}: ${targets.map(targetId).join(', ')}`);
  return { artifacts, caches };
}
