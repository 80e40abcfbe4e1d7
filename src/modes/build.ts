// mode: build, as the ordered steps it takes. Go (and zig, for cgo targets) pinned and verified; the
// targets checked against the toolchain's ports and their C compilers, before any download when the
// port table shipped with the action knows the minor; the tasks laid out, their caches restored,
// built in parallel and checked; signed, when asked; the artifacts published; the summary written.
import { join } from 'node:path';
import { orRefuse } from '../errors.js';
import { allSettledOrThrow } from '../lib/settle.js';
import { Pipeline } from '../lib/pipeline.js';
import { recordedPorts, installedPorts } from '../targets/ports.js';
import { announce } from '../toolchain/announce.js';
import { installToolchain, pinToolchain, toolCacheVersions, type VerifiedToolchain } from '../toolchain/toolchain.js';
import { displayVersion } from '../toolchain/version.js';
import { installZig, type Zig } from '../cc/zig-install.js';
import type { ZigArchive } from '../cc/zig-release.js';
import { archiveFilesOf } from '../gobuild/archive-files.js';
import type { BuildSpec } from '../gobuild/build-spec.js';
import { buildTasks } from '../gobuild/build-tasks.js';
import { refuseFailedBuilds } from '../gobuild/failures.js';
import { readBuildInfo } from '../gobuild/buildinfo-verifier.js';
import { findSigningProgram, refuseFailedSigning, signBuilds } from '../gobuild/sign.js';
import type { CommandTemplate } from '../lib/command-template.js';
import { generateOnHost } from '../gobuild/host-generate.js';
import { jobTasks } from '../gobuild/job-tasks.js';
import { downloadModules } from '../gobuild/module-download.js';
import { checksumsName, namePackages, nameProject } from '../gobuild/names.js';
import { checkPackages } from '../gobuild/package-dirs.js';
import { buildSummary, compilerSummary } from '../gobuild/present.js';
import { readStamp } from '../gobuild/stamp.js';
import { checkTargets } from '../gobuild/target-check.js';
import { publishBuilds, universalName } from '../artifacts/from-builds.js';
import { assembleUniversal } from '../artifacts/universal.js';
import { isUniversal, UNIVERSAL_SLICES, type Target } from '../targets/target.js';
import { buildJobCaches, targetCacheReports } from '../cache/job-caches.js';
import { dependencyPathProblem, restoreForJob } from '../cache/select.js';
import type { Inputs } from '../inputs/read.js';
import { goEnvOf, installContext, releaseIndex, withPrivateModules, type ModeContext } from './context.js';
import type { ToolchainResult } from './result.js';

interface Start {
  inputs: Inputs;
  b: BuildSpec;
  ctx: ModeContext;
  /** The job's environment without the private modules' credential: what the signing commands get. */
  jobEnv?: NodeJS.ProcessEnv;
}

