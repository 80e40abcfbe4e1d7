// Every target's C compiler on one runner, chosen before anything is downloaded: the first target
// that cannot be built there is the problem of the targets input. Pure.
import type { InputProblem } from '../lib/problem.js';
import type { Platform } from '../toolchain/platform.js';
import { targetId, type Target } from '../targets/target.js';
import { compilerFor, type CCompiler, type CgoSpec, type ZigTarget } from './compilers.js';
import { chooseZigArchive, type ZigArchive } from './zig-release.js';

export interface Compilers {
  of(t: Target): CCompiler;
  /** Some target's C code is compiled by the managed zig. */
  needsZig: boolean;
}

export function chooseCompilers(targets: Target[], spec: CgoSpec, host: Platform): Compilers | InputProblem {
  const by = new Map<string, CCompiler>();
  for (const t of targets) {
    const c = compilerFor(t, spec, host);
    if ('problem' in c) return cgoTargetProblem(t, c.problem);
    by.set(targetId(t), c);
  }
  return { of: (t) => by.get(targetId(t)) ?? { kind: 'none' }, needsZig: [...by.values()].some((c) => c.kind === 'zig') };
}

/** The compilers on a runner of `platform`, and the zig archive it installs when zig compiles some target's C code. */
export function chooseCc(
  targets: Target[],
  spec: CgoSpec,
  platform: Platform,
): { compilers: Compilers; zigArchive?: ZigArchive } | InputProblem {
  const compilers = chooseCompilers(targets, spec, platform);
  if ('problem' in compilers) return compilers;
  if (!compilers.needsZig) return { compilers };
  const zigArchive = chooseZigArchive(spec.zig, platform);
  return 'problem' in zigArchive ? zigArchive : { compilers, zigArchive };
}

/** A target that cannot be built with cgo on its runner, as a problem of the targets input. */
function cgoTargetProblem(t: Target, problem: string): InputProblem {
  const darwin = ['darwin', 'ios'].includes(t.goos);
  return {
    input: 'targets',
    value: targetId(t),
    problem: `with cgo: true, ${problem}`,
    allowed: darwin
      ? 'darwin targets built on a macOS runner, where its own Xcode clang compiles them (plan mode with runs-on: "darwin/*: macos-latest" sends them there); or exclude-targets: darwin/* in this job; or cgo: false'
      : "linux and windows targets (zig compiles their C code), or targets of the runner's own OS, whose compiler builds them; or cgo: false",
  };
}

/** The identity of a target's managed compiler in cache keys: zig's version and archive hash, the triple and flags. */
export function compilerId(zig: { version: string; sha256: string }, t: ZigTarget): string {
  return [`zig ${zig.version} ${zig.sha256} ${t.triple}`, ...(t.cpu ? [`-mcpu=${t.cpu}`] : []), ...(t.flags ?? [])].join(' ');
}
