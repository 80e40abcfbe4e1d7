// Saving caches in the post step, through @actions/cache (what it archives comes from our own
// directories). Build caches are pruned first to the entries this run used, and one restored from
// an older key is saved again only when the run changed enough of it. Never fatal.
import * as cache from '@actions/cache';
import type { HttpClient } from '@actions/http-client';
import { newHttpClient, stallTimeoutMs } from '../lib/http.js';
import { size } from '../lib/format.js';
import type { Log } from '../lib/log.js';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { budget, spent, withTimeout } from './budget.js';
import { files, treeBytes } from './disk.js';
import { exactHit, type CacheState, type Restored } from './keys.js';
import { MANIFEST, writeManifest } from './tree-manifest.js';
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
  /** Why it was not saved, when that was decided before compressing. */
  why?: string;
}

/**
 * A build cache restored from an older key is saved under the new one only when the run changed at
 * least this share of it (entries added plus entries unused). A commit that changes one package
 * would otherwise upload the whole cache again, every time, for a few new entries: the older entry
 * still restores for the next commit, which recompiles what changed since (bench: cache-bytes).
 */
export const REFRESH_SHARE = 0.1;

/** Why a restored cache need not be saved again, or undefined when it should be. Pure. */
export function coveredBy(restoredBytes: number, keptBytes: number, removedBytes: number): string | undefined {
  if (restoredBytes === 0) return undefined;
  const added = Math.max(0, keptBytes - (restoredBytes - removedBytes));
  if (added + removedBytes >= REFRESH_SHARE * restoredBytes) return undefined;
  return `the restored cache still covers this run (${size(added)} added, ${size(removedBytes)} unused: under ${REFRESH_SHARE * 100}% of its ${size(restoredBytes)})`;
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
        // A key's entry cannot be replaced: the dropped one stays until the key changes or it is deleted.
        if (c.dropped === c.key)
          return {
            name: c.name,
            key: c.key,
            bytes: 0,
            pruned: 0,
            saved: false,
            why: 'the entry under this key was dropped and cannot be replaced',
          };
        if (await saved(c))
          return { name: c.name, key: c.key, bytes: 0, pruned: 0, saved: false, why: 'another job saved this key meanwhile' };
        const removed = c.kind === 'build' ? await pruneTree(c.path, state.jobStart) : { files: 0, bytes: 0 };
        const pruned = removed.files;
        const bytes = await treeBytes(c.path);
        if (bytes === 0) return { name: c.name, key: c.key, bytes, pruned, saved: false };
        const covered = c.kind !== 'modules' && c.matchedKey ? coveredBy(c.restoredBytes, bytes, removed.bytes) : undefined;
        if (covered) return { name: c.name, key: c.key, bytes, pruned, saved: false, why: covered };
        try {
          if (left() <= 0) throw new Error(spent(ms));
          // A restore checks a module tree against its manifest: it goes into the archive with it.
          if (c.kind === 'modules') await writeManifest(c.path);
          const id = await withTimeout(cache.saveCache([c.path], c.key), left(), ms, `saving the ${c.name} cache`);
          return { name: c.name, key: c.key, bytes, pruned, saved: id !== -1 };
        } catch (e) {
          log.warning(`Cache for ${c.name} not saved: ${(e as Error).message}`);
          return { name: c.name, key: c.key, bytes, pruned, saved: false };
        } finally {
          if (c.kind === 'modules') await rm(join(c.path, MANIFEST), { force: true });
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
 * Removes cache entries this run did not use (mtime before the job started): how many, and their
 * bytes. Go's own `trim.txt` and README stay, so Go's periodic trim keeps working on the cache.
 */
export async function pruneTree(dir: string, jobStart: number): Promise<{ files: number; bytes: number }> {
  const removed = { files: 0, bytes: 0 };
  for await (const f of files(dir)) {
    if (/[\\/](trim\.txt|README)$/.test(f)) continue;
    const st = await stat(f);
    if (st.mtimeMs < jobStart) {
      await rm(f, { force: true });
      removed.files++;
      removed.bytes += st.size;
    }
  }
  return removed;
}
