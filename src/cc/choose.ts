// Every target's C compiler on one runner, chosen before anything is downloaded: the first target
// that cannot be built there is the problem. Pure.
import type { Platform } from '../toolchain/platform.js';
import { targetId, type Target } from '../targets/target.js';
import { compilerFor, type CCompiler, type CgoSpec, type ZigTarget } from './compilers.js';

export interface Compilers {
  of(t: Target): CCompiler;
  /** Some target's C code is compiled by the managed zig. */
  needsZig: boolean;
}

export function chooseCompilers(targets: Target[], spec: CgoSpec, host: Platform): Compilers | { problem: string; target: Target } {
  const by = new Map<string, CCompiler>();
  for (const t of targets) {
    const c = compilerFor(t, spec, host);
    if ('problem' in c) return { problem: c.problem, target: t };
    by.set(targetId(t), c);
  }
  return { of: (t) => by.get(targetId(t)) ?? { kind: 'none' }, needsZig: [...by.values()].some((c) => c.kind === 'zig') };
}

/** The identity of a target's managed compiler in cache keys: zig's version and archive hash, the triple and flags. */
export function compilerId(zig: { version: string; sha256: string }, t: ZigTarget): string {
  return [`zig ${zig.version} ${zig.sha256} ${t.triple}`, ...(t.cpu ? [`-mcpu=${t.cpu}`] : []), ...(t.flags ?? [])].join(' ');
}
