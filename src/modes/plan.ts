// mode: plan. Pins the toolchain once for every runner platform the shards use, expands and checks
// the targets, and splits them into balanced shards: the `matrix`, `toolchain` and `targets`
// outputs. Builds nothing; installs Go only when the shipped port table does not know the minor.
import { expandTargets } from '../targets/expand.js';
import { namePackages, namingError } from '../gobuild/names.js';
import { readStamp } from '../gobuild/stamp.js';
import { archiveFilesOf } from '../gobuild/archive-files.js';
import { InputError } from '../errors.js';
import type { Inputs } from '../inputs/read.js';
import type { ShardSpec } from '../shards/shard-spec.js';
import type { PlanResult } from './result.js';
import { goEnvOf, releaseIndex, setupContext, type ModeContext } from './setup.js';
import { matrixOutput, planShards, toolchainOutput, type Shard } from '../shards/balance.js';
import { installedPorts, recordedPorts } from '../targets/ports.js';
import { targetId, type Port } from '../targets/target.js';
import { chooseArchive, type ArchiveChoice, type ReleaseIndex } from '../toolchain/pinning.js';
import { installToolchain, pinToolchain } from '../toolchain/toolchain.js';
import { displayVersion } from '../toolchain/version.js';
import type { Platform } from '../toolchain/platform.js';
import type { Pin } from '../toolchain/toolchain.js';
import type { Log } from '../lib/log.js';
import { escapeHtml } from '../lib/html.js';
import { chooseCompilers } from '../cc/choose.js';
import { chooseZigArchive } from '../cc/zig-release.js';
import { cgoTargetError, zigArchiveError } from '../inputs/cgo.js';

export async function runPlan(inputs: Inputs, plan: ShardSpec, ctx: ModeContext): Promise<PlanResult> {
  const { log } = ctx;
  const index = releaseIndex(inputs, ctx);
  // No tool-cache shortcut for ranges: what the plan runner happens to have must not pick the release.
  const pin = await pinToolchain(inputs, index, [], log);
  const { version, goName } = pin;

  const targets = expandTargets(plan.build, await portsOf(pin, ctx), version);
  // The plan job has the same checkout as its shards: the same {version}, {tag} and {commit}.
  const stamp = await readStamp(ctx.runner.env, inputs.workingDirectory);
  const naming = namingError(plan.build, targets, namePackages(plan.build, inputs.workingDirectory), stamp);
  if (naming) throw naming;
  // Shards would fail on archive-files that match nothing: so does the plan.
  await archiveFilesOf(plan.build, inputs.workingDirectory);

  const shards = planShards(targets, plan.shards, plan.runsOn);
  if ('problem' in shards)
    throw new InputError('shards', String(plan.shards), shards.problem, 'at least one shard per runner that runs-on names');
  if (plan.shards && plan.shards > shards.length)
    log.info(`shards: ${plan.shards} asked, ${shards.length} planned: a shard builds at least one target.`);

  // Every platform a shard runs on needs its archive pinned: the default runner's (this one's, or
  // architecture) for shards without a runs-on rule, the rule's platform for the others.
  const platforms = new Map(
    shards.map((s) => {
      const p = plan.runsOn.find((r) => r.label === s.runsOn)?.platform ?? inputs.platform;
      return [`${p.goos}/${p.goarch}`, p];
    }),
  );
  // Each shard's cgo targets must be buildable on its runner, with a zig whose hash is known there.
  for (const sh of shards) {
    const p = plan.runsOn.find((r) => r.label === sh.runsOn)?.platform ?? inputs.platform;
    const compilers = chooseCompilers(sh.targets, plan.build.cgo, p);
    if ('problem' in compilers)
      throw cgoTargetError(targetId(compilers.target), compilers.problem, ['darwin', 'ios'].includes(compilers.target.goos));
    const zig = compilers.needsZig ? chooseZigArchive(plan.build.cgo.zig, p) : undefined;
    if (zig && 'problem' in zig) throw zigArchiveError(plan.build.cgo, zig.input, zig.problem);
  }
  const archives: ArchiveChoice[] = [];
  for (const p of platforms.values()) archives.push(await archiveFor(pin, p, inputs, index));
  // The pin's own archive said its warnings when it was pinned.
  for (const a of archives) if (a.file !== pin.file) a.expected.warnings.forEach(log.warning);

  const toolchain = toolchainOutput(
    displayVersion(version),
    archives.map((a) => ({ file: a.file, sha256: a.expected.sha256 })),
  );
  const matrix = matrixOutput(shards);
  log.section(`Plan: ${targets.length} targets in ${shards.length} shards with ${goName}`, [
    ...shards.map(describeShard),
    ...archives.map((a) => `${a.file}: SHA-256 ${a.expected.sha256} (${a.expected.source})`),
  ]);
  summarize(log, goName, shards, archives);
  return { mode: 'plan', matrix, toolchain, targets: targets.map(targetId) };
}

/** The pin's own archive when `p` is the pin's platform; another platform's is chosen from the same index. */
async function archiveFor(pin: Pin, p: Platform, inputs: Inputs, index: ReleaseIndex): Promise<ArchiveChoice> {
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
  const tc = await installToolchain(pin, setupContext(ctx));
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
