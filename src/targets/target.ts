// Targets: `goos/goarch[/variant]`, presets, exclusions, and each variant's environment. Pure: the
// list of ports comes from the installed toolchain (`go tool dist list -json`), read by the caller.
import type { InputProblem, Problem } from '../lib/problem.js';
import semver from 'semver';
import { upstreamVersion } from '../toolchain/version.js';

export interface Target {
  goos: string;
  goarch: string;
  /** As written after the second slash (`7`, `v3`, `v8.2+lse`), '' when none. */
  variant: string;
  /** The variant's variable (`GOARM=7`), empty when none. */
  env: Record<string, string>;
  /** `musl`: a cgo build links musl statically (`linux/amd64/musl`); absent: the OS's own C library. */
  libc?: 'musl';
}

export interface Port {
  GOOS: string;
  GOARCH: string;
  CgoSupported: boolean;
  FirstClass: boolean;
  Broken?: boolean;
}

export function targetId(t: Pick<Target, 'goos' | 'goarch' | 'variant' | 'libc'>): string {
  return [t.goos, t.goarch, t.variant, t.libc].filter(Boolean).join('/');
}

/** A directory- and key-safe name: `linux-arm-7`, `linux-arm64-v8.2_lse`, `linux-amd64-musl`. */
export function targetSlug(t: Target): string {
  return [t.goos, t.goarch, t.variant, t.libc]
    .filter(Boolean)
    .join('-')
    .replace(/[^\w.-]/g, '_');
}

interface VariantRule {
  variable: string;
  pattern: RegExp;
  allowed: string;
  /** Older toolchains ignore the variable silently: refuse rather than mislabel an artifact. */
  since?: string;
}

// Go spells modifiers with a comma (GOARM=7,softfloat); in a comma-separated target list they are
// written with `+` (linux/arm/7+softfloat).
const VARIANTS: Record<string, VariantRule> = {
  arm: { variable: 'GOARM', pattern: /^[567](,(softfloat|hardfloat))?$/, allowed: '5, 6, 7 (optionally +softfloat or +hardfloat)' },
  amd64: { variable: 'GOAMD64', pattern: /^v[1-4]$/, allowed: 'v1, v2, v3, v4' },
  arm64: {
    variable: 'GOARM64',
    pattern: /^v(8\.[0-9]|9\.[0-5])(,(lse|crypto))*$/,
    allowed: 'v8.0 to v9.5 (optionally +lse, +crypto)',
    since: '1.23.0',
  },
  '386': { variable: 'GO386', pattern: /^(sse2|softfloat)$/, allowed: 'sse2, softfloat' },
  mips: { variable: 'GOMIPS', pattern: /^(hardfloat|softfloat)$/, allowed: 'hardfloat, softfloat' },
  mipsle: { variable: 'GOMIPS', pattern: /^(hardfloat|softfloat)$/, allowed: 'hardfloat, softfloat' },
  mips64: { variable: 'GOMIPS64', pattern: /^(hardfloat|softfloat)$/, allowed: 'hardfloat, softfloat' },
  mips64le: { variable: 'GOMIPS64', pattern: /^(hardfloat|softfloat)$/, allowed: 'hardfloat, softfloat' },
  ppc64: { variable: 'GOPPC64', pattern: /^power(8|9|10)$/, allowed: 'power8, power9, power10' },
  ppc64le: { variable: 'GOPPC64', pattern: /^power(8|9|10)$/, allowed: 'power8, power9, power10' },
  riscv64: { variable: 'GORISCV64', pattern: /^rva2[0-3]u64$/, allowed: 'rva20u64, rva22u64 (rva23u64 from Go 1.25)', since: '1.23.0' },
  wasm: { variable: 'GOWASM', pattern: /^(satconv|signext)(,(satconv|signext))?$/, allowed: 'satconv, signext, satconv+signext' },
};

/** Every variable a variant can set: scrubbed from inherited environments. */
export const VARIANT_VARIABLES = [...new Set(Object.values(VARIANTS).map((v) => v.variable))];

