// Which caches a job restores: the module cache, and a build cache per target of this job (plus
// the host one when go generate runs), so a matrix job downloads only its own targets.
import type { InputProblem } from '../lib/problem.js';
import { hashFiles } from '@actions/glob';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BuildSettings } from '../gobuild/settings.js';
import { stallTimeoutMs } from '../lib/http.js';
import type { Log } from '../lib/log.js';
import { mustRun, run } from '../lib/process.js';
import { releaseBuild, type JobEvent } from '../lib/runner-env.js';
import type { Target } from '../targets/target.js';
import type { Toolchain } from '../toolchain/toolchain.js';
import { timeoutMs } from './budget.js';
import { forceRemove } from './disk.js';
import {
  buildCache,
  buildPrefix,
  cachePrefix,
  moduleCache,
  short,
  targetCache,
  zigCache,
  type CacheSpec,
  type CacheState,
  type Restored,
} from './keys.js';
import { savePolicy } from './policy.js';
import { restoreCaches } from './restore.js';
import { cacheReadable, cacheService } from './service.js';

/** The cache inputs. */
export interface CacheSettings {
  enabled: boolean;
  /** auto: decided by the event (./policy.ts). */
  readOnly: boolean | 'auto';
  /** Restore and save build caches on tag and release builds too. */
  onRelease: boolean;
  /** Files hashed into the module cache key; empty: the module's go.sum. */
  dependencyPath: string[];
  /** cache-key: joins every build cache's key (keys.ts buildPrefix); '' for none. */
  keySuffix: string;
}

export interface CacheContext {
  log: Log;
  env: NodeJS.ProcessEnv;
  workspace: string;
  temp: string;
  jobStart: number;
  event: JobEvent;
}

/** Default dependency file: the module directory's go.sum. */
function dependencyPatterns(settings: CacheSettings, workingDirectory: string): string[] {
  return settings.dependencyPath.length ? settings.dependencyPath : [join(workingDirectory, 'go.sum')];
}

/**
 * cache-dependency-path patterns that match no file: refused before anything is downloaded (setup-go
 * only warns), since a key over nothing would never change. Undefined when they match, or none were given.
 */
export async function dependencyPathProblem(settings: CacheSettings, workspace: string): Promise<InputProblem | undefined> {
  if (!settings.enabled || settings.dependencyPath.length === 0) return undefined;
  if (await hashFiles(settings.dependencyPath.join('\n'), workspace)) return undefined;
  return {
    input: 'cache-dependency-path',
    value: settings.dependencyPath.join(', '),
    problem: 'it matches no file in the workspace',
    allowed: 'files or globs (one per line) of the dependency files, such as go.sum or **/go.sum; or cache: false',
  };
}

async function hashOf(patterns: string[], workspace: string): Promise<string> {
  return (await hashFiles(patterns.join('\n'), workspace)) || 'none';
}

/** The build caches a job wants besides the module cache. */
export interface JobCaches {
  /** Build mode: one GOCACHE per target, keyed by the target and the settings that change its output. */
  targets?: {
    targets: Target[];
    settings: BuildSettings;
    outputDir: string;
    gocache: (t: Target) => string;
    /** A cgo target's managed compiler: its identity (keys) and its zig cache directory. */
    compiler: (t: Target) => { id: string; cache: string } | undefined;
  };
  /** One host GOCACHE: go generate's in build mode, the job's own in setup mode; `scope` keys it. */
  host?: { name: string; dir: string; scope: string };
}

/**
 * Restores the job's caches; the state returned is what the post step saves. Undefined when
 * caching is off or there is no cache service (one warning).
 */
