// mode: plan. Pins the toolchain once for every runner platform the shards use, expands and checks
// the targets, and splits them into balanced shards: the `matrix`, `toolchain` and `targets`
// outputs. Builds nothing; installs Go only when the shipped port table does not know the minor.
import * as core from '@actions/core';
import { expandTargets, namePackages, namingError } from '../build/expand.js';
import { readPorts } from '../build/ports.js';
import { InputError } from '../errors.js';
import type { PlanInputs, ToolchainInputs } from '../inputs.js';
import { matrixOutput, planShards, toolchainOutput, type Shard } from '../matrix.js';
import { recordedPorts } from '../ports.js';
import { targetId, type Port } from '../targets.js';
import { toolchainEnv } from '../toolchain/environment.js';
import { chooseArchive, exactVersion, ReleaseIndex, type ArchiveChoice } from '../toolchain/pinning.js';
import { setupToolchain, type SetupContext } from '../toolchain/setup.js';
import { displayVersion, semverToGoName } from '../toolchain/version.js';

export async function runPlan(inputs: ToolchainInputs, plan: PlanInputs, ctx: SetupContext & { pathSep: string }) {
  const index = new ReleaseIndex(ctx.client, inputs.baseUrl, ctx.log);
  // No tool-cache shortcut for ranges: what the plan runner happens to have must not pick the release.
  const version = await exactVersion(inputs, index, [], ctx.log);
  const goName = semverToGoName(version);

  const targets = expandTargets(plan.build, await portsOf(version, inputs, ctx), version);
  const naming = namingError(plan.build, targets, namePackages(plan.build, inputs.workingDirectory));
  if (naming) throw naming;

  const shards = planShards(targets, plan.shards, plan.runsOn);
  if ('problem' in shards)
    throw new InputError('shards', String(plan.shards), shards.problem, 'at least one shard per runner that runs-on names');
  if (plan.shards && plan.shards > shards.length)
    core.info(`shards: ${plan.shards} asked, ${shards.length} planned: a shard builds at least one target.`);

  // Every platform a shard runs on needs its archive pinned: the default runner's (this one's, or
  // architecture) for shards without a runs-on rule, the rule's platform for the others.
  const platforms = new Map(
    shards.map((s) => {
      const p = plan.runsOn.find((r) => r.label === s.runsOn)?.platform ?? inputs.platform;
      return [`${p.goos}/${p.goarch}`, p];
    }),
  );
  const archives: ArchiveChoice[] = [];
  for (const p of platforms.values()) archives.push(await chooseArchive(inputs, version, p, index));
  for (const a of archives) a.expected.warnings.forEach(ctx.log.warning);

  const toolchain = toolchainOutput(
    displayVersion(version),
    archives.map((a) => ({ file: a.file, sha256: a.expected.sha256 })),
  );
  const matrix = matrixOutput(shards);
  core.startGroup(`Plan: ${targets.length} targets in ${shards.length} shards with ${goName}`);
  for (const s of shards) core.info(describeShard(s));
  for (const a of archives) core.info(`${a.file}: SHA-256 ${a.expected.sha256} (${a.expected.source})`);
  core.endGroup();

  core.setOutput('matrix', JSON.stringify(matrix));
  core.setOutput('toolchain', JSON.stringify(toolchain));
  core.setOutput('targets', targets.map(targetId).join(','));
  core.setOutput('go-version', toolchain.version);
  await writeSummary(goName, shards, archives);
}

/** The recorded ports of the minor, or those of the installed toolchain when the table lacks it. */
async function portsOf(version: string, inputs: ToolchainInputs, ctx: SetupContext & { pathSep: string }): Promise<Port[]> {
  const recorded = recordedPorts(version);
  if (recorded) return recorded;
  ctx.log.info(
    `The port table shipped with this action does not know Go ${displayVersion(version)}: installing it to ask go tool dist list.`,
  );
  const tc = await setupToolchain({ ...inputs, spec: { kind: 'exact', version } }, ctx);
  return readPorts(tc.go, toolchainEnv(ctx.env, tc.goroot, ctx.pathSep) as Record<string, string>);
}

function describeShard(s: Shard): string {
  return `shard ${s.shard}${s.runsOn ? ` on ${s.runsOn}` : ''}: ${s.targets.map(targetId).join(', ')} (expected cost ${s.cost.toFixed(2)})`;
}

async function writeSummary(goName: string, shards: Shard[], archives: ArchiveChoice[]): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary
    .addHeading(`Plan: ${shards.reduce((n, s) => n + s.targets.length, 0)} targets in ${shards.length} shards with ${goName}`, 3)
    .addTable([
      ['Shard', 'Runner', 'Targets', 'Expected cost'].map((data) => ({ data, header: true })),
      ...shards.map((s) => [String(s.shard), s.runsOn ?? 'default', s.targets.map(targetId).join(', '), s.cost.toFixed(2)]),
    ])
    .addTable([
      ['Archive', 'SHA-256', 'Verified against'].map((data) => ({ data, header: true })),
      ...archives.map((a) => [a.file, `<code>${a.expected.sha256}</code>`, a.expected.source]),
    ])
    .write();
}
