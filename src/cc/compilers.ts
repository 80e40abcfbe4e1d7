// The C compiler of each cgo target: the managed zig with the target's triple (glibc with a floor,
// static musl, or MinGW for windows), the runner's own compiler where only it can work (darwin on a
// macOS runner, a BSD on its own OS), or a problem said before anything is downloaded. Pure.
import type { Problem } from '../lib/problem.js';
import type { Platform } from '../toolchain/platform.js';
import type { Target } from '../targets/target.js';
import type { ZigSpec } from './zig-release.js';

/** glibc 2.17 (RHEL/CentOS 7; Rust's and manylinux2014's floor): raised to what zig has for an architecture. */
export const DEFAULT_GLIBC = '2.17';

/** The oldest glibc zig can link against, where an architecture's is newer than 2.0 (zig's lib/std/zig/target.zig). */
const GLIBC_MIN: Record<string, string> = { aarch64: '2.17', powerpc64le: '2.19', riscv64: '2.27', loongarch64: '2.36' };

/** What the cgo inputs ask for. */
export interface CgoSpec {
  enabled: boolean;
  /** zig: the managed compiler; system: CC/CXX as the job has them (env lines, the runner's). */
  compiler: 'zig' | 'system';
  /** The glibc input when set: every linux gnu target must then link against exactly that floor. */
  glibc?: string;
  /** The managed compiler, for the targets that use it. */
  zig: ZigSpec;
}

/** One target's zig: `zig cc -target <triple> [-mcpu=<cpu>]`. */
export interface ZigTarget {
  triple: string;
  cpu?: string;
  /** What the binary links: `glibc 2.17`, `musl` (static), `mingw-w64`. */
  libc: string;
  /** linux gnu: the newest GLIBC_ symbol version the binary may need. */
  glibc?: string;
  /** More words for CC and CXX (reproducible windows links: reproducibleFlags). */
  flags?: string[];
}

/**
 * What a reproducible build adds: zig's windows linker writes a PDB named after the output, and Go
 * links in a random temporary directory, so the PE's debug directory (and the timestamp hashed from
 * it) would differ on every build. Without debug info there is no PDB: the binary is byte-identical,
 * and carries no DWARF (which release builds usually drop with -s -w anyway).
 */
export function reproducibleFlags(t: ZigTarget): string[] {
  return t.triple.includes('-windows-') ? ['-Wl,--strip-debug'] : [];
}

export type CCompiler = { kind: 'none' } | { kind: 'system'; why?: string } | { kind: 'zig'; target: ZigTarget };

const LINUX_ARCH: Record<string, string> = {
  '386': 'x86',
  amd64: 'x86_64',
  arm64: 'aarch64',
  arm: 'arm',
  loong64: 'loongarch64',
  mips: 'mips',
  mipsle: 'mipsel',
  mips64: 'mips64',
  mips64le: 'mips64el',
  ppc64le: 'powerpc64le',
  riscv64: 'riscv64',
  s390x: 's390x',
};
const WINDOWS_ARCH: Record<string, string> = { '386': 'x86', amd64: 'x86_64', arm64: 'aarch64' };

// GOARM → the C code's CPU: the same ISA and FPU Go assumes (cargo-zigbuild's choices). GOARM=7 is
// Go's default for linux/arm.
const ARM_CPU: Record<string, { hard: string; soft: string }> = {
  '5': { hard: 'generic+v5te+soft_float+strict_align', soft: 'generic+v5te+soft_float+strict_align' },
  '6': { hard: 'generic+v6+strict_align+vfp2-d32', soft: 'generic+v6+strict_align+soft_float' },
  '7': { hard: 'generic+v7a+vfp3-d32+thumb2-neon', soft: 'generic+v7a+thumb2+soft_float' },
};

function compareGlibc(a: string, b: string): number {
  const [pa, pb] = [a, b].map((v) => v.split('.').map(Number));
  return pa[0] - pb[0] || (pa[1] ?? 0) - (pb[1] ?? 0);
}

/** Why darwin and iOS cannot be cross-compiled with cgo, and the ways out: for errors and docs. */
export const DARWIN_WAYS_OUT =
  "a cgo build of darwin needs Apple's SDK (Go's crypto/x509 links the CoreFoundation and Security frameworks), which zig does not ship";

