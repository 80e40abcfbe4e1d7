// Restoring caches in the main step. Never fatal: a missing service, errors, time-outs and bad
// archives each give one warning, the directory is removed, and the build goes on without it.
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { isWithin } from '../lib/files.js';
import type { Log } from '../lib/log.js';
import { run } from '../lib/process.js';
import { abortable, attemptsOf, downloadFile, HttpStatusError, newHttpClient, withRetries } from '../lib/http.js';
import { extractArchive } from './extract.js';
import { checkManifest, MANIFEST, type Digests } from './tree-manifest.js';
import { budget, spent, timedOut } from './budget.js';
import { forceRemove, nonEmpty } from './disk.js';
import type { CacheSpec, Restored } from './keys.js';
import { cacheVersion, findEntry, type CacheService, type Compression } from './service.js';

/** Caches restored at once. */
const CONCURRENCY = 4;

export interface RestoreContext {
  log: Log;
  service: CacheService;
  /** GITHUB_WORKSPACE: what archived paths are relative to. */
  workspace: string;
  /** Where archives are downloaded to (RUNNER_TEMP). */
  temp: string;
  jobStart: number;
  stallMs: number;
  /** Directories no cache may contain, such as the checkout and GOROOT. */
  protectedDirs: string[];
  /** The step's cache time, in ms. */
  ms: number;
}

/**
 * The compression @actions/cache saves with on this runner: zstd when the program runs, else gzip.
 * A restore has to know it, since it is part of the entry's version.
 */
export async function compressionMethod(): Promise<Compression> {
  const zstd = await run('zstd', ['--quiet', '--version']);
  return zstd.ok && zstd.stdout.trim() ? 'zstd-without-long' : 'gzip';
}

/**
 * Restores each cache into its own, empty directory. A build cache's files are dated two hours
 * back, so that Go (which refreshes an entry's mtime on use only when it is over an hour old)
 * marks every entry this run uses: the post step keeps exactly those.
 */
export async function restoreCaches(specs: CacheSpec[], ctx: RestoreContext): Promise<Restored[]> {
  const limit = pLimit(CONCURRENCY);
  const left = budget(ctx.ms);
  const compression = await compressionMethod();
  const client = newHttpClient(ctx.stallMs);
  return Promise.all(
    specs.map((spec) =>
      limit(async (): Promise<Restored> => {
        // First: a directory that holds the checkout is never restored into, nor saved (failed).
        const guarded = ctx.protectedDirs.find((d) => isWithin(spec.path, d));
        if (guarded) {
          ctx.log.warning(`Cache for ${spec.name} not restored: its directory ${spec.path} contains ${guarded}. Building without it.`);
          return { ...spec, restoredBytes: 0, failed: true };
        }
        if (await nonEmpty(spec.path)) {
          ctx.log.info(`${spec.name}: ${spec.path} is not empty, so nothing is restored over it.`);
          return { ...spec, restoredBytes: 0 };
        }
        if (left() <= 0) {
          ctx.log.warning(`Cache for ${spec.name} not restored: ${spent(ctx.ms)}. Building without it.`);
          return { ...spec, restoredBytes: 0, failed: true };
        }
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(), left());
        const archive = join(ctx.temp, 'go-crossbuild', `cache-${randomUUID()}`);
        try {
          const version = cacheVersion([spec.path], compression, process.platform);
          const entry = await abortable(
            withRetries(
              `Looking up the ${spec.name} cache`,
              () => findEntry(client, ctx.service, spec.key, spec.restoreKeys, version),
              ctx.log.info,
            ).catch((e: unknown) => {
              throw new Error(`looking it up failed after ${attemptsOf(e)} attempt(s): ${describe(e)}`);
            }),
            abort.signal,
          );
          if (!entry) {
            ctx.log.info(`${spec.name}: cache miss (${spec.key})`);
            return { ...spec, restoredBytes: 0 };
          }
          ctx.log.secret(entry.archiveUrl);
          await mkdir(join(ctx.temp, 'go-crossbuild'), { recursive: true });
          const size = await withRetries(
            `Downloading the ${spec.name} cache`,
            () => downloadFile(client, entry.archiveUrl, archive, ctx.stallMs, abort.signal),
            ctx.log.info,
          ).catch((e: unknown) => {
            throw new Error(`downloading ${entry.matchedKey} failed after ${attemptsOf(e)} attempt(s): ${describe(e)}`);
          });
          const aged = spec.kind === 'build' ? new Date(ctx.jobStart - 2 * 3600_000) : undefined;
          const digests: Digests | undefined = spec.kind === 'modules' ? new Map() : undefined;
          const got = await extractArchive(archive, compression, ctx.workspace, spec.path, abort.signal, {
            mtime: aged,
            siblingLinks: spec.kind === 'zig',
            digests,
          });
          // Go trusts a module tree as it finds it: one that is not exactly what was saved is dropped.
          const problem = digests && (await checkManifest(spec.path, digests));
          if (problem) {
            ctx.log.warning(
              `Cache for modules not used: ${entry.matchedKey} is incomplete or altered (${problem}). Downloading the modules again.`,
            );
            await forceRemove(spec.path);
            return { ...spec, restoredBytes: 0, dropped: entry.matchedKey };
          }
          // The manifest, checked, is gone from the tree.
          const manifest = digests?.get(MANIFEST);
          const files = got.files - (manifest ? 1 : 0);
          const how = entry.matchedKey === spec.key ? 'cache hit' : `restored ${entry.matchedKey}`;
          ctx.log.info(`${spec.name}: ${how} (${spec.key}): ${files} files from a ${mib(size)} archive`);
          return { ...spec, matchedKey: entry.matchedKey, restoredBytes: got.bytes - (manifest?.size ?? 0) };
        } catch (e) {
          const why = abort.signal.aborted ? timedOut(`restoring the ${spec.name} cache`, ctx.ms) : describe(e);
          ctx.log.warning(`Cache for ${spec.name} not restored: ${why}. Building without it.`);
          await forceRemove(spec.path);
          return { ...spec, restoredBytes: 0, failed: true };
        } finally {
          clearTimeout(timer);
          await rm(archive, { force: true });
        }
      }),
    ),
  );
}

/** An error in words that never hold the archive's signed URL. */
function describe(e: unknown): string {
  if (e instanceof HttpStatusError) return `HTTP ${e.status}${/twirp|_apis/.test(e.url) ? ' from the cache service' : ''}`;
  return (e as Error).message;
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}
