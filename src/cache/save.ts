// Saving caches in the post step, through @actions/cache (what it archives comes from our own
// directories). Build caches are pruned first to the entries this run used. Never fatal.
import * as cache from '@actions/cache';
import type { Log } from '../lib/log.js';
import { rm, stat } from 'node:fs/promises';
import pLimit from 'p-limit';
import { budget, spent, withTimeout } from './budget.js';
import { files, treeBytes } from './disk.js';
import { exactHit, type CacheState } from './keys.js';

/** Caches saved at once. */
const CONCURRENCY = 4;

export interface Saved {
  name: string;
  key: string;
  bytes: number;
  pruned: number;
  saved: boolean;
}

/** Saves the caches that missed their primary key, restored cleanly and were not skipped. */
export async function saveCaches(state: CacheState, ms: number, log: Log): Promise<Saved[]> {
  const limit = pLimit(CONCURRENCY);
  const left = budget(ms);
  const todo = state.caches.filter((c) => !exactHit(c) && !c.failed && !c.skipped);
  return Promise.all(
    todo.map((c) =>
      limit(async () => {
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
