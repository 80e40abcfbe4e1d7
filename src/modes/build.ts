// mode: build. Pin the toolchain (and zig, for cgo targets), check the targets against its ports
// and their C compilers (before any download when the port table knows the minor), install, plan
// the tasks, restore their caches, build, publish.
import { cacheCell, exactHit } from '../cache/keys.js';
import { restoreForJob } from '../cache/select.js';
import { targetId, type Port, type Target } from '../targets/target.js';
import { crossBuild, planBuild } from '../gobuild/crossbuild.js';
import { namePackages, namingError } from '../gobuild/names.js';
import { readStamp } from '../gobuild/stamp.js';
import { archiveFilesOf } from '../gobuild/archive-files.js';
import type { BuildSpec } from '../gobuild/build-spec.js';
import { SUMS_FILE } from '../gobuild/artifact-names.js';
import type { Inputs } from '../inputs/read.js';
import { expandTargets } from '../targets/expand.js';
import { installedPorts, recordedPorts } from '../targets/ports.js';
import { installToolchain, pinToolchain, toolCacheVersions, type VerifiedToolchain } from '../toolchain/toolchain.js';
import { allSettledOrThrow } from '../lib/settle.js';
import { join } from 'node:path';
import type { ToolchainResult } from './result.js';
import { chooseCompilers, compilerId } from '../cc/choose.js';
import { chooseZigArchive, type ZigArchive } from '../cc/zig-release.js';
import { installZig, type Zig } from '../cc/zig-install.js';
import { cgoTargetError, zigArchiveError } from '../inputs/cgo.js';
import { compilerSummary } from '../gobuild/present.js';
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
    const compilers = chooseCompilers(targets, b.cgo, runner.host);
    if ('problem' in compilers)
      throw cgoTargetError(targetId(compilers.target), compilers.problem, ['darwin', 'ios'].includes(compilers.target.goos));
    return { targets, compilers, zigArchive: compilers.needsZig ? zigArchiveOf() : undefined };
  };
  const zigArchiveOf = (): ZigArchive => {
    const a = chooseZigArchive(b.cgo.zig, runner.host);
    if ('problem' in a) throw zigArchiveError(b.cgo, a.input, a.problem);
    a.warnings.forEach(log.warning);
    return a;
  };
  const recorded = recordedPorts(pin.version);
  const early = recorded && checked(recorded);
  const zigCtx = { ...setupContext(ctx), host: runner.host };
  // Go and zig download at once; a failure of either waits for the other, so nothing is left half-written.
  const [tc, earlyZig] = await allSettledOrThrow<[VerifiedToolchain, Zig | undefined]>([
    installToolchain(pin, setupContext(ctx)),
    early?.zigArchive ? installZig(early.zigArchive, b.cgo.zig, zigCtx) : Promise.resolve(undefined),
  ]);
  await announce(tc, ctx);
  const goEnv = goEnvOf(tc, runner);
  const { targets, compilers, zigArchive } = early || checked(await installedPorts(tc.go, goEnv));
  const zig = earlyZig ?? (zigArchive ? await installZig(zigArchive, b.cgo.zig, zigCtx) : undefined);
  if (zig) log.summary(...compilerSummary(zig, targets, compilers));

  const buildCtx = { ...runner, workingDirectory: inputs.workingDirectory, log };
  const planned = await planBuild(b, inputs.generate, tc, targets, stamp, files, { of: compilers.of, zig: zig?.zig }, buildCtx);
  const compilerOf = (t: Target) => {
    const c = planned.compiler(t);
    return c && zig ? { id: compilerId(zig, c.target), cache: c.cache } : undefined;
  };
  const cache = await restoreForJob(
    inputs.cache,
    inputs.workingDirectory,
    tc,
    goEnv,
    {
      targets: { targets, settings: b.settings, outputDir: b.outputDir, gocache: planned.gocache, compiler: compilerOf },
      host: planned.hostGocache === undefined ? undefined : { name: 'host', dir: planned.hostGocache, scope: 'generate' },
    },
    { ...runner, log },
  );
  const byName = new Map(cache?.caches.filter((c) => c.kind !== 'modules').map((c) => [c.name, c]));
  // A cgo target's zig cache restores beside its build cache: both must hit for the target to.
  const caches = (t: Target) => {
    const c = byName.get(targetId(t));
    const z = planned.compiler(t) && cache ? byName.get(`${targetId(t)} zig`) : undefined;
    return {
      hit: c ? exactHit(c) && (!z || exactHit(z)) : null,
      cell: z ? `${cacheCell(c)}; zig: ${cacheCell(z)}` : cacheCell(c),
    };
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
