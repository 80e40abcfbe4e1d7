// Saving caches in the post step, through @actions/cache (what it archives comes from our own
// directories). Build caches are pruned first to the entries this run used. Never fatal.
import * as cache from '@actions/cache';
import type { HttpClient } from '@actions/http-client';
import { newHttpClient, stallTimeoutMs } from '../lib/http.js';
import type { Log } from '../lib/log.js';
import { rm, stat } from 'node:fs/promises';
import pLimit from 'p-limit';
import { budget, spent, withTimeout } from './budget.js';
import { files, treeBytes } from './disk.js';
import { exactHit, type CacheState, type Restored } from './keys.js';
import { compressionMethod } from './restore.js';
import { cacheService, cacheVersion, findEntry, type CacheService, type Compression } from './service.js';

/** Caches saved at once. */
const CONCURRENCY = 4;

export interface Saved {
  name: string;
  key: string;
  bytes: number;
  pruned: number;
  saved: boolean;
  /** Another job (a matrix shard on the same inputs) saved this key first: nothing was compressed. */
  existed?: boolean;
}

/** Saves the caches that missed their primary key, restored cleanly and were not skipped. */
export async function saveCaches(state: CacheState, ms: number, env: NodeJS.ProcessEnv, log: Log): Promise<Saved[]> {
  const limit = pLimit(CONCURRENCY);
  const left = budget(ms);
  const todo = state.caches.filter((c) => !exactHit(c) && !c.failed && !c.skipped);
  const saved = savedAlready(env);
  return Promise.all(
    todo.map((c) =>
      limit(async () => {
        if (await saved(c)) return { name: c.name, key: c.key, bytes: 0, pruned: 0, saved: false, existed: true };
        const pruned = c.kind === 'build' ? await pruneTree(c.path, state.jobStart) : 0;
        const bytes = await treeBytes(c.path);
        if (bytes === 0) return { name: c.name, key: c.key, bytes, pruned, saved: false };
        try {
          if (left() <= 0) throw new Error(spent(ms));
          const id = await withTimeout(cache.saveCache([c.path], c.key), left(), ms, `saving the ${c.name} cache`);
          return { name: c.name, key: c.key, bytes, pruned, saved: id !== -1 };
        } catch (e) {
          log.warning(`Cache for ${c.name} not saved: ${(e as Error).message}`);
          return { name: c.name, key: c.key, bytes, pruned, saved: false };
        }
      }),
    ),
  );
}

/**
 * Whether the service holds a cache's exact key already. Matrix jobs on the same dependencies share
 * one module-cache key: the first to finish saves it, and the others ask before they compress and
 * upload a copy the service would refuse. A failed lookup answers no (the save then decides).
 */
function savedAlready(env: NodeJS.ProcessEnv): (c: Restored) => Promise<boolean> {
  const service = cacheService(env);
  if (!service) return async () => false;
  const client = newHttpClient(stallTimeoutMs(env));
  let compression: Promise<Compression> | undefined;
  return async (c) => {
    compression ??= compressionMethod();
    const version = cacheVersion([c.path], await compression, process.platform);
    return exists(client, service, c.key, version);
  };
}

async function exists(client: HttpClient, service: CacheService, key: string, version: string): Promise<boolean> {
  try {
    return (await findEntry(client, service, key, [], version))?.matchedKey === key;
  } catch {
    return false;
  }
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
