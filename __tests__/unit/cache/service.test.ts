import { startCacheService } from '../../support/cache-service.ts';
import { newHttpClient } from '../../../src/lib/http.js';
import { cacheReadable, cacheService, cacheVersion, findEntry } from '../../../src/cache/service.js';
// The library's own version function (internal, so by path): a restore must ask for what saveCache recorded.
import { getCacheVersion } from '../../../node_modules/@actions/cache/lib/internal/cacheUtils.js';

describe('cacheService', () => {
  const v2 = { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: 'https://results.example/', ACTIONS_RUNTIME_TOKEN: 't' };

  it('uses v2 on github.com when the runner says so, v1 otherwise and always on GHES', () => {
    expect(cacheService(v2)).toEqual({ protocol: 'v2', url: 'https://results.example/', token: 't' });
    expect(cacheService({ ...v2, GITHUB_SERVER_URL: 'https://acme.ghe.com' })?.protocol).toBe('v2');
    expect(cacheService({ ACTIONS_CACHE_URL: 'https://cache.example', ACTIONS_RUNTIME_TOKEN: 't' })).toEqual({
      protocol: 'v1',
      url: 'https://cache.example/',
      token: 't',
    });
    expect(cacheService({ ...v2, ACTIONS_CACHE_URL: 'https://ghes.example/cache/', GITHUB_SERVER_URL: 'https://ghes.example' })).toEqual({
      protocol: 'v1',
      url: 'https://ghes.example/cache/',
      token: 't',
    });
  });

  it('is undefined without a URL', () => {
    expect(cacheService({})).toBeUndefined();
    expect(cacheService({ ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_CACHE_URL: 'https://v1.example/' })).toBeUndefined();
  });

  it('reads unless ACTIONS_CACHE_MODE forbids it', () => {
    expect(cacheReadable({})).toBe(true);
    expect(cacheReadable({ ACTIONS_CACHE_MODE: 'read' })).toBe(true);
    expect(cacheReadable({ ACTIONS_CACHE_MODE: ' Write ' })).toBe(true);
    expect(cacheReadable({ ACTIONS_CACHE_MODE: 'something-new' })).toBe(true);
    expect(cacheReadable({ ACTIONS_CACHE_MODE: 'none' })).toBe(false);
    expect(cacheReadable({ ACTIONS_CACHE_MODE: 'write-only' })).toBe(false);
  });
});

describe('cacheVersion', () => {
  it.each([
    [['/home/runner/work/_temp/go-crossbuild/gocache/linux-arm64'], 'zstd-without-long' as const],
    [['/home/runner/go/pkg/mod'], 'gzip' as const],
  ])('is what @actions/cache records for %j with %s', (paths, compression) => {
    expect(cacheVersion(paths, compression, process.platform)).toBe(getCacheVersion(paths, compression as never, false));
    expect(cacheVersion(paths, compression, 'win32')).not.toBe(cacheVersion(paths, compression, 'linux'));
  });
});

describe('findEntry', () => {
  let service: Awaited<ReturnType<typeof startCacheService>>;
  beforeAll(async () => {
    service = await startCacheService();
    service.entries.set('1', { key: 'k-gomod-old', version: 'v', data: Buffer.from('a'), created: 1 });
    service.entries.set('2', { key: 'k-gomod-new', version: 'v', data: Buffer.from('b'), created: 2 });
  });
  afterAll(() => service.close());

  it.each(['v1', 'v2'] as const)('finds the exact key, else the newest under a restore prefix, else nothing (%s)', async (protocol) => {
    const svc = { protocol, url: service.url, token: 'secret-token' };
    const client = newHttpClient(30_000);
    expect(await findEntry(client, svc, 'k-gomod-old', ['k-gomod-'], 'v')).toEqual({
      matchedKey: 'k-gomod-old',
      archiveUrl: `${service.url}download/1`,
    });
    expect((await findEntry(client, svc, 'k-gomod-x', ['k-gomod-'], 'v'))?.matchedKey).toBe('k-gomod-new');
    expect(await findEntry(client, svc, 'k-gomod-x', ['k-gomod-'], 'other-version')).toBeUndefined();
    expect(await findEntry(client, svc, 'nothing', [], 'v')).toBeUndefined();
    expect(service.requests.at(-1)?.headers.authorization).toBe('Bearer secret-token');
  });

  it('fails on a server error, and without a token asks nothing', async () => {
    const client = newHttpClient(30_000);
    service.faults.twirp500 = true;
    try {
      await expect(findEntry(client, { protocol: 'v2', url: service.url, token: 't' }, 'k', [], 'v')).rejects.toThrow('HTTP 500');
    } finally {
      service.faults.twirp500 = false;
    }
    const before = service.requests.length;
    await expect(findEntry(client, { protocol: 'v2', url: service.url, token: '' }, 'k', [], 'v')).rejects.toThrow(
      'ACTIONS_RUNTIME_TOKEN is not set',
    );
    expect(service.requests.length).toBe(before);
  });
});
