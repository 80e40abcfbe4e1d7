// mode: plan. Pins the toolchain once for every runner platform the shards use, expands and checks
// the targets, and splits them into balanced shards: the `matrix`, `toolchain` and `targets`
// outputs. Builds nothing; installs Go only when the shipped port table does not know the minor.
import { InputError, orRefuse } from '../errors.js';
import type { InputProblem } from '../lib/problem.js';
import { escapeHtml } from '../lib/html.js';
import type { Log } from '../lib/log.js';
import { Pipeline } from '../lib/pipeline.js';
import { installedPorts, recordedPorts } from '../targets/ports.js';
import { isUniversal, targetId, type Port } from '../targets/target.js';
import { chooseArchive, type ArchiveChoice, type ReleaseIndex } from '../toolchain/pinning.js';
import type { Platform } from '../toolchain/platform.js';
import type { ToolchainSpec } from '../toolchain/toolchain-spec.js';
import { installToolchain, pinToolchain, type Pin } from '../toolchain/toolchain.js';
import { displayVersion } from '../toolchain/version.js';
import { chooseCc } from '../cc/choose.js';
import { archiveFilesOf } from '../gobuild/archive-files.js';
import { namePackages, nameProject } from '../gobuild/names.js';
import { checkPackages } from '../gobuild/package-dirs.js';
import { readStamp } from '../gobuild/stamp.js';
import { namedTargets } from '../gobuild/target-check.js';
import { DEFAULT_COST_PER_SHARD, matrixOutput, planShards, toolchainOutput, type Shard } from '../shards/balance.js';
import type { ShardSpec } from '../shards/shard-spec.js';
import { goEnvOf, installContext, releaseIndex, type ModeContext } from './context.js';
import type { PlanResult } from './result.js';

export const PLAN_STEPS = Pipeline.over<{ inputs: ToolchainSpec; plan: ShardSpec; ctx: ModeContext }>()
  .do('check the packages', ({ inputs, plan, ctx }) => orRefuse(checkPackages(plan.build, inputs.workingDirectory, ctx.runner.env)))
  .then('read the release index', ({ inputs, ctx }) => ({ index: releaseIndex(inputs, ctx) }))
  // No tool-cache shortcut for ranges: what the plan runner happens to have must not pick the release.
  .then('pin Go', async ({ inputs, ctx, index }) => ({ pin: orRefuse(await pinToolchain(inputs, index, [], ctx.log)) }))
  .then('name the binaries', ({ inputs, plan }) => {
    const packages = namePackages(plan.build, inputs.workingDirectory);
    return { packages, project: nameProject(plan.build, inputs.workingDirectory, packages) };
  })
  // The plan job has the same checkout as its shards: the same {version}, {tag} and {commit}.
  .then('read the stamp', async ({ inputs, ctx }) => ({ stamp: await readStamp(ctx.runner.env, inputs.workingDirectory) }))
  .then('check the targets', async ({ plan, ctx, pin, packages, project, stamp }) => ({
    targets: orRefuse(namedTargets(plan.build, await portsOf(pin, ctx), pin.version, packages, project, stamp)),
  }))
  // Shards would fail on archive-files that match nothing: so does the plan.
  .do('find archive-files', async ({ inputs, plan, packages }) =>
    orRefuse(await archiveFilesOf(plan.build, inputs.workingDirectory, packages)),
  )
  .then('split into shards', ({ plan, ctx, targets }) => {
    // darwin/universal is never a shard's: merge assembles it from the slices, wherever they were built (docs/matrix.md).
    const shards = planShards(
      targets.filter((t) => !isUniversal(t)),
      plan.shards,
      plan.runsOn,
    );
    if ('problem' in shards)
      throw InputError.of({
        input: 'shards',
        value: String(plan.shards),
        problem: shards.problem,
        allowed: 'at least one shard per runner that runs-on names',
      });
    if (plan.shards && plan.shards > shards.length)
      ctx.log.info(`shards: ${plan.shards} asked, ${shards.length} planned: a shard builds at least one target.`);
    if (!plan.shards)
      ctx.log.info(
        `shards: ${shards.length} by default for ${targets.length} targets, about ${DEFAULT_COST_PER_SHARD} cold builds each (docs/matrix.md says why); set shards to choose.`,
      );
    return { shards };
  })
  // Each shard's cgo targets must be buildable on its runner, with a zig whose hash is known there.
  .do("check each shard's C compilers", ({ inputs, plan, shards }) => {
    for (const sh of shards) orRefuse(chooseCc(sh.targets, plan.build.cgo, runnerPlatform(sh, plan, inputs)));
  })
  // Every platform a shard runs on needs its archive pinned: the default runner's (this one's, or
  // architecture) for shards without a runs-on rule, the rule's platform for the others.
  .then("pin each runner's archive", async ({ inputs, plan, ctx, index, pin, shards }) => {
    const platforms = new Map(shards.map((sh) => runnerPlatform(sh, plan, inputs)).map((p) => [`${p.goos}/${p.goarch}`, p]));
    const archives: ArchiveChoice[] = [];
    for (const p of platforms.values()) archives.push(orRefuse(await archiveFor(pin, p, inputs, index)));
    // The pin's own archive said its warnings when it was pinned.
    for (const a of archives) if (a.file !== pin.file) a.expected.warnings.forEach(ctx.log.warning);
    return { archives };
  })
  .do('summarize', ({ ctx, pin, targets, shards, archives }) => {
    ctx.log.section(`Plan: ${targets.length} targets in ${shards.length} shards with ${pin.goName}`, [
      ...shards.map(describeShard),
      ...archives.map((a) => `${a.file}: SHA-256 ${a.expected.sha256} (${a.expected.source})`),
    ]);
    summarize(ctx.log, pin.goName, shards, archives);
  });

