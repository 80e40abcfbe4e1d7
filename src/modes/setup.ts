// mode: setup, as the ordered steps it takes. The verified toolchain (or, with no version to pin, the
// Go on PATH, unverified), the module cache and GOCACHE (cache/setup-gocache.ts chooses which), and
// `go generate` on the host.
import { InputError, orRefuse } from '../errors.js';
import { escapeHtml } from '../lib/html.js';
import type { Log } from '../lib/log.js';
import { Pipeline } from '../lib/pipeline.js';
import { announce } from '../toolchain/announce.js';
import { goOnPath, installToolchain, pinToolchain, toolCacheVersions, type Toolchain } from '../toolchain/toolchain.js';
import { generateOnHost } from '../gobuild/host-generate.js';
import { cacheCell, setupScope, type CacheState } from '../cache/keys.js';
import { dependencyPathProblem, restoreForJob } from '../cache/select.js';
import { setupGocache } from '../cache/setup-gocache.js';
import type { Inputs, PathGoInputs } from '../inputs/read.js';
import { VERSION_INPUTS_ALLOWED } from '../inputs/read-toolchain.js';
import { goEnvOf, installContext, releaseIndex, withPrivateModules, type LocalContext, type ModeContext } from './context.js';
import type { ToolchainResult } from './result.js';

export const SETUP_STEPS = jobSteps(
  Pipeline.over<{ inputs: Inputs; ctx: ModeContext }>()
    .do('check cache-dependency-path', async ({ inputs, ctx }) => orRefuse(await dependencyPathProblem(inputs.cache, ctx.runner.workspace)))
    .then('pin Go', async ({ inputs, ctx }) => ({
      pin: orRefuse(await pinToolchain(inputs, releaseIndex(inputs, ctx), toolCacheVersions(ctx.runner.toolCache, inputs), ctx.log)),
    }))
    .then('install Go', async ({ ctx, pin }): Promise<{ tc: Toolchain }> => ({ tc: await installToolchain(pin, installContext(ctx)) })),
);

/**
 * Setup mode with no version to pin: the job's own `go` on PATH, as setup-go uses it. It is
 * neither pinned nor checked against any hash, and says so once; the module cache and problem
 * matchers work as for a verified toolchain. No `go` on PATH is an input error: set a version.
 */
export const GO_ON_PATH_STEPS = jobSteps(
  Pipeline.over<{ inputs: PathGoInputs; ctx: LocalContext }>()
    .do('check cache-dependency-path', async ({ inputs, ctx }) => orRefuse(await dependencyPathProblem(inputs.cache, ctx.runner.workspace)))
    .then('find the Go on PATH', async ({ ctx }): Promise<{ tc: Toolchain }> => ({ tc: await goOnPathOrRefuse(ctx) })),
);

export async function runSetup(inputs: Inputs, ctx: ModeContext): Promise<ToolchainResult> {
  const priv = withPrivateModules(ctx, inputs.privateModules);
  return result(inputs, await SETUP_STEPS.run({ inputs, ctx: priv.ctx }), priv.env);
}

export async function runSetupWithGoOnPath(inputs: PathGoInputs, ctx: LocalContext): Promise<ToolchainResult> {
  const priv = withPrivateModules(ctx, inputs.privateModules);
  return result(inputs, await GO_ON_PATH_STEPS.run({ inputs, ctx: priv.ctx }), priv.env);
}

function result(
  inputs: Inputs | PathGoInputs,
  s: { tc: Toolchain; cache?: CacheState; gocache?: string },
  privateEnv: Record<string, string> | undefined,
): ToolchainResult {
  return { mode: 'setup', toolchain: s.tc, problemMatchers: inputs.problemMatchers, cache: s.cache, gocache: s.gocache, privateEnv };
}

/** What setup mode does once Go is there: `go env`, the caches (and GOCACHE), generate once. */
function jobSteps<I extends object>(p: Pipeline<I, { inputs: Inputs | PathGoInputs; ctx: LocalContext; tc: Toolchain }>) {
  return p
    .then('choose the GOCACHE', async ({ inputs, ctx, tc }) => {
      if (!inputs.cache.enabled) return { dir: undefined };
      const { runner, log } = ctx;
      const choice = await setupGocache(runner.env, tc.go, goEnvOf(tc, runner), runner.temp);
      if (choice.note) log.info(choice.note);
      return { dir: choice.dir };
    })
    .do('show the toolchain', ({ ctx, tc }) => announce(tc, goEnvOf(tc, ctx.runner), ctx.log))
    .then('restore the caches', async ({ inputs, ctx, tc, dir }) => {
      const host = dir === undefined ? undefined : { name: 'GOCACHE', dir, scope: setupScope(ctx.runner.env) };
      const cache = await restoreForJob(
        inputs.cache,
        inputs.workingDirectory,
        tc,
        goEnvOf(tc, ctx.runner),
        { host },
        { ...ctx.runner, log: ctx.log },
      );
      if (cache) summarizeCaches(cache, ctx.log);
      // Exported only when it is restored and saved: otherwise Go's default stays.
      return { cache, gocache: cache?.caches.some((c) => c.path === dir) ? dir : undefined };
    })
    .do('go generate (once, on the host)', async ({ inputs, ctx, tc }) => {
      if (inputs.generate.mode === 'once')
        await generateOnHost(tc, inputs.generate.packages, [], { ...ctx.runner, workingDirectory: inputs.workingDirectory, log: ctx.log });
    });
}

async function goOnPathOrRefuse(ctx: LocalContext): Promise<Toolchain> {
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
  return tc;
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
