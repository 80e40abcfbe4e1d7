// An Actions cache service (v2, as @actions/cache 6 speaks it) on 127.0.0.1: Twirp JSON for
// CreateCacheEntry / FinalizeCacheEntryUpload / GetCacheEntryDownloadURL, a blob endpoint the
// Azure client uploads to (single PUT, or blocks + block list), plain GETs for downloads. Lookups
// also answer v1's `GET _apis/artifactcache/cache` (GHES), for entries however they were saved.
// Faults: `twirp500` (every lookup answers 500), `hang` (lookups never answer), `truncate`
// (downloads stop halfway), `trickle` (downloads send 1 KiB every half second). Every entry and request is recorded.
import { createServer } from 'node:http';

const PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';

/** @param {{ twirp500?: boolean, hang?: boolean, truncate?: boolean, trickle?: boolean }} [faults] */
export async function startCacheService(faults = {}) {
  /** @type {Map<string, { key: string, version: string, data: Buffer, created: number }>} */
  const entries = new Map();
  const uploads = new Map();
  const requests = [];
  const downloads = [];
  let nextId = 1;
  /** @type {{ faults: { twirp500?: boolean, hang?: boolean, truncate?: boolean, trickle?: boolean } }} */
  const state = { faults: { ...faults } };

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://cache');
    requests.push({ method: req.method, path: url.pathname, headers: req.headers });
    const json = (obj, status = 200) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(obj));

    const find = (key, restoreKeys, version) => {
      const same = [...entries].filter(([, e]) => e.version === version).sort(([, a], [, b]) => b.created - a.created);
      return same.find(([, e]) => e.key === key) ?? restoreKeys.map((p) => same.find(([, e]) => e.key.startsWith(p))).find(Boolean);
    };

    if (url.pathname === '/_apis/artifactcache/cache' && req.method === 'GET') {
      if (state.faults.hang) return;
      if (state.faults.twirp500) return json({ message: 'cache service broken on purpose' }, 500);
      const [key, ...restoreKeys] = (url.searchParams.get('keys') ?? '').split(',');
      const hit = find(key, restoreKeys, url.searchParams.get('version'));
      if (!hit) return res.writeHead(204).end();
      return json({ cacheKey: hit[1].key, archiveLocation: `http://127.0.0.1:${port()}/download/${hit[0]}` });
    }

    if (url.pathname.startsWith(PREFIX)) {
      if (state.faults.hang) return; // never answers
      if (state.faults.twirp500) return json({ code: 'internal', msg: 'cache service broken on purpose' }, 500);
      const method = url.pathname.slice(PREFIX.length);
      const msg = JSON.parse(body.toString() || '{}');
      if (method === 'CreateCacheEntry') {
        if ([...entries.values()].some((e) => e.key === msg.key && e.version === msg.version))
          return json({ ok: false, signed_upload_url: '' });
        const id = String(nextId++);
        uploads.set(id, { key: msg.key, version: msg.version, blocks: new Map(), data: undefined });
        return json({ ok: true, signed_upload_url: `http://127.0.0.1:${port()}/blob/${id}?sig=test` });
      }
      if (method === 'FinalizeCacheEntryUpload') {
        const [id, up] = [...uploads].find(([, u]) => u.key === msg.key && u.version === msg.version) ?? [];
        if (!up?.data) return json({ ok: false, entry_id: '0' });
        uploads.delete(id);
        entries.set(id, { key: up.key, version: up.version, data: up.data, created: Date.now() + Number(id) });
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
      if (!up) return res.writeHead(404).end();
      const comp = url.searchParams.get('comp');
      if (comp === 'block') up.blocks.set(url.searchParams.get('blockid'), body);
      else if (comp === 'blocklist')
        up.data = Buffer.concat(
          [...body.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)</g)].map((m) => up.blocks.get(m[1])),
        );
      else up.data = body;
      return res
        .writeHead(201, {
          etag: `"${blob[1]}"`,
          'last-modified': new Date().toUTCString(),
          'x-ms-request-id': blob[1],
          'x-ms-version': '2024-11-04',
          'x-ms-request-server-encrypted': 'true',
        })
        .end();
    }

    const dl = /^\/download\/(\d+)$/.exec(url.pathname);
    if (dl && req.method === 'GET') {
      const e = entries.get(dl[1]);
      if (!e) return res.writeHead(404).end();
      downloads.push({ key: e.key, bytes: e.data.length });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': e.data.length });
      if (state.faults.trickle) {
        for (let at = 0; at < e.data.length && !res.destroyed; at += 1024) {
          res.write(e.data.subarray(at, at + 1024));
          await new Promise((r) => setTimeout(r, 500));
        }
        return res.end();
      }
      if (state.faults.truncate) {
        res.write(e.data.subarray(0, Math.floor(e.data.length / 2)));
        res.destroy();
        return;
      }
      return res.end(e.data);
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const port = () => /** @type {import('node:net').AddressInfo} */ (server.address()).port;
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
    faults: state.faults,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
