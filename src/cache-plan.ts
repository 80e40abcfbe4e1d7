// Which caches a job restores: the module cache, and a build cache per target of this job (plus
// the host one when go generate runs), so a matrix job downloads only its own targets.
import * as core from '@actions/core';
import { getExecOutput } from '@actions/exec';
import { hashFiles } from '@actions/glob';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildCache, cachePrefix, moduleCache, short, targetCache, type CacheSpec, type Restored } from './cache-keys.js';
import { cacheAvailable, restoreCaches, STATE_KEY, timeoutMs, type CacheState } from './cache.js';
import type { BuildSettings } from './build/settings.js';
import type { Inputs } from './inputs.js';
import type { Target } from './targets.js';
import type { Toolchain } from './toolchain/setup.js';

export interface CacheContext {
  env: NodeJS.ProcessEnv;
  workspace: string;
  jobStart: number;
}

/** Default dependency file: the module directory's go.sum. */
function dependencyPatterns(inputs: Inputs): string[] {
  return inputs.cache.dependencyPath.length ? inputs.cache.dependencyPath : [join(inputs.workingDirectory, 'go.sum')];
}

async function hashOf(patterns: string[], workspace: string): Promise<string> {
  return (await hashFiles(patterns.join('\n'), workspace)) || 'none';
}

/**
 * Restores the job's caches and records them for the post step. Returns undefined when caching is
 * off or there is no cache service (one warning).
 */
export async function restoreForJob(
  inputs: Inputs,
  tc: Toolchain,
  goEnv: Record<string, string>,
  build:
    { targets: Target[]; settings: BuildSettings; outputDir: string; gocache: (t: Target) => string; hostGocache?: string } | undefined,
  ctx: CacheContext,
): Promise<Restored[] | undefined> {
  if (!inputs.cache.enabled) return undefined;
  if (!cacheAvailable()) {
    core.warning(
      'No Actions cache service is available to this job (ACTIONS_RESULTS_URL/ACTIONS_CACHE_URL unset): building without caches.',
    );
    return undefined;
  }
  const prefix = cachePrefix(ctx.env.RUNNER_OS ?? process.platform, ctx.env.RUNNER_ARCH ?? process.arch, tc.version);
  // A module without go.sum has no dependencies: its module cache would always be empty.
  const hasDeps = inputs.cache.dependencyPath.length > 0 || existsSync(join(inputs.workingDirectory, 'go.sum'));
  const specs: CacheSpec[] = [];
  if (hasDeps) {
    const gomodcache = (await getExecOutput(tc.go, ['env', 'GOMODCACHE'], { env: goEnv, silent: true })).stdout.trim();
    specs.push(moduleCache(prefix, gomodcache, short(await hashOf(dependencyPatterns(inputs), ctx.workspace))));
  }
  if (build) {
    // Every file of the module (but .git and the output) goes into the inputs hash: an unchanged
    // tree is an exact hit and saves nothing.
    const wd = inputs.workingDirectory;
    const out = relative(wd, build.outputDir);
    const inputsHash = short(
      await hashOf([`${wd}/**`, `!${wd}/**/.git/**`, ...(out && !out.startsWith('..') ? [`!${build.outputDir}/**`] : [])], ctx.workspace),
    );
    const seen = new Set<string>();
    for (const t of build.targets) {
      const spec = targetCache(prefix, build.settings, t, inputsHash, build.gocache(t));
      if (!seen.has(spec.key)) specs.push(spec);
      seen.add(spec.key);
    }
    if (build.hostGocache) specs.push(buildCache(prefix, 'host', 'host', 'generate', inputsHash, build.hostGocache));
  }
  const restored = await core.group(`Restore caches (${specs.length})`, () => restoreCaches(specs, ctx.jobStart, timeoutMs(ctx.env)));
  const state: CacheState = { jobStart: ctx.jobStart, readOnly: inputs.cache.readOnly, caches: restored };
  core.saveState(STATE_KEY, JSON.stringify(state));
  return restored;
}
