// GOMODCACHE and per-target GOCACHE through @actions/cache: restore in the main step, prune and
// save in the post step. Never fatal: a missing service, errors, time-outs and corrupt archives
// each give one warning and the build goes on uncached.
import * as cache from '@actions/cache';
import * as core from '@actions/core';
import { chmod, readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { exactHit, type CacheSpec, type Restored } from './cache-keys.js';

/** Caches restored or saved at once. */
const CONCURRENCY = 4;

export interface CacheState {
  jobStart: number;
  readOnly: boolean;
  caches: Restored[];
}

export const STATE_KEY = 'go-crossbuild-caches';

/**
 * Bounds the step's cache work (all restores, or all saves): @actions/cache retries for a long time
 * and cannot be cancelled, and a hung service must not cost that much per cache.
 */
export function timeoutMs(env: NodeJS.ProcessEnv): number {
  const s = Number(env.GO_CROSSBUILD_CACHE_TIMEOUT_SECONDS ?? 600);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 600_000;
}

/** The time left of a budget that starts now. */
export function budget(ms: number, now: () => number = Date.now): () => number {
  const end = now() + ms;
  return () => end - now();
}

/** `p`, or an error once the budget is spent (`total`, the whole budget, is what the message says). */
function withTimeout<T>(p: Promise<T>, ms: number, total: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out (the step's cache time is ${total / 1000} s)`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}

export function cacheAvailable(): boolean {
  return cache.isFeatureAvailable();
}

/**
 * Restores each cache. A build cache's files are then dated two hours back, so that Go (which
 * refreshes an entry's mtime on use only when it is over an hour old) marks every entry this run
 * uses: the post step keeps exactly those.
 */
export async function restoreCaches(specs: CacheSpec[], jobStart: number, ms: number): Promise<Restored[]> {
  const limit = pLimit(CONCURRENCY);
  const left = budget(ms);
  return Promise.all(
    specs.map((spec) =>
      limit(async (): Promise<Restored> => {
        if (spec.kind === 'modules' && (await nonEmpty(spec.path))) {
          core.info(`Module cache ${spec.path} is not empty: not restoring over it (its files are read-only).`);
          return { ...spec, restoredBytes: 0 };
        }
        let matchedKey: string | undefined;
        try {
          if (left() <= 0) throw new Error(`the step's cache time of ${ms / 1000} s is spent`);
          matchedKey = await withTimeout(
            cache.restoreCache([spec.path], spec.key, spec.restoreKeys),
            left(),
            ms,
            `restoring the ${spec.name} cache`,
          );
        } catch (e) {
          core.warning(`Cache for ${spec.name} not restored: ${(e as Error).message}. Building without it.`);
          await forceRemove(spec.path); // whatever a broken restore left
          return { ...spec, restoredBytes: 0, failed: true };
        }
        if (matchedKey && spec.kind === 'build') await ageTree(spec.path, new Date(jobStart - 2 * 3600_000));
        const restoredBytes = matchedKey ? await treeBytes(spec.path) : 0;
        core.info(
          `${spec.name}: ${matchedKey ? (matchedKey === spec.key ? 'cache hit' : `restored ${matchedKey}`) : 'cache miss'} (${spec.key})`,
        );
        return { ...spec, matchedKey, restoredBytes };
      }),
    ),
  );
}

/** Saves the caches that missed their primary key; build caches are pruned to what this run used. */
export async function saveCaches(
  state: CacheState,
  ms: number,
): Promise<{ name: string; key: string; bytes: number; pruned: number; saved: boolean }[]> {
  const limit = pLimit(CONCURRENCY);
  const left = budget(ms);
  const todo = state.caches.filter((c) => !exactHit(c) && !c.failed);
  return Promise.all(
    todo.map((c) =>
      limit(async () => {
        const pruned = c.kind === 'build' ? await pruneTree(c.path, state.jobStart) : 0;
        const bytes = await treeBytes(c.path);
        if (bytes === 0) return { name: c.name, key: c.key, bytes, pruned, saved: false };
        try {
          if (left() <= 0) throw new Error(`the step's cache time of ${ms / 1000} s is spent`);
          const id = await withTimeout(cache.saveCache([c.path], c.key), left(), ms, `saving the ${c.name} cache`);
          return { name: c.name, key: c.key, bytes, pruned, saved: id !== -1 };
        } catch (e) {
          core.warning(`Cache for ${c.name} not saved: ${(e as Error).message}`);
          return { name: c.name, key: c.key, bytes, pruned, saved: false };
        }
      }),
    ),
  );
}

/** Removes a tree even when its files are read-only, as the module cache's are. */
async function forceRemove(dir: string): Promise<void> {
  const walk = async (d: string): Promise<void> => {
    await chmod(d, 0o755).catch(() => undefined);
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) if (e.isDirectory()) await walk(join(d, e.name));
  };
  await walk(dir);
  await rm(dir, { recursive: true, force: true });
}

async function nonEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch {
    return false;
  }
}

async function* files(dir: string): AsyncGenerator<string> {
  let list;
  try {
    list = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of list) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

export async function treeBytes(dir: string): Promise<number> {
  let n = 0;
  for await (const f of files(dir)) n += (await stat(f)).size;
  return n;
}

async function ageTree(dir: string, when: Date): Promise<void> {
  for await (const f of files(dir)) await utimes(f, when, when);
}

/**
 * Removes cache entries this run did not use (mtime before the job started). Go's own `trim.txt`
 * and README stay, so Go's periodic trim keeps working on the restored cache.
 */
export async function pruneTree(dir: string, jobStart: number): Promise<number> {
  let removed = 0;
  for await (const f of files(dir)) {
    if (/[\\/](trim\.txt|README)$/.test(f)) continue;
    if ((await stat(f)).mtimeMs < jobStart) {
      await rm(f, { force: true });
      removed++;
    }
  }
  return removed;
}
