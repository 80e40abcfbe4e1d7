// How one `go build` is spelled: arguments, environment, stamp placeholders. Pure.
import type { Problem } from '../lib/problem.js';
import { VARIANT_VARIABLES, matchesPattern, validPattern, type Target } from '../targets/target.js';

export interface Stamp {
  /** The release's version: the tag's last path element without a leading `v` (`cmd/x/v1.2.3` → `1.2.3`). */
  version: string;
  /** The tag as pushed (`v1.2.3`); on a build that is not a tag, what `version` falls back to. */
  tag: string;
  commit: string;
  /** RFC 3339, UTC. */
  date: string;
  /** Seconds since the epoch: archive entry mtimes. */
  epoch: number;
}

export interface EnvRule {
  /** Target pattern (`linux/arm64`, `windows/*`), undefined for every target. */
  pattern?: string;
  key: string;
  value: string;
}

export interface BuildSettings {
  ldflags: string;
  tags: string[];
  buildFlags: string[];
  env: EnvRule[];
  cgo: boolean;
  trimpath: boolean;
}

const PLACEHOLDERS = ['version', 'tag', 'commit', 'date'] as const;

/** The placeholders a text uses that are not `{version}`, `{tag}`, `{commit}` or `{date}`. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
}

export function expand(text: string, s: Stamp): string {
  return text.replace(/\{(version|tag|commit|date)\}/g, (_, k: (typeof PLACEHOLDERS)[number]) => s[k]);
}

/** Tags as `-tags` wants them: comma-separated, from commas, spaces or lines. */
export function splitTags(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** Variables each target's build sets for itself; inherited values are scrubbed. */
export const TARGET_ENV = ['GOOS', 'GOARCH', ...VARIANT_VARIABLES, 'CGO_ENABLED', 'GOCACHE'];

/** Variables the targets, inputs and toolchain own; an `env` line may not set them. */
export const RESERVED_ENV = [...TARGET_ENV, 'GOROOT', 'GOTOOLCHAIN'];

/** `KEY=VALUE` or `goos/goarch[/variant]: KEY=VALUE` lines. */
export function parseEnvRules(text: string): EnvRule[] | (Problem & { line: string }) {
  const rules: EnvRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:([^\s:=]+)\s*:\s*)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) return { problem: 'not KEY=VALUE or goos/goarch: KEY=VALUE', line };
    const [, pattern, key, value] = m;
    if (pattern && !validPattern(pattern)) return { problem: `"${pattern}" is not a target pattern (goos/goarch, windows/*, */386)`, line };
    if (RESERVED_ENV.includes(key)) return { problem: `${key} is set by the action (targets, cgo); it cannot be set through env`, line };
    rules.push({ pattern, key, value });
  }
  return rules;
}

/** The user's variables for one target: global lines first, then the target's own lines override. */
export function envFor(rules: EnvRule[], t: Target): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rules.filter((r) => !r.pattern)) out[r.key] = r.value;
  for (const r of rules.filter((r) => r.pattern && matchesPattern(t, r.pattern))) out[r.key] = r.value;
  return out;
}

/**
 * The environment of one target's build: the job's, scrubbed of every target variable it may carry
 * (a job-level GOARCH must not leak in), then the target, cgo, its GOCACHE and the user's lines.
 */
export function buildEnv(
  base: NodeJS.ProcessEnv,
  t: Target,
  s: BuildSettings,
  gocache: string,
  /** The managed C compiler's variables (CC, CXX, zig's caches). */
  compiler: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !TARGET_ENV.includes(k)) env[k] = v;
  return {
    ...env,
    GOOS: t.goos,
    GOARCH: t.goarch,
    ...t.env,
    CGO_ENABLED: s.cgo ? '1' : '0',
    GOCACHE: gocache,
    ...compiler,
    ...envFor(s.env, t),
  };
}

/** `go build` arguments, an array for execFile: nothing passes through a shell. */
export function buildArgs(s: BuildSettings, stamp: Stamp, out: string, pkg: string, procs: number | undefined): string[] {
  const args = ['build', '-o', out];
  if (s.trimpath) args.push('-trimpath');
  if (procs !== undefined && !s.buildFlags.some((f) => /^--?p(=|$)/.test(f))) args.push('-p', String(procs));
  if (s.ldflags) args.push(`-ldflags=${expand(s.ldflags, stamp)}`);
  if (s.tags.length) args.push(`-tags=${s.tags.join(',')}`);
  args.push(...s.buildFlags.map((f) => expand(f, stamp)), pkg);
  return args;
}

/** Per-build `-p`: the cores shared out between the builds that run at once, so they do not oversubscribe. */
export function procsPerBuild(cores: number, workers: number): number {
  return Math.max(1, Math.floor(cores / Math.max(1, workers)));
}
