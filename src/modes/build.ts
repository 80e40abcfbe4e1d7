// mode: build. Pin the toolchain, check the targets against its ports (before any download when the
// port table knows the minor), install, plan the tasks, restore their caches, build, publish.
import { cacheCell, exactHit } from '../cache/keys.js';
import { restoreForJob } from '../cache/select.js';
import { targetId, type Port, type Target } from '../targets/target.js';
import { crossBuild, planBuild } from '../build/crossbuild.js';
import { namePackages, namingError } from '../build/names.js';
import { readStamp } from '../build/stamp.js';
import { archiveFilesOf } from '../build/archive-files.js';
import type { BuildSpec } from '../build/spec.js';
import { SUMS_FILE } from '../artifacts/manifest.js';
import type { Inputs } from '../inputs/read.js';
import { expandTargets } from '../targets/expand.js';
import { installedPorts, recordedPorts } from '../targets/ports.js';
import { installToolchain, pinToolchain, toolCacheVersions } from '../toolchain/setup.js';
import { join } from 'node:path';
import type { ToolchainResult } from './result.js';
import { announce, checkDependencyPath, goEnvOf, releaseIndex, setupContext, type ModeContext } from './setup.js';

export async function runBuild(inputs: Inputs, b: BuildSpec, ctx: ModeContext): Promise<ToolchainResult> {
  const { runner, log } = ctx;
  await checkDependencyPath(inputs, ctx);
  const pin = await pinToolchain(inputs, releaseIndex(inputs, ctx), toolCacheVersions(runner.toolCache, inputs), log);
  // Targets and artifact names are checked before the download when the port table knows the minor.
  const stamp = await readStamp(runner.env, inputs.workingDirectory);
  const files = await archiveFilesOf(b, inputs.workingDirectory);
  const checked = (ports: Port[]) => {
    const targets = expandTargets(b, ports, pin.version);
    const naming = namingError(b, targets, namePackages(b, inputs.workingDirectory), stamp);
    if (naming) throw naming;
    return targets;
  };
  const recorded = recordedPorts(pin.version);
  const early = recorded && checked(recorded);
  const tc = await installToolchain(pin, setupContext(ctx));
  await announce(tc, ctx);
  const goEnv = goEnvOf(tc, runner);
  const targets = early || checked(await installedPorts(tc.go, goEnv));

  const buildCtx = { ...runner, workingDirectory: inputs.workingDirectory, log };
  const planned = await planBuild(b, inputs.generate, tc, targets, stamp, files, buildCtx);
  const cache = await restoreForJob(
    inputs.cache,
    inputs.workingDirectory,
    tc,
    goEnv,
    {
      targets: { targets, settings: b.settings, outputDir: b.outputDir, gocache: planned.gocache },
      host: planned.hostGocache === undefined ? undefined : { name: 'host', dir: planned.hostGocache, scope: 'generate' },
    },
    { ...runner, log },
  );
  const byTarget = new Map(cache?.caches.filter((c) => c.kind === 'build').map((c) => [c.name, c]));
  const caches = (t: Target) => {
    const c = byTarget.get(targetId(t));
    return { hit: c ? exactHit(c) : null, cell: cacheCell(c) };
  };
  const artifacts = await crossBuild(b, inputs.generate, tc, planned, caches, buildCtx);
  return {
    mode: 'build',
    toolchain: tc,
    problemMatchers: inputs.problemMatchers,
    cache,
    artifacts,
    checksumsFile: join(b.outputDir, SUMS_FILE),
  };
}
