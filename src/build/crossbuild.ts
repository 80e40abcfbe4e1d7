// toolchain + build inputs → plan → parallel builds → checked binaries → artifacts in output-dir.
import * as core from '@actions/core';
import { exec } from '@actions/exec';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActionError, InputError } from '../errors.js';
import type { Artifact } from '../artifacts.js';
import { TARGETS_ALLOWED, type BuildInputs } from '../inputs.js';
import { resolveTargets, targetId } from '../targets.js';
import { toolchainEnv } from '../toolchain/environment.js';
import type { Toolchain } from '../toolchain/setup.js';
import { displayVersion } from '../toolchain/version.js';
import { runBuilds } from './fanout.js';
import { binaryNameOf, modulePath } from './packages.js';
import { planBuilds } from './plan.js';
import { readPorts } from './ports.js';
import { publish } from './publish.js';
import { annotate, logBuild, summarize } from './report.js';
import { procsPerBuild } from './settings.js';
import { readStamp } from './stamp.js';

export interface CrossBuildContext {
  env: NodeJS.ProcessEnv;
  workspace: string;
  workingDirectory: string;
  /** Where staging and per-target GOCACHE directories live (RUNNER_TEMP). */
  temp: string;
  cpus: number;
  pathSep: string;
}

export async function crossBuild(b: BuildInputs, tc: Toolchain, ctx: CrossBuildContext): Promise<Artifact[]> {
  const baseEnv = toolchainEnv(ctx.env, tc.goroot, ctx.pathSep);
  const go = join(tc.goroot, 'bin', process.platform === 'win32' ? 'go.exe' : 'go');

  const ports = await readPorts(go, baseEnv as Record<string, string>);
  const targets = resolveTargets(b.targets, b.exclude, ports, b.settings.cgo, tc.version);
  if ('problem' in targets) throw new InputError('targets', b.targetsText, targets.problem, TARGETS_ALLOWED);
  if (targets.length === 0)
    throw new InputError('exclude-targets', b.exclude.join(', '), 'it excludes every target', 'patterns that leave at least one target');

  const goMod = join(ctx.workingDirectory, 'go.mod');
  const module = existsSync(goMod) ? modulePath(readFileSync(goMod, 'utf8')) : undefined;
  const packages = b.packages.map((pkg) => {
    const name = b.binaryName ?? binaryNameOf(pkg, module);
    if (!name)
      throw new InputError(
        'binary-name',
        '',
        `no name can be derived for package ${pkg} (no module path in ${goMod})`,
        'a file name for the binary',
      );
    return { pkg, name };
  });

  const stamp = await readStamp(ctx.env, ctx.workingDirectory);
  const workers = Math.min(b.parallel, targets.length * packages.length);
  const root = join(ctx.temp, 'go-crossbuild');
  const jobs = planBuilds({
    targets,
    packages,
    template: b.artifactName,
    archive: b.archive,
    settings: b.settings,
    stamp,
    procs: procsPerBuild(ctx.cpus, workers),
    baseEnv,
    stagingDir: join(root, 'build'),
    gocacheRoot: join(root, 'gocache'),
  });
  if ('duplicates' in jobs)
    throw new InputError(
      'artifact-name',
      b.artifactName,
      `artifact names collide: ${jobs.duplicates.join('; ')}`,
      'a template that includes {goos}, {goarch} and {variant} (and {name} for several packages)',
    );

  core.info(
    `Building ${jobs.length} target${jobs.length > 1 ? 's' : ''} with ${tc.goName}, ${workers} at a time: ${jobs.map((j) => j.id).join(', ')}`,
  );
  core.info(`Stamp: version=${stamp.version} commit=${stamp.commit} date=${stamp.date}`);
  if (!existsSync(join(ctx.workingDirectory, 'vendor', 'modules.txt')) && existsSync(goMod)) {
    await core.group('go mod download', () =>
      exec(go, ['mod', 'download'], { cwd: ctx.workingDirectory, env: baseEnv as Record<string, string> }),
    );
  }

  let done = 0;
  const results = await runBuilds(jobs, {
    go,
    cwd: ctx.workingDirectory,
    parallel: workers,
    failFast: b.failFast,
    onDone: (r) => logBuild(r, ++done, jobs.length),
  });
  annotate(results, ctx.workingDirectory, ctx.workspace);

  const failed = results.filter((r) => r.status !== 'ok');
  if (failed.length) {
    await summarize(results, [], displayVersion(tc.version));
    const list = failed.map((r) => `${r.job.id} (${r.status === 'failed' ? r.reason : 'skipped'})`).join(', ');
    throw new ActionError(
      'Build failed',
      `${failed.length} of ${jobs.length} builds did not succeed: ${list}. Nothing was written to ${b.outputDir}; see each target's log group.`,
    );
  }
  const mtime = new Date((b.reproducible ? stamp.epoch : Math.floor(Date.now() / 1000)) * 1000);
  const artifacts = await publish(jobs, b.outputDir, ctx.workspace, mtime);
  await summarize(results, artifacts, displayVersion(tc.version));
  core.info(`Wrote ${artifacts.length} artifacts, SHA256SUMS and artifacts.json to ${b.outputDir}: ${targets.map(targetId).join(', ')}`);
  return artifacts;
}