export const BUILD_STEPS = Pipeline.over<Start>()
  .do('check cache-dependency-path', async ({ inputs, ctx }) => orRefuse(await dependencyPathProblem(inputs.cache, ctx.runner.workspace)))
  .do('check the packages', ({ inputs, b, ctx }) => orRefuse(checkPackages(b, inputs.workingDirectory, ctx.runner.env)))
  .then('find the signing programs', ({ b, inputs, ctx, jobEnv }) => {
    const run = { cwd: inputs.workingDirectory, env: jobEnv ?? ctx.runner.env, log: ctx.log };
    const windows = ctx.runner.host.goos === 'windows';
    const find = (input: string, command: CommandTemplate) => ({
      command,
      program: orRefuse(findSigningProgram(input, command, run.cwd, run.env, ctx.runner.pathSep, windows)),
      ...run,
    });
    return { signer: b.sign && find('sign', b.sign), sumsSigner: b.signChecksums && find('sign-checksums', b.signChecksums) };
  })
  .then('pin Go', async ({ inputs, ctx }) => ({
    pin: orRefuse(await pinToolchain(inputs, releaseIndex(inputs, ctx), toolCacheVersions(ctx.runner.toolCache, inputs), ctx.log)),
  }))
  // A name that cannot be derived is refused where names are first needed: archive-files, or the target check.
  .then('name the binaries', ({ inputs, b }) => {
    const packages = namePackages(b, inputs.workingDirectory);
    return { packages, project: nameProject(b, inputs.workingDirectory, packages) };
  })
  .then('read the stamp', async ({ inputs, ctx }) => ({ stamp: await readStamp(ctx.runner.env, inputs.workingDirectory) }))
  .then('find archive-files', async ({ inputs, b, packages }) => ({
    files: orRefuse(await archiveFilesOf(b, inputs.workingDirectory, packages)),
  }))
  .then('check the targets (port table)', ({ b, ctx, pin, packages, project, stamp }) => {
    const ports = recordedPorts(pin.version);
    return { early: ports && orRefuse(checkTargets(b, ports, pin.version, packages, project, stamp, ctx.runner.host)) };
  })
  .then('install Go (and zig)', async ({ b, ctx, pin, early }) => {
    const zigArchive = early?.zigArchive && withWarnings(early.zigArchive, ctx);
    // Go and zig download at once; a failure of either waits for the other, so nothing is left half-written.
    const [tc, zig] = await allSettledOrThrow<[VerifiedToolchain, Zig | undefined]>([
      installToolchain(pin, installContext(ctx)),
      zigArchive ? installZig(zigArchive, b.cgo.zig, { ...installContext(ctx), host: ctx.runner.host }) : Promise.resolve(undefined),
    ]);
    return { tc, goEnv: goEnvOf(tc, ctx.runner), zig };
  })
  .do('show the toolchain', ({ ctx, tc, goEnv }) => announce(tc, goEnv, ctx.log))
  .then('check the targets (installed Go)', async ({ b, ctx, tc, goEnv, early, packages, project, stamp }) => ({
    checked: early ?? orRefuse(checkTargets(b, await installedPorts(tc.go, goEnv), tc.version, packages, project, stamp, ctx.runner.host)),
  }))
  .then('install zig', async ({ b, ctx, early, checked, zig }) => {
    const late = !early && checked.zigArchive ? withWarnings(checked.zigArchive, ctx) : undefined;
    const installed = zig ?? (late ? await installZig(late, b.cgo.zig, { ...installContext(ctx), host: ctx.runner.host }) : undefined);
    if (installed) ctx.log.summary(...compilerSummary(installed, checked.targets, checked.compilers));
    return { zig: installed };
  })
  .then('lay out the tasks', ({ inputs, b, ctx, tc, checked, stamp, files, zig }) => ({
    job: orRefuse(
      jobTasks(
        b,
        inputs.generate,
        tc,
        checked.targets,
        checked.packages,
        checked.project,
        stamp,
        files,
        { of: checked.compilers.of, zig: zig?.zig },
        buildCtx(inputs, ctx),
      ),
    ),
  }))
  .then('restore the caches', async ({ inputs, b, ctx, tc, goEnv, job, zig }) => {
    const cache = await restoreForJob(inputs.cache, inputs.workingDirectory, tc, goEnv, buildJobCaches(job, b, zig), {
      ...ctx.runner,
      log: ctx.log,
    });
    return { cache, caches: targetCacheReports(cache, job) };
  })
  .do('download the modules', ({ inputs, ctx, tc }) => downloadModules(tc, buildCtx(inputs, ctx), inputs.privateModules))
  .do('go generate (once, on the host)', async ({ inputs, b, ctx, tc }) => {
    if (inputs.generate.mode === 'once') await generateOnHost(tc, inputs.generate.packages, b.settings.tags, buildCtx(inputs, ctx));
  })
  .then('build', async ({ inputs, b, ctx, tc, job }) => ({ outcome: await buildTasks(b, inputs.generate, tc, job, buildCtx(inputs, ctx)) }))
  .do('stop on a failed build', ({ b, ctx, tc, outcome, caches }) =>
    refuseFailedBuilds(outcome, displayVersion(tc.version), caches, b.outputDir, ctx.log),
  )
  .then('sign', async ({ b, ctx, tc, goEnv, outcome, caches, signer }) => {
    if (!signer) return { outcome };
    const readInfo = (binary: string) => readBuildInfo(tc.go, goEnv, tc.version, binary);
    const signed = await signBuilds(outcome, { ...signer, parallel: b.parallel, readInfo });
    refuseFailedSigning(signed, displayVersion(tc.version), caches, b.outputDir, ctx.log);
    return { outcome: signed };
  })
  .then('assemble darwin/universal', async ({ b, job, checked, outcome }) => ({
    universal: await assembleUniversal(outcome.results, checked.universal, b.sbom, (name) =>
      universalName(b, job.stamp, checked.project, name),
    ),
  }))
  .then('publish', async ({ b, ctx, tc, checked, job, outcome, caches, sumsSigner, universal }) => {
    const checksums = checksumsName(b, checked.project, job.stamp);
    const published = publishBuilds(
      outcome.results,
      universal,
      b,
      job.stamp,
      checked.project,
      displayVersion(tc.version),
      (t) => (isUniversal(t) ? sliceHits(t, caches) : caches(t).hit),
      ctx.runner.workspace,
      checksums,
      ctx.log,
      sumsSigner,
    );
    return { artifacts: await published, checksums };
  })
  .do('summarize', ({ ctx, tc, outcome, artifacts, caches }) =>
    ctx.log.summary(...buildSummary(outcome.results, artifacts, displayVersion(tc.version), caches, outcome.note)),
  );

/** Build mode's go commands fetch private modules with their credential; later steps get neither (setup mode's job). */
export async function runBuild(inputs: Inputs, b: BuildSpec, ctx: ModeContext): Promise<ToolchainResult> {
  const { tc, cache, artifacts, checksums } = await BUILD_STEPS.run({
    inputs,
    b,
    ctx: withPrivateModules(ctx, inputs.privateModules).ctx,
    jobEnv: ctx.runner.env,
  });
  return {
    mode: 'build',
    toolchain: tc,
    problemMatchers: inputs.problemMatchers,
    cache,
    artifacts,
    checksumsFile: join(b.outputDir, checksums),
  };
}

/** darwin/universal's cache hit: both slices' (null when caching is off). */
function sliceHits(u: Target, caches: (t: Target) => { hit: boolean | null }): boolean | null {
  const hits = UNIVERSAL_SLICES.map((id) => caches({ ...u, goarch: id.split('/')[1] }).hit);
  return hits.includes(null) ? null : hits.every(Boolean);
}

const buildCtx = (inputs: Inputs, ctx: ModeContext) => ({ ...ctx.runner, workingDirectory: inputs.workingDirectory, log: ctx.log });

/** A zig archive, its warnings (a pin that differs from zig's hash) said once. */
function withWarnings(a: ZigArchive, ctx: ModeContext): ZigArchive {
  a.warnings.forEach(ctx.log.warning);
  return a;
}
