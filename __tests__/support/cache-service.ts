// An Actions cache service (v2, as @actions/cache 6 speaks it) on 127.0.0.1: Twirp JSON for
// CreateCacheEntry / FinalizeCacheEntryUpload / GetCacheEntryDownloadURL, a blob endpoint the
// Azure client uploads to (single PUT, or blocks + block list), plain GETs for downloads. Lookups
// also answer v1's `GET _apis/artifactcache/cache` (GHES), for entries however they were saved.
// Faults: `twirp500` (every lookup answers 500), `hang` (lookups never answer), `truncate`
// (downloads stop halfway), `trickle` (downloads send 1 KiB every half second). Every entry and request is recorded.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';

/** Faults to inject; tests may flip them on a running service. */
export interface CacheFaults {
  twirp500?: boolean;
  hang?: boolean;
  truncate?: boolean;
  trickle?: boolean;
}

/** A saved cache entry, by id. `created` orders restore-key matches, newest first. */
export interface CacheEntry {
  key: string;
  version: string;
  data: Buffer;
  created: number;
}

export interface CacheRequest {
  method: string | undefined;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface CacheService {
  url: string;
  /** What the action needs to find the service, as the runner provides it. */
  env: () => Record<string, string>;
  keys: () => string[];
  entries: Map<string, CacheEntry>;
  requests: CacheRequest[];
  downloads: { key: string; bytes: number }[];
  /** The key of every CreateCacheEntry request (an upload begun), accepted or not. */
  creates: string[];
  faults: CacheFaults;
  close: () => Promise<void>;
}

/** An upload between CreateCacheEntry and FinalizeCacheEntryUpload. */
interface Upload {
  key: string;
  version: string;
  blocks: Map<string, Buffer>;
  data: Buffer | undefined;
}

/** The fields of the Twirp requests the service reads, as @actions/cache sends them. */
interface TwirpRequest {
  key: string;
  version: string;
  restore_keys?: string[];
}

export async function startCacheService(faults: CacheFaults = {}): Promise<CacheService> {
  const entries = new Map<string, CacheEntry>();
  const uploads = new Map<string, Upload>();
  const requests: CacheRequest[] = [];
  const downloads: { key: string; bytes: number }[] = [];
  const creates: string[] = [];
  let nextId = 1;
  const state: { faults: CacheFaults } = { faults: { ...faults } };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://cache');
    requests.push({ method: req.method, path: url.pathname, headers: req.headers });
    // The responders return nothing, so that `return json(...)` answers and ends the handler.
    const json = (obj: unknown, status = 200): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(obj));
    };
    const empty = (status: number): void => {
      res.writeHead(status).end();
    };

    const find = (key: string, restoreKeys: string[], version: string | null) => {
      const same = [...entries].filter(([, e]) => e.version === version).sort(([, a], [, b]) => b.created - a.created);
      return same.find(([, e]) => e.key === key) ?? restoreKeys.map((p) => same.find(([, e]) => e.key.startsWith(p))).find(Boolean);
    };

    if (url.pathname === '/_apis/artifactcache/cache' && req.method === 'GET') {
      if (state.faults.hang) return;
      if (state.faults.twirp500) return json({ message: 'cache service broken on purpose' }, 500);
      const [key, ...restoreKeys] = (url.searchParams.get('keys') ?? '').split(',');
      const hit = find(key, restoreKeys, url.searchParams.get('version'));
      if (!hit) return empty(204);
      return json({ cacheKey: hit[1].key, archiveLocation: `http://127.0.0.1:${port()}/download/${hit[0]}` });
    }

    if (url.pathname.startsWith(PREFIX)) {
      if (state.faults.hang) return; // never answers
      if (state.faults.twirp500) return json({ code: 'internal', msg: 'cache service broken on purpose' }, 500);
      const method = url.pathname.slice(PREFIX.length);
      const msg = JSON.parse(body.toString() || '{}') as TwirpRequest;
      if (method === 'CreateCacheEntry') {
        creates.push(msg.key);
        if ([...entries.values()].some((e) => e.key === msg.key && e.version === msg.version))
          return json({ ok: false, signed_upload_url: '' });
        const id = String(nextId++);
        uploads.set(id, { key: msg.key, version: msg.version, blocks: new Map(), data: undefined });
        return json({ ok: true, signed_upload_url: `http://127.0.0.1:${port()}/blob/${id}?sig=test` });
      }
      if (method === 'FinalizeCacheEntryUpload') {
        const found = [...uploads].find(([, u]) => u.key === msg.key && u.version === msg.version);
        const data = found?.[1].data;
        if (!found || !data) return json({ ok: false, entry_id: '0' });
        const [id, up] = found;
        uploads.delete(id);
        entries.set(id, { key: up.key, version: up.version, data, created: Date.now() + Number(id) });
        return json({ ok: true, entry_id: id });
      }
      if (method === 'GetCacheEntryDownloadURL') {
        const hit = find(msg.key, msg.restore_keys ?? [], msg.version);
        if (!hit) return json({ ok: false, signed_download_url: '', matched_key: '' });
        return json({ ok: true, signed_download_url: `http://127.0.0.1:${port()}/download/${hit[0]}`, matched_key: hit[1].key });
      }
      return json({ code: 'bad_route', msg: method }, 404);
    }

    const blob = /^\/blob\/(\d+)$/.exec(url.pathname);
    if (blob && req.method === 'PUT') {
      const up = uploads.get(blob[1]);
      if (!up) return empty(404);
      const comp = url.searchParams.get('comp');
      // A block without an id can never be named by a block list ([^<]+ below): '' stands for it.
      if (comp === 'block') up.blocks.set(url.searchParams.get('blockid') ?? '', body);
      else if (comp === 'blocklist')
        up.data = Buffer.concat(
          [...body.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)</g)].map((m) => {
            const block = up.blocks.get(m[1]);
            if (!block) throw new Error(`block list names block ${m[1]}, never uploaded`);
            return block;
          }),
        );
      else up.data = body;
      res
        .writeHead(201, {
          etag: `"${blob[1]}"`,
          'last-modified': new Date().toUTCString(),
          'x-ms-request-id': blob[1],
          'x-ms-version': '2024-11-04',
          'x-ms-request-server-encrypted': 'true',
        })
        .end();
      return;
    }

    const dl = /^\/download\/(\d+)$/.exec(url.pathname);
    if (dl && req.method === 'GET') {
      const e = entries.get(dl[1]);
      if (!e) return empty(404);
      downloads.push({ key: e.key, bytes: e.data.length });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': e.data.length });
      if (state.faults.trickle) {
        for (let at = 0; at < e.data.length && !res.destroyed; at += 1024) {
          res.write(e.data.subarray(at, at + 1024));
          await new Promise((r) => setTimeout(r, 500));
        }
        res.end();
        return;
      }
      if (state.faults.truncate) {
        res.write(e.data.subarray(0, Math.floor(e.data.length / 2)));
        res.destroy();
        return;
      }
      res.end(e.data);
      return;
    }
    empty(404);
  };
  // A handler that throws answers with a reset: the client sees a broken service, the suite an error.
  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => res.destroy(e));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = () => (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port()}/`,
    /** What the action needs to find the service, as the runner provides it. */
    env: () => ({
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: `http://127.0.0.1:${port()}/`,
      ACTIONS_RUNTIME_TOKEN: 'runtime-token-for-tests',
    }),
    keys: () => [...entries.values()].map((e) => e.key).sort(),
    entries,
    requests,
    downloads,
    creates,
    faults: state.faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