/** The linux target's zig triple, or a problem. */
function linuxTarget(t: Target, arch: string, spec: CgoSpec): ZigTarget | Problem {
  const musl = t.libc === 'musl';
  const v = t.env;
  let abi = musl ? 'musl' : 'gnu';
  let cpu: string | undefined;
  if (arch === 'arm') {
    const [level = '7', float] = (v.GOARM ?? '7').split(',');
    const soft = level === '5' || float === 'softfloat';
    abi += soft ? 'eabi' : 'eabihf';
    cpu = ARM_CPU[level][soft ? 'soft' : 'hard'];
  } else if (arch === 'mips' || arch === 'mipsel') {
    abi += v.GOMIPS === 'softfloat' ? 'eabi' : 'eabihf';
  } else if (arch === 'mips64' || arch === 'mips64el') {
    if (v.GOMIPS64 === 'softfloat') return { problem: `zig has no soft-float C library for ${arch}` };
    abi += 'abi64';
  }
  if (musl) return { triple: `${arch}-linux-${abi}`, cpu, libc: 'musl' };
  const min = GLIBC_MIN[arch] ?? '2.0';
  if (spec.glibc && compareGlibc(spec.glibc, min) < 0)
    return { problem: `zig links linux/${t.goarch} against glibc ${min} or newer, and glibc is ${spec.glibc}` };
  const glibc = spec.glibc ?? (compareGlibc(DEFAULT_GLIBC, min) < 0 ? min : DEFAULT_GLIBC);
  return { triple: `${arch}-linux-${abi}.${glibc}`, cpu, libc: `glibc ${glibc}`, glibc };
}

/**
 * The C compiler of one target built on `host`, or a problem (an input error: the target cannot be
 * built with cgo there).
 */
export function compilerFor(t: Target, spec: CgoSpec, host: Platform): CCompiler | Problem {
  if (!spec.enabled) return { kind: 'none' };
  if (spec.compiler === 'system') return { kind: 'system' };
  if (t.goos === 'linux') {
    const arch = LINUX_ARCH[t.goarch];
    if (!arch) return { problem: `zig has no C library for linux/${t.goarch}` };
    const target = linuxTarget(t, arch, spec);
    return 'problem' in target ? target : { kind: 'zig', target };
  }
  if (t.goos === 'windows') {
    const arch = WINDOWS_ARCH[t.goarch];
    if (!arch) return { problem: `zig has no MinGW C library for windows/${t.goarch}` };
    return { kind: 'zig', target: { triple: `${arch}-windows-gnu`, libc: 'mingw-w64' } };
  }
  // Apple's SDK, and the BSDs' and others' C libraries, are on their own systems only.
  if (t.goos === host.goos || ((t.goos === 'ios' || t.goos === 'darwin') && host.goos === 'darwin'))
    return { kind: 'system', why: `zig has no C library for ${t.goos}: the ${host.goos} runner's own C compiler builds it` };
  if (t.goos === 'darwin' || t.goos === 'ios') return { problem: `${DARWIN_WAYS_OUT}, and this runner is ${host.goos}` };
  return { problem: `zig has no C library for ${t.goos}, and this runner is ${host.goos}` };
}

/** A command line word for Go's CC: Go splits CC on spaces but keeps quoted words whole. */
function word(path: string): string {
  return /\s/.test(path) ? `'${path}'` : path;
}

/** CC, CXX and the zig caches of a target's build, with the zig executable at `zig`. */
export function zigEnv(zig: string, t: ZigTarget, cacheDir: string): Record<string, string> {
  const args = ['-target', t.triple, ...(t.cpu ? [`-mcpu=${t.cpu}`] : []), ...(t.flags ?? [])].join(' ');
  return {
    CC: `${word(zig)} cc ${args}`,
    CXX: `${word(zig)} c++ ${args}`,
    ZIG_GLOBAL_CACHE_DIR: cacheDir,
    ZIG_LOCAL_CACHE_DIR: cacheDir,
  };
}

/** The variables a managed compiler sets: an `env` line may not set them too. */
export const COMPILER_ENV = ['CC', 'CXX', 'ZIG_GLOBAL_CACHE_DIR', 'ZIG_LOCAL_CACHE_DIR'];