export async function runPlan(inputs: ToolchainSpec, plan: ShardSpec, ctx: ModeContext): Promise<PlanResult> {
  const { pin, targets, shards, archives } = await PLAN_STEPS.run({ inputs, plan, ctx });
  return {
    mode: 'plan',
    matrix: matrixOutput(shards),
    toolchain: toolchainOutput(
      displayVersion(pin.version),
      archives.map((a) => ({ file: a.file, sha256: a.expected.sha256 })),
    ),
    targets: targets.map(targetId),
  };
}

/** The platform of the runner a shard runs on: its runs-on rule's, else the default runner's. */
function runnerPlatform(sh: Shard, plan: ShardSpec, inputs: ToolchainSpec): Platform {
  return plan.runsOn.find((r) => r.label === sh.runsOn)?.platform ?? inputs.platform;
}

/** The pin's own archive when `p` is the pin's platform; another platform's is chosen from the same index. */
async function archiveFor(pin: Pin, p: Platform, inputs: ToolchainSpec, index: ReleaseIndex): Promise<ArchiveChoice | InputProblem> {
  if (p.goos === pin.platform.goos && p.goarch === pin.platform.goarch)
    return { file: pin.file, url: pin.url, expected: pin.expected, platform: pin.platform };
  return chooseArchive(inputs, pin.version, p, index);
}

/** The recorded ports of the minor, or those of the installed toolchain when the table lacks it. */
async function portsOf(pin: Pin, ctx: ModeContext): Promise<Port[]> {
  const recorded = recordedPorts(pin.version);
  if (recorded) return recorded;
  ctx.log.info(
    `The port table shipped with this action does not know Go ${displayVersion(pin.version)}: installing it to ask go tool dist list.`,
  );
  const tc = await installToolchain(pin, installContext(ctx));
  return installedPorts(tc.go, goEnvOf(tc, ctx.runner));
}

function describeShard(s: Shard): string {
  return `shard ${s.shard}${s.runsOn ? ` on ${s.runsOn}` : ''}: ${s.targets.map(targetId).join(', ')} (expected cost ${s.cost.toFixed(2)})`;
}

function summarize(log: Log, goName: string, shards: Shard[], archives: ArchiveChoice[]): void {
  log.summary(
    { heading: `Plan: ${shards.reduce((n, s) => n + s.targets.length, 0)} targets in ${shards.length} shards with ${goName}` },
    {
      table: [
        ['Shard', 'Runner', 'Targets', 'Expected cost'],
        ...shards.map((s) => [String(s.shard), escapeHtml(s.runsOn ?? 'default'), s.targets.map(targetId).join(', '), s.cost.toFixed(2)]),
      ],
    },
    {
      table: [
        ['Archive', 'SHA-256', 'Verified against'],
        ...archives.map((a) => [escapeHtml(a.file), `<code>${a.expected.sha256}</code>`, a.expected.source]),
      ],
    },
  );
}