/** The variable that sets `goarch`'s variant (`GOAMD64` for amd64), undefined for arches without one. */
export function variantVariable(goarch: string): string | undefined {
  return VARIANTS[goarch]?.variable;
}

/** The C library a target names after its variant: `linux/amd64/musl`, `linux/arm/7/musl`. */
export const LIBC = 'musl';

/**
 * `darwin/universal`: not a port but a fat Mach-O that the action assembles from the darwin/amd64
 * and darwin/arm64 binaries (binaries/fat-macho.ts). It is never built; the presets never name it.
 */
export const UNIVERSAL: Readonly<Target> = { goos: 'darwin', goarch: 'universal', variant: '', env: {} };
/** The targets darwin/universal is assembled from: the plain ones, no variant. */
export const UNIVERSAL_SLICES = ['darwin/amd64', 'darwin/arm64'];

export function isUniversal(t: Pick<Target, 'goos' | 'goarch'>): boolean {
  return t.goos === UNIVERSAL.goos && t.goarch === UNIVERSAL.goarch;
}

/** Syntax only (`goos/goarch[/variant][/musl]` and the variant's values); ports are checked later. */
export function parseTarget(text: string): Target | Problem {
  const parts = text.trim().split('/');
  const musl = parts.length > 2 && parts[parts.length - 1].toLowerCase() === LIBC;
  if (musl) parts.pop();
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === ''))
    return { problem: `"${text}" is not goos/goarch[/variant][/musl]` };
  const [goos, goarch, variant = ''] = parts.map((p) => p.toLowerCase());
  if (!/^[a-z0-9]+$/.test(goos) || !/^[a-z0-9]+$/.test(goarch)) return { problem: `"${text}" is not goos/goarch[/variant][/musl]` };
  const libc: Pick<Target, 'libc'> = musl ? { libc: LIBC } : {};
  if (isUniversal({ goos, goarch }) && (variant || musl))
    return {
      problem: `"${text}": darwin/universal takes no variant or C library (it holds the plain darwin/amd64 and darwin/arm64 binaries)`,
    };
  if (!variant) return { goos, goarch, variant: '', env: {}, ...libc };
  const rule = VARIANTS[goarch];
  if (!rule) return { problem: `${goos}/${goarch} has no variants (variants exist for ${Object.keys(VARIANTS).join(', ')})` };
  const value = variant.replace(/\+/g, ',');
  if (!rule.pattern.test(value)) return { problem: `"${variant}" is not a variant of ${goarch} (${rule.variable}: ${rule.allowed})` };
  return { goos, goarch, variant, env: { [rule.variable]: value }, ...libc };
}

/** Splits a comma/newline list, dropping blanks and `#` comments. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

export type TargetEntry = { preset: 'first-class' | 'all' } | Target;

export function parseTargetList(text: string): TargetEntry[] | Problem {
  const out: TargetEntry[] = [];
  for (const item of splitList(text)) {
    if (item === 'first-class' || item === 'all') {
      out.push({ preset: item });
      continue;
    }
    const t = parseTarget(item);
    if ('problem' in t) return t;
    out.push(t);
  }
  return out;
}

/**
 * `windows/*`, `*\/386`, `linux/arm/*`, `linux/*\/musl`: matched part by part; a two-part pattern
 * covers every variant and C library. A trailing `musl` matches the C library, not a variant.
 */
export function matchesPattern(t: Target, pattern: string): boolean {
  const want = pattern.trim().toLowerCase().split('/');
  const musl = want.length > 2 && want[want.length - 1] === LIBC;
  if (musl) {
    want.pop();
    if (t.libc !== LIBC) return false;
  }
  const have = [t.goos, t.goarch, t.variant];
  return want.every((w, i) => w === '*' || w === have[i]);
}

export function validPattern(pattern: string): boolean {
  return /^(\*|[a-z0-9]+)\/(\*|[a-z0-9]+)(\/(\*|[\w.+]+))?(\/musl)?$/i.test(pattern.trim());
}

/** A listed target the toolchain or the build cannot take: a problem of the targets input, valued as that target. */
function targetProblem(t: Target, p: Problem): InputProblem {
  return { input: 'targets', value: targetId(t), problem: p.problem, allowed: TARGETS_ALLOWED };
}

