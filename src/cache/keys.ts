// Cache keys. Pure. A key names everything that changes what the cache holds: runner OS and arch,
// the Go version, and for a build cache the target (with variant), the settings that change
// compiled output, and a hash of the build inputs. The restore key drops only the inputs hash, so a
// changed tree restores the newest cache of the same target and settings.
import { size } from '../lib/format.js';
import { createHash } from 'node:crypto';
import { envFor, TARGET_ENV, type BuildSettings } from '../gobuild/settings.js';
import { targetId, targetSlug, type Target } from '../targets/target.js';
import type { Toolchain } from '../toolchain/toolchain.js';

export const CACHE_VERSION = 'v1';

export interface CacheSpec {
  /** `modules`, `host` or a target id: what the summary and artifacts.json call it. */
  name: string;
  /** build: a GOCACHE, pruned to what the run used; zig: a target's zig cache, kept whole. */
  kind: 'modules' | 'build' | 'zig';
  path: string;
  key: string;
  restoreKeys: string[];
}

export function short(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * The Go part names the release (a revision build's `1.25.0-1` included). The Go on PATH, which no
 * hash vouched for, keys its own caches (`go1.24.4-unverified`): what it wrote is never restored
 * into a job with a verified toolchain, nor theirs into it, restore keys included.
 */
export function cachePrefix(runnerOs: string, runnerArch: string, tc: Pick<Toolchain, 'version' | 'verified'>): string {
  return `go-crossbuild-${CACHE_VERSION}-${runnerOs}-${runnerArch}-go${tc.version}${tc.verified ? '' : '-unverified'}`;
}

/** The longest cache-key: with the longest prefix and build-cache key parts, far below the service's 512. */
export const KEY_SUFFIX_MAX = 128;

/**
 * The prefix of a job's build caches: with cache-key, the job's own name for what it runs (`race`,
 * a test shard), placed before the parts that change from run to run, so that a restore key falls
 * back only to entries of the same cache-key. The module cache keeps the plain prefix: what Go
 * downloads for one go.sum is the same whatever the job runs.
 */
export function buildPrefix(prefix: string, keySuffix: string): string {
  return keySuffix ? `${prefix}-key-${keySuffix}` : prefix;
}

/**
 * The module cache's keys name its manifest's format (`m1`, ./tree-manifest.ts): entries saved without
 * one are never matched, since each would be dropped as incomplete.
 */
export function moduleCache(prefix: string, path: string, depHash: string): CacheSpec {
  const stem = `${prefix}-gomod-m1-`;
  return { name: 'modules', kind: 'modules', path, key: `${stem}${depHash}`, restoreKeys: [stem] };
}

/**
 * The settings of a target's build that change its compiled output; `compiler` names a cgo
 * target's managed C compiler (zig's version, its archive's SHA-256 and the target triple).
 */
export function settingsHash(s: BuildSettings, t: Target, compiler?: string): string {
  return short(
    JSON.stringify({
      ldflags: s.ldflags,
      tags: s.tags,
      flags: s.buildFlags,
      cgo: s.cgo,
      trimpath: s.trimpath,
      env: envFor(s.env, t),
      ...(compiler ? { compiler } : {}),
    }),
  );
}

/** Job variables that change what a setup-mode job's go commands compile (GOCACHE is the cache itself). */
const SETUP_SCOPE_VARS = ['GOFLAGS', 'GOEXPERIMENT', ...TARGET_ENV.filter((k) => k !== 'GOCACHE')];

/**
 * What keys a setup-mode job's GOCACHE besides the tree: the job (a lint job and a test job build
 * different things, and each keeps only what it used) and the job-level Go variables.
 */
export function setupScope(env: NodeJS.ProcessEnv): string {
  const vars = Object.fromEntries(SETUP_SCOPE_VARS.filter((k) => env[k]).map((k) => [k, env[k]]));
  return short(JSON.stringify({ job: env.GITHUB_JOB ?? '', vars }));
}

export function buildCache(prefix: string, name: string, slug: string, settings: string, inputsHash: string, path: string): CacheSpec {
  const stem = `${prefix}-gocache-${slug}-${settings}-`;
  return { name, kind: 'build', path, key: `${stem}${inputsHash}`, restoreKeys: [stem] };
}

export function targetCache(prefix: string, s: BuildSettings, t: Target, inputsHash: string, path: string, compiler?: string): CacheSpec {
  return buildCache(prefix, targetId(t), targetSlug(t), settingsHash(s, t, compiler), inputsHash, path);
}

/**
 * A cgo target's zig cache (its C library, start files and runtime, and its C objects), keyed by
 * the compiler (zig version, archive SHA-256, triple) and, like the build cache, by the inputs.
 */
export function zigCache(prefix: string, t: Target, compiler: string, inputsHash: string, path: string): CacheSpec {
  const stem = `${prefix}-zigcache-${targetSlug(t)}-${short(compiler)}-`;
  return { name: `${targetId(t)} zig`, kind: 'zig', path, key: `${stem}${inputsHash}`, restoreKeys: [stem] };
}

export type Restored = CacheSpec & {
  /** The key a cache was restored from, undefined on a miss. */
  matchedKey?: string;
  /** Bytes on disk after the restore. */
  restoredBytes: number;
  /** The restore failed or timed out: the directory was removed and the post step leaves it. */
  failed?: boolean;
  /** The key of a module cache dropped as incomplete or altered: Go downloaded the modules again. */
  dropped?: string;
  /** Why this cache is neither restored nor saved by policy (a tag or release build). */
  skipped?: string;
};

export function exactHit(r: Restored): boolean {
  return r.matchedKey === r.key;
}

/** What the main step hands the post step (saved as action state under STATE_KEY). */
export interface CacheState {
  jobStart: number;
  readOnly: boolean;
  /** Why the job saves or does not (cache-read-only, or the event). */
  readOnlyWhy: string;
  caches: Restored[];
}

export const STATE_KEY = 'go-crossbuild-caches';

/** What the job summary says of a build cache: off, skipped, miss, or hit / older key with its size. */
export function cacheCell(c: Restored | undefined): string {
  if (!c) return 'off';
  if (c.skipped) return `skipped (${c.skipped})`;
  if (!c.matchedKey) return 'miss';
  return `${c.matchedKey === c.key ? 'hit' : 'older key'}, ${size(c.restoredBytes)}`;
}
