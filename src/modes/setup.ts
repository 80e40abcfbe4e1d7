// mode: setup. The verified toolchain (or, with no version to pin, the Go on PATH, unverified), the
// module cache (and a host GOCACHE when go generate runs once), and `go generate` on the host.
// Build mode starts the same way, and only ever with a verified toolchain.
import { exec } from '@actions/exec';
import type { HttpClient } from '@actions/http-client';
import { restoreForJob, unmatchedDependencyPath } from '../cache/select.js';
import { InputError } from '../errors.js';
import { generateOnHost, workRoot } from '../gobuild/crossbuild.js';
import { cacheCell, setupScope, type CacheState } from '../cache/keys.js';
import { VERSION_INPUTS_ALLOWED, type Inputs, type PathGoInputs } from '../inputs/read.js';
import { escapeHtml } from '../lib/html.js';
import type { Log } from '../lib/log.js';
import type { RunnerEnv } from '../lib/runner-env.js';
import { toolchainEnv } from '../toolchain/environment.js';
import { ReleaseIndex } from '../toolchain/pinning.js';
import { goOnPath, setupToolchain, type SetupContext, type Toolchain } from '../toolchain/toolchain.js';
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

/** What the steps that need no download are given: setup with the Go on PATH. */
export type LocalContext = Pick<ModeContext, 'runner' | 'log'>;

/** Fails on a cache-dependency-path that matches no file, before anything is downloaded. */
export async function checkDependencyPath(inputs: Pick<Inputs, 'cache'>, ctx: LocalContext): Promise<void> {
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
export async function announce(tc: Toolchain, ctx: LocalContext): Promise<void> {
  await ctx.log.group('go env', () => exec(tc.go, ['env'], { env: goEnvOf(tc, ctx.runner) }));
  ctx.log.summary({ heading: 'Go toolchain' }, { table: toolchainTable(tc) });
}

/**
 * The summary's toolchain table: the archive and its SHA-256, the preinstalled tree's module and
 * h1, or the Go on PATH, unverified.
 */
export function toolchainTable(tc: Toolchain): string[][] {
  if (!tc.verified)
    return [
      ['Go', 'Archive', 'SHA-256', 'Verified against', 'Source'],
      [displayVersion(tc.version), 'none', 'none', 'unverified (Go on PATH)', escapeHtml(tc.go)],
    ];
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
  return setUpJob(inputs, tc, ctx);
}

/** What setup mode does once Go is there: the caches (and GOCACHE), generate once, the result. */
async function setUpJob(inputs: Inputs | PathGoInputs, tc: Toolchain, ctx: LocalContext): Promise<ToolchainResult> {
  const { runner, log } = ctx;
  const gocache = jobGocache(inputs, ctx);
  const cache = await restoreForJob(
    inputs.cache,
    inputs.workingDirectory,
    tc,
    goEnvOf(tc, runner),
    { host: gocache === undefined ? undefined : { name: 'GOCACHE', dir: gocache, scope: setupScope(runner.env) } },
    { ...runner, log },
  );
  if (cache) summarizeCaches(cache, log);
  if (inputs.generate.mode === 'once')
    await generateOnHost(tc, inputs.generate.packages, [], { ...runner, workingDirectory: inputs.workingDirectory, log });
  // Exported only when it is restored and saved: otherwise Go's default stays.
  const exported = cache?.caches.some((c) => c.path === gocache) ? gocache : undefined;
  return { mode: 'setup', toolchain: tc, problemMatchers: inputs.problemMatchers, cache, gocache: exported };
}

/** The restored caches in the job summary: what each was, and whether the job saves. */
function summarizeCaches(cache: CacheState, log: Log): void {
  log.summary(
    { heading: 'Caches restored' },
    {
      table: [['Cache', 'Key', 'Restored'], ...cache.caches.map((c) => [c.name, `<code>${escapeHtml(c.key)}</code>`, cacheCell(c)])],
    },
    {
      text: cache.readOnly
        ? `Not saved: ${escapeHtml(cache.readOnlyWhy)}.`
        : `Saved by the post step when a key missed (${escapeHtml(cache.readOnlyWhy)}).`,
    },
  );
}

/**
 * The GOCACHE a setup-mode job caches: one under RUNNER_TEMP, which every job starts empty (so a
 * restore never lands on a self-hosted runner's own cache, and pruning never touches it). A
 * GOCACHE the job sets itself is its own to manage.
 */
function jobGocache(inputs: Inputs | PathGoInputs, ctx: LocalContext): string | undefined {
  if (!inputs.cache.enabled) return undefined;
  if (ctx.runner.env.GOCACHE) {
    ctx.log.info(`GOCACHE is set by the job (${ctx.runner.env.GOCACHE}): the build cache is left to it, only modules are cached.`);
    return undefined;
  }
  return workRoot(ctx.runner.temp).hostGocache;
}

/**
 * Setup mode with no version to pin: the job's own `go` on PATH, as setup-go uses it. It is
 * neither pinned nor checked against any hash, and says so once; the module cache and problem
 * matchers work as for a verified toolchain. No `go` on PATH is an input error: set a version.
 */
export async function runSetupWithGoOnPath(inputs: PathGoInputs, ctx: LocalContext): Promise<ToolchainResult> {
  await checkDependencyPath(inputs, ctx);
  const { runner, log } = ctx;
  const tc = await goOnPath(runner.env, runner.pathSep, runner.host.goos === 'windows');
  if (!tc)
    throw new InputError(
      'go-version',
      '',
      'neither go-version nor go-version-file is set, and there is no go on PATH to use instead',
      `${VERSION_INPUTS_ALLOWED}, to install a verified Go`,
    );
  log.warning(
    `Using the Go on PATH, ${tc.go} (${tc.goName}), unverified: no version was pinned and no checksum was checked. Set go-version or go-version-file (and go-sha256 to pin the archive's hash) to install a verified toolchain.`,
  );
  await announce(tc, ctx);
  return setUpJob(inputs, tc, ctx);
}