/**
 * Expands presets against the toolchain's ports, removes exclusions and duplicates (first wins),
 * and checks every explicit target is a port of this toolchain and its variant is supported.
 * `all` means every port that is not broken and builds without cgo when cgo is off.
 */
export function resolveTargets(
  entries: TargetEntry[],
  exclude: string[],
  ports: Port[],
  cgo: boolean,
  goVersion: string,
): Target[] | InputProblem {
  const known = new Map(ports.map((p) => [`${p.GOOS}/${p.GOARCH}`, p]));
  const expanded: Target[] = [];
  for (const e of entries) {
    if ('preset' in e) {
      const chosen = ports.filter((p) => !p.Broken && (e.preset === 'all' ? cgo || !needsCgo(p) : p.FirstClass));
      expanded.push(...chosen.map((p) => ({ goos: p.GOOS, goarch: p.GOARCH, variant: '', env: {} })));
      continue;
    }
    const id = `${e.goos}/${e.goarch}`;
    if (isUniversal(e)) {
      expanded.push(e);
      continue;
    }
    if (e.libc && (!cgo || e.goos !== 'linux'))
      return targetProblem(e, {
        problem: `${targetId(e)}: musl is a C library, linked only by a cgo build of a linux target${e.goos === 'linux' ? ' (set cgo: true)' : ` (${e.goos} has no musl)`}`,
      });
    if (!known.has(id)) {
      const near = nearest(id, [...known.keys()]);
      return targetProblem(e, {
        problem: `${targetId(e)} is not a port of this Go toolchain${near ? ` (did you mean ${near}?)` : ''}. Ports: ${[...known.keys()].join(', ')}`,
      });
    }
    const rule = e.variant ? VARIANTS[e.goarch] : undefined;
    // A revision build (1.23.0-1) has what the release it was built from has.
    if (rule?.since && semver.lt(upstreamVersion(goVersion), rule.since)) {
      return targetProblem(e, {
        problem: `${targetId(e)} needs ${rule.variable}, which Go ${goVersion} ignores (it arrived in Go ${rule.since.slice(0, 4)})`,
      });
    }
    expanded.push(e);
  }
  const seen = new Set<string>();
  const targets = expanded.filter((t) => {
    const id = targetId(t);
    if (seen.has(id) || exclude.some((p) => matchesPattern(t, p))) return false;
    seen.add(id);
    return true;
  });
  const missing = seen.has(targetId(UNIVERSAL)) ? UNIVERSAL_SLICES.filter((s) => !seen.has(s)) : [];
  if (missing.length) {
    const listed = (s: string) => entries.some((e) => !('preset' in e) && targetId(e) === s);
    const excluded = missing.filter((s) => listed(s) || entries.some((e) => 'preset' in e));
    return {
      input: 'targets',
      value: 'darwin/universal',
      problem: `darwin/universal is assembled from darwin/amd64 and darwin/arm64, and ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not among the targets${excluded.length ? ` (exclude-targets removes ${excluded.join(' and ')})` : ''}`,
      allowed: `darwin/universal together with darwin/amd64 and darwin/arm64 (add ${missing.join(' and ')} to targets${excluded.length ? ', or exclude-targets no darwin slice' : ''}), or no darwin/universal`,
    };
  }
  return targets;
}

/** Ports whose binaries need cgo's external linker: ios/*, android/{386,amd64,arm}. */
export function needsCgo(p: Pick<Port, 'GOOS' | 'GOARCH'>): boolean {
  return p.GOOS === 'ios' || (p.GOOS === 'android' && p.GOARCH !== 'arm64');
}

/** The closest id by edit distance, if close enough to be a plausible typo. */
export function nearest(id: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(id, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return bestD <= Math.max(2, Math.floor(id.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** What the targets input takes, for errors. */
export const TARGETS_ALLOWED =
  'goos/goarch[/variant][/musl] separated by commas or lines (linux/arm64, linux/arm/7, linux/amd64/v3, linux/amd64/musl with cgo), darwin/universal (with darwin/amd64 and darwin/arm64), or the presets first-class and all';