export async function restoreForJob(
  settings: CacheSettings,
  workingDirectory: string,
  tc: Toolchain,
  goEnv: Record<string, string>,
  want: JobCaches,
  ctx: CacheContext,
): Promise<CacheState | undefined> {
  if (!settings.enabled) return undefined;
  const { log } = ctx;
  const service = cacheService(ctx.env);
  if (!service) {
    log.warning(
      'No Actions cache service is available to this job (ACTIONS_RESULTS_URL/ACTIONS_CACHE_URL unset): building without caches.',
    );
    return undefined;
  }
  const prefix = cachePrefix(ctx.env.RUNNER_OS ?? process.platform, ctx.env.RUNNER_ARCH ?? process.arch, tc);
  // A module without go.sum has no dependencies: its module cache would always be empty.
  const hasDeps = settings.dependencyPath.length > 0 || existsSync(join(workingDirectory, 'go.sum'));
  const specs: CacheSpec[] = [];
  if (hasDeps) {
    const gomodcache = (await mustRun(tc.go, ['env', 'GOMODCACHE'], { env: goEnv })).stdout.trim();
    specs.push(moduleCache(prefix, gomodcache, short(await hashOf(dependencyPatterns(settings, workingDirectory), ctx.workspace))));
  }
  if (want.targets || want.host) {
    const keyed = buildPrefix(prefix, settings.keySuffix);
    // Every file of the module (but .git and the output) goes into the inputs hash: an unchanged
    // tree is an exact hit and saves nothing.
    const wd = workingDirectory;
    const outputDir = want.targets?.outputDir;
    const inModule = outputDir !== undefined && /^(?!\.\.)./.test(relative(wd, outputDir));
    const inputsHash = short(await hashOf([`${wd}/**`, `!${wd}/**/.git/**`, ...(inModule ? [`!${outputDir}/**`] : [])], ctx.workspace));
    if (want.targets) {
      const { targets, settings: build, gocache, compiler } = want.targets;
      const seen = new Set<string>();
      for (const t of targets) {
        const cc = compiler(t);
        for (const spec of [
          targetCache(keyed, build, t, inputsHash, gocache(t), cc?.id),
          ...(cc ? [zigCache(keyed, t, cc.id, inputsHash, cc.cache)] : []),
        ]) {
          if (!seen.has(spec.key)) specs.push(spec);
          seen.add(spec.key);
        }
      }
    }
    if (want.host) specs.push(buildCache(keyed, want.host.name, 'host', want.host.scope, inputsHash, want.host.dir));
  }
  // A release compiles its binaries from source by default: no cache entry, which any branch's job
  // could have written, reaches them.
  const release = releaseBuild(ctx.event);
  const skipped = (s: CacheSpec) => release !== undefined && !settings.onRelease && s.kind !== 'modules';
  if (specs.some(skipped))
    log.info(
      `A ${release} build: build caches are neither restored nor saved, so the binaries are compiled from source (cache-on-release).`,
    );
  const toRestore = specs.filter((s) => !skipped(s));
  let restored: Restored[];
  if (!cacheReadable(ctx.env)) {
    log.info(`ACTIONS_CACHE_MODE=${ctx.env.ACTIONS_CACHE_MODE} does not permit reads: nothing restored.`);
    restored = toRestore.map((s) => ({ ...s, restoredBytes: 0 }));
  } else {
    restored = await log.group(`Restore caches (${toRestore.length})`, () =>
      restoreCaches(toRestore, {
        log,
        service,
        workspace: ctx.workspace,
        temp: ctx.temp,
        jobStart: ctx.jobStart,
        stallMs: stallTimeoutMs(ctx.env),
        protectedDirs: [ctx.workspace, tc.goroot],
        ms: timeoutMs(ctx.env),
      }),
    );
  }
  if (release) restored = await verifyModules(restored, tc, goEnv, workingDirectory, log);
  restored.push(...specs.filter(skipped).map((s) => ({ ...s, restoredBytes: 0, skipped: release })));
  const policy = savePolicy(settings.readOnly, ctx.event);
  if (policy.readOnly) log.info(`Caches are restored, not saved: ${policy.why}.`);
  return { jobStart: ctx.jobStart, readOnly: policy.readOnly, readOnlyWhy: policy.why, caches: restored };
}

/**
 * On a release build, a restored module cache is checked with `go mod verify` (each module's files
 * against the hash Go recorded when it downloaded them, which the build checks against go.sum).
 * A cache that fails is removed: Go downloads the modules again.
 */
async function verifyModules(
  restored: Restored[],
  tc: Toolchain,
  goEnv: Record<string, string>,
  cwd: string,
  log: Log,
): Promise<Restored[]> {
  return Promise.all(
    restored.map(async (c) => {
      if (c.kind !== 'modules' || !c.matchedKey || !existsSync(join(cwd, 'go.mod'))) return c;
      const res = await run(tc.go, ['mod', 'verify'], { cwd, env: goEnv });
      if (res.ok) {
        log.info(`modules: go mod verify: ${res.stdout.trim()}`);
        return c;
      }
      const why = (res.stderr || res.stdout).trim().split('\n').slice(0, 3).join('; ') || `it ${res.failure}`;
      log.warning(`Cache for modules not used: go mod verify failed (${why}). Downloading the modules again.`);
      await forceRemove(c.path);
      return { ...c, matchedKey: undefined, restoredBytes: 0, failed: true };
    }),
  );
}
