// mode: setup. The verified toolchain, the module cache (and a host GOCACHE when go generate runs
// once), and `go generate` on the host. Build mode starts the same way.
import { exec } from '@actions/exec';
import type { HttpClient } from '@actions/http-client';
import { restoreForJob, unmatchedDependencyPath } from '../cache/select.js';
import { InputError } from '../errors.js';
import { generateOnHost } from '../build/crossbuild.js';
import type { Inputs } from '../inputs/read.js';
import { escapeHtml } from '../lib/html.js';
import type { Log } from '../lib/log.js';
import type { RunnerEnv } from '../lib/runner.js';
import { toolchainEnv } from '../toolchain/environment.js';
import { ReleaseIndex } from '../toolchain/pinning.js';
import { setupToolchain, type SetupContext, type Toolchain } from '../toolchain/setup.js';
import { describeSpec, displayVersion } from '../toolchain/version.js';
import type { ToolchainResult } from './result.js';

/** What every mode that installs Go is given by the action edge. */
export interface ModeContext {
  runner: RunnerEnv;
  client: HttpClient;
  log: Log;
}

export function setupContext(ctx: ModeContext): SetupContext {
  return { client: ctx.client, toolCache: ctx.runner.toolCache, env: ctx.runner.env, log: ctx.log };
}

/** Fails on a cache-dependency-path that matches no file, before anything is downloaded. */
export async function checkDependencyPath(inputs: Inputs, ctx: ModeContext): Promise<void> {
  const unmatched = await unmatchedDependencyPath(inputs.cache, ctx.runner.workspace);
  if (unmatched)
    throw new InputError(
      'cache-dependency-path',
      unmatched.join(', '),
      'it matches no file in the workspace',
      'files or globs (one per line) of the dependency files, such as go.sum or **/go.sum; or cache: false',
    );
}

/** The one release index of a step: plan mode reads it once for every platform it pins. */
export function releaseIndex(inputs: Inputs, ctx: ModeContext): ReleaseIndex {
  ctx.log.info(`Go ${describeSpec(inputs.spec)} from ${inputs.specInput}: ${inputs.specValue}`);
  return new ReleaseIndex(ctx.client, inputs.baseUrl, ctx.log);
}

/** The environment later `go` commands of this step run with: the job's, with the pinned toolchain. */
export function goEnvOf(tc: Toolchain, runner: RunnerEnv): Record<string, string> {
  return toolchainEnv(runner.env, tc.goroot, runner.pathSep) as Record<string, string>;
}

/** Logs `go env`, and puts the toolchain's table at the head of the job summary. */
export async function announce(tc: Toolchain, ctx: ModeContext): Promise<void> {
  await ctx.log.group('go env', () => exec(tc.go, ['env'], { env: goEnvOf(tc, ctx.runner) }));
  ctx.log.summary({ heading: 'Go toolchain' }, { table: toolchainTable(tc) });
}

/** The summary's toolchain table: the archive and its SHA-256, or the preinstalled tree's module and h1. */
export function toolchainTable(tc: Toolchain): string[][] {
  const m = tc.moduleHash;
  if (m)
    return [
      ['Go', 'Module', 'h1', 'Verified against', 'Source'],
      [
        displayVersion(tc.version),
        escapeHtml(m.module),
        `<code>${m.h1}</code>`,
        `${tc.hashSource} (${m.source})`,
        'tool cache (preinstalled)',
      ],
    ];
  return [
    ['Go', 'Archive', 'SHA-256', 'Verified against', 'Source'],
    [
      displayVersion(tc.version),
      escapeHtml(tc.file),
      `<code>${tc.sha256}</code>`,
      tc.hashSource,
      tc.fromToolCache ? 'tool cache' : 'download',
    ],
  ];
}

export async function runSetup(inputs: Inputs, ctx: ModeContext): Promise<ToolchainResult> {
  await checkDependencyPath(inputs, ctx);
  const tc = await setupToolchain(inputs, releaseIndex(inputs, ctx), setupContext(ctx));
  await announce(tc, ctx);
  const cache = await restoreForJob(inputs.cache, inputs.workingDirectory, tc, goEnvOf(tc, ctx.runner), undefined, {
    ...ctx.runner,
    log: ctx.log,
  });
  if (inputs.generate.mode === 'once')
    await generateOnHost(tc, inputs.generate.packages, [], { ...ctx.runner, workingDirectory: inputs.workingDirectory, log: ctx.log });
  return { mode: 'setup', toolchain: tc, problemMatchers: inputs.problemMatchers, cache };
}
