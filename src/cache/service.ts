// Finding a cache entry in the Actions cache service. Restores do not go through @actions/cache:
// it extracts with `tar -P` relative to the workspace, so a poisoned entry could write anywhere.
// Here the lookup speaks the same protocol (v2 Twirp on github.com, v1 on GHES), and the archive is
// downloaded and then extracted by ./extract.ts, which refuses every entry outside the cache's own
// directory. Saves still use @actions/cache: what they archive comes from our own directories.
import type { HttpClient } from '@actions/http-client';
import { createHash } from 'node:crypto';
import { HttpStatusError } from '../lib/http.js';

export type Compression = 'gzip' | 'zstd-without-long';

export interface CacheService {
  protocol: 'v1' | 'v2';
  /** ACTIONS_RESULTS_URL (v2) or ACTIONS_CACHE_URL (v1), ending in `/`. */
  url: string;
  /** ACTIONS_RUNTIME_TOKEN: sent to `url` only, never to the archive's signed URL. */
  token: string;
}

/** The service the runner offers this job, as @actions/cache chooses it; undefined if none. */
export function cacheService(env: NodeJS.ProcessEnv): CacheService | undefined {
  let ghes: boolean;
  try {
    const host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toUpperCase();
    ghes = host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST');
  } catch {
    ghes = true;
  }
  const protocol = !ghes && env.ACTIONS_CACHE_SERVICE_V2 ? 'v2' : 'v1';
  const url = protocol === 'v2' ? env.ACTIONS_RESULTS_URL : env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL;
  if (!url) return undefined;
  return { protocol, url: url.endsWith('/') ? url : `${url}/`, token: env.ACTIONS_RUNTIME_TOKEN ?? '' };
}

/** Whether ACTIONS_CACHE_MODE lets this job read caches (unknown modes do, as in @actions/cache). */
export function cacheReadable(env: NodeJS.ProcessEnv): boolean {
  const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
  return !['none', 'write-only'].includes(mode);
}

/**
 * The entry version @actions/cache's saveCache records for these paths: a restore must ask for the
 * same one. It changes with the compression (zstd when the runner has it) and on Windows.
 */
export function cacheVersion(paths: string[], compression: Compression, platform: NodeJS.Platform): string {
  const parts = [...paths, compression, ...(platform === 'win32' ? ['windows-only'] : []), '1.0'];
  return createHash('sha256').update(parts.join('|')).digest('hex');
}

export interface Entry {
  matchedKey: string;
  /** A signed URL that needs no token; a secret in itself. */
  archiveUrl: string;
}

const TWIRP = 'twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL';

/** The newest entry for `key`, else for the first restore-key prefix that matches; undefined on a miss. */
export async function findEntry(
  client: HttpClient,
  service: CacheService,
  key: string,
  restoreKeys: string[],
  version: string,
): Promise<Entry | undefined> {
  if (!service.token) throw new Error('ACTIONS_RUNTIME_TOKEN is not set');
  const auth = { authorization: `Bearer ${service.token}` };
  if (service.protocol === 'v2') {
    const url = service.url + TWIRP;
    const res = await client.post(url, JSON.stringify({ key, restore_keys: restoreKeys, version }), {
      ...auth,
      'content-type': 'application/json',
    });
    const body = await res.readBody();
    if (res.message.statusCode !== 200) throw new HttpStatusError(url, res.message.statusCode ?? 0);
    const answer = parseJson(body) as { ok?: boolean; signed_download_url?: string; matched_key?: string };
    if (!answer.ok) return undefined;
    return checked(answer.matched_key, answer.signed_download_url);
  }
  const url = `${service.url}_apis/artifactcache/cache?keys=${encodeURIComponent([key, ...restoreKeys].join(','))}&version=${version}`;
  const res = await client.get(url, { ...auth, accept: 'application/json;api-version=6.0-preview.1' });
  const body = await res.readBody();
  if (res.message.statusCode === 204) return undefined;
  if (res.message.statusCode !== 200) throw new HttpStatusError(url, res.message.statusCode ?? 0);
  const answer = parseJson(body) as { cacheKey?: string; archiveLocation?: string };
  return checked(answer.cacheKey, answer.archiveLocation);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) ?? {};
  } catch {
    throw new Error('the cache service answered with something that is not JSON');
  }
}

function checked(matchedKey: string | undefined, archiveUrl: string | undefined): Entry {
  if (!matchedKey || !archiveUrl || !/^https?:\/\//.test(archiveUrl)) {
    throw new Error('the cache service named an entry without a key or an http(s) archive URL');
  }
  return { matchedKey, archiveUrl };
}
