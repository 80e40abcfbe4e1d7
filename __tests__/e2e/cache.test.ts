// Caching through the bundled action and its post step, against a local Actions cache service (v2).
// Each "job" runs in a fresh runner directory recreated at the same path, as hosted runners are.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeManifest } from '../../src/cache/tree-manifest.js';
import { startCacheService, type CacheService as Service } from '../support/cache-service.ts';
import { newRunner as newRunnerAt, runJob } from '../support/runner.ts';
import { checkout, mirroredFixture, newRunner, offlineProxy } from '../support/fixtures.ts';

const { f, pinnedInputs } = await mirroredFixture();
const proxyEnv = await offlineProxy(['example.com/greetlib', 'v1.0.0', 'greetlib']);
const scratch = newRunner();

const TARGETS = 'linux/amd64, linux/arm64, windows/amd64';

/** One job: a fresh runner at `path`, the fixture checked out, main then post. `-x` lets us count compiles. */
async function job(
  path: string,
  service: Service | undefined,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
  prepare?: (workspace: string) => void,
) {
  const runner = newRunnerAt(undefined, join(scratch.dir, path));
  checkout('withdep', runner.workspace);
  prepare?.(runner.workspace);
  const res = await runJob(runner, {
    // Bare binaries (archive: none): run() runs one.
    inputs: pinnedInputs({ targets: TARGETS, 'build-flags': '-x', archive: 'none', ...inputs }),
    env: { ...proxyEnv, ...(service ? service.env() : {}), GO_CROSSBUILD_CACHE_TIMEOUT_SECONDS: '8', ...env },
  });
  return { ...res, runner };
}

/** Standard-library packages compiled by a job: `compile -o ... -p fmt ...` lines of `go build -x`. */
function compiles(stdout: string, pkg: string): number {
  return stdout.split('\n').filter((l) => / -p \S+ /.test(l) && l.includes('/compile ') && l.includes(` -p ${pkg} `)).length;
}

describe('two jobs', () => {
  let service: Service;
  let first: Awaited<ReturnType<typeof job>>;
  let second: Awaited<ReturnType<typeof job>>;
  beforeAll(async () => {
    service = await startCacheService();
    first = await job('runner', service);
    second = await job('runner', service);
  }, 600_000);
  afterAll(() => service.close());

  it('saves the module cache and one build cache per target, each under its own key', () => {
    expect(first.main.code).toBe(0);
    expect(first.main.outputs['cache-hit']).toBe('false');
    expect(first.post?.code).toBe(0);
    const keys = service.keys();
    expect(keys).toHaveLength(4);
    const prefix = `go-crossbuild-v1-Linux-X64-go${f.newer.version}`;
    expect(keys.filter((k) => k.startsWith(`${prefix}-gomod-`))).toHaveLength(1);
    for (const slug of ['linux-amd64', 'linux-arm64', 'windows-amd64']) {
      expect(keys.filter((k) => new RegExp(`^${prefix}-gocache-${slug}-[0-9a-f]{16}-[0-9a-f]{16}$`).test(k))).toHaveLength(1);
    }
    expect(compiles(first.main.stdout, 'fmt')).toBe(3);
  });

  it('restores them all in a fresh runner: cache-hit, no standard library compiled, nothing saved', () => {
    expect(second.main.code).toBe(0);
    expect(second.main.outputs['cache-hit']).toBe('true');
    // The module tree matched the manifest saved with it.
    expect(second.main.warnings.filter((w) => /cache|module/i.test(w))).toEqual([]);
    expect(second.main.stdout).toMatch(/modules: cache hit \(\S+-gomod-m1-[0-9a-f]{16}\): \d+ files from a/);
    expect(compiles(second.main.stdout, 'fmt')).toBe(0);
    expect(compiles(second.main.stdout, 'runtime')).toBe(0);
    expect(JSON.parse(second.main.outputs.artifacts).map((a: { cacheHit: boolean }) => a.cacheHit)).toEqual([true, true, true]);
    expect(second.main.summary).toMatch(/<td>hit, [\d.]+ MiB<\/td>/);
    expect(second.post?.stdout).toContain('Every cache matched its key: nothing to save.');
    expect(service.keys()).toHaveLength(4);
  });

  it('restores only its own targets in a one-target matrix job', async () => {
    const before = service.downloads.length;
    const one = await job('runner', service, { targets: 'linux/arm64' });
    expect(one.main.outputs['cache-hit']).toBe('true');
    const got = service.downloads
      .slice(before)
      .map((d) => d.key.replace(/^go-crossbuild-v1-Linux-X64-go[\d.]+-/, '').replace(/-[0-9a-f]{16}/g, ''));
    expect(got.sort()).toEqual(['gocache-linux-arm64', 'gomod-m1']);
  });

  it('after a small source change: restores the older cache, prunes, and keeps the older entry, which still covers the run', async () => {
    const keys = service.keys();
    // extra.go is not committed: Go stamps the tree as modified, which allow-dirty lets through.
    const changed = await job('runner', service, { targets: 'linux/amd64', 'allow-dirty': 'true' }, {}, (ws) =>
      writeFileSync(join(ws, 'extra.go'), 'package main\n\nvar extra = 1\n'),
    );
    expect(changed.main.outputs['cache-hit']).toBe('false');
    expect(changed.main.stdout).toMatch(/linux\/amd64: restored go-crossbuild-v1-.*-gocache-linux-amd64-/);
    expect(compiles(changed.main.stdout, 'fmt')).toBe(0);
    expect(compiles(changed.main.stdout, 'main')).toBe(1);
    const kept = /linux\/amd64: not saved as \S+ \((\d+) unused entries pruned\): the restored cache still covers this run \(/.exec(
      changed.post?.stdout ?? '',
    );
    expect(kept).not.toBeNull();
    expect(Number(kept![1])).toBeGreaterThan(0);
    expect(service.keys()).toEqual(keys);
  });

  it('after a change that compiles much more: saves a new key, pruned to what the run used', async () => {
    const changed = await job('runner', service, { targets: 'linux/amd64', 'allow-dirty': 'true' }, {}, (ws) =>
      writeFileSync(join(ws, 'extra.go'), 'package main\n\nimport _ "net/http"\n'),
    );
    expect(changed.main.stdout).toMatch(/linux\/amd64: restored go-crossbuild-v1-.*-gocache-linux-amd64-/);
    expect(compiles(changed.main.stdout, 'net/http')).toBe(1);
    const saved = /linux\/amd64: saved [\d.]+ [KM]iB as (\S+) \((\d+) unused entries pruned\)/.exec(changed.post?.stdout ?? '');
    expect(saved).not.toBeNull();
    expect(Number(saved![2])).toBeGreaterThan(0);
    expect(service.keys()).toContain(saved![1]);
  });

  it('restores but never saves with cache-read-only', async () => {
    const before = service.keys().length;
    const ro = await job('runner', service, { 'cache-read-only': 'true', 'allow-dirty': 'true' }, {}, (ws) =>
      writeFileSync(join(ws, 'extra.go'), 'package main\n\nvar extra = 2\n'),
    );
    expect(ro.main.code).toBe(0);
    expect(ro.post?.stdout).toContain('Caches were restored but are not saved: cache-read-only: true.');
    expect(service.keys()).toHaveLength(before);
  });

  it('asks nothing of the service with cache: false', async () => {
    const before = service.requests.length;
    const off = await job('runner', service, { cache: 'false' });
    expect(off.main.code).toBe(0);
    expect(service.requests.length).toBe(before);
    expect(off.main.outputs['cache-hit']).toBe('');
    expect(JSON.parse(off.main.outputs.artifacts)[0].cacheHit).toBeNull();
  });

  it("keeps a cache-key leg's build caches apart: its own key saved and restored, the module cache shared", async () => {
    const before = service.keys();
    const prefix = `go-crossbuild-v1-Linux-X64-go${f.newer.version}`;
    const leg = await job('runner', service, { targets: 'linux/arm64', 'cache-key': 'race' });
    expect(leg.main.code).toBe(0);
    // The plain linux/arm64 entry is not taken, not even through a restore key; the modules are.
    expect(leg.main.stdout).toMatch(/modules: cache hit/);
    expect(leg.main.stdout).toContain(`linux/arm64: cache miss (${prefix}-key-race-gocache-linux-arm64-`);
    const added = service.keys().filter((k) => !before.includes(k));
    expect(added).toEqual([expect.stringMatching(new RegExp(`^${prefix}-key-race-gocache-linux-arm64-[0-9a-f]{16}-[0-9a-f]{16}$`))]);
    expect(leg.post?.stdout).toContain(`as ${added[0]}`);
    const again = await job('runner', service, { targets: 'linux/arm64', 'cache-key': 'race' });
    expect(again.main.outputs['cache-hit']).toBe('true');
    expect(again.main.stdout).toContain(`linux/arm64: cache hit (${added[0]})`);
  });
});

describe('never fatal', () => {
  async function expectGreen(r: Awaited<ReturnType<typeof job>>, warning: RegExp) {
    expect(r.main.errors).toEqual([]);
    expect(r.main.code).toBe(0);
    expect(r.post?.code).toBe(0);
    expect([...r.main.warnings, ...(r.post?.warnings ?? [])].join('\n')).toMatch(warning);
    expect(JSON.parse(r.main.outputs.artifacts)).toHaveLength(3);
  }

  it('without any cache service: one warning', async () => {
    const r = await job('runner-none', undefined);
    await expectGreen(r, /No Actions cache service is available/);
    expect(r.main.warnings.filter((w) => w.includes('cache'))).toHaveLength(1);
  });

  it('with the service URL but no runtime token', async () => {
    const s = await startCacheService();
    try {
      await expectGreen(
        await job('runner-token', s, {}, { ACTIONS_RUNTIME_TOKEN: '' }),
        /Cache for linux\/amd64 not restored|Failed to restore|Unable to get the ACTIONS_RUNTIME_TOKEN/,
      );
    } finally {
      await s.close();
    }
  });

  it('with the service down', async () => {
    const s = await startCacheService();
    const env = s.env();
    await s.close();
    await expectGreen(await job('runner-down', undefined, {}, env), /Failed to restore|not restored|Failed to save|not saved/);
  });

  it('with a service answering 500', async () => {
    const s = await startCacheService({ twirp500: true });
    try {
      await expectGreen(
        await job('runner-500', s),
        /Cache for modules not restored: looking it up failed after 3 attempt\(s\): HTTP 500 from the cache service\. Building without it\./,
      );
    } finally {
      await s.close();
    }
  }, 180_000);

  it('with a service that never answers, bounded by the time-out for the whole step', async () => {
    const s = await startCacheService({ hang: true });
    try {
      // Five caches (three targets, modules, the host's for generate), four restored at a time:
      // the fifth finds the step's cache time spent rather than waiting a time-out of its own.
      const r = await job('runner-hang', s, { generate: 'once' });
      await expectGreen(r, /restoring the .* cache timed out \(the step's cache time is 8 s\)/);
      expect(r.main.warnings.filter((w) => w.includes("the step's cache time of 8 s is spent"))).toHaveLength(1);
      expect(r.main.seconds).toBeLessThan(120);
    } finally {
      await s.close();
    }
  }, 180_000);

  it('with a truncated cache archive: one warning per cache, that cache starts empty', async () => {
    const s = await startCacheService();
    try {
      await job('runner-trunc', s, { targets: 'linux/amd64' });
      s.faults.truncate = true;
      // A long time-out: the download fails by itself, three times, and says so once.
      const r = await job('runner-trunc', s, { targets: 'linux/amd64' }, { GO_CROSSBUILD_CACHE_TIMEOUT_SECONDS: '120' });
      expect(r.main.code).toBe(0);
      expect(r.main.errors).toEqual([]);
      // The two caches are restored concurrently: their warnings come in either order.
      expect(r.main.warnings.filter((w) => /restore/i.test(w)).sort()).toEqual([
        expect.stringMatching(
          /^::warning::Cache for linux\/amd64 not restored: downloading \S+ failed after 3 attempt\(s\): socket hang up\. Building without it\.$/,
        ),
        expect.stringMatching(
          /^::warning::Cache for modules not restored: downloading \S+-gomod-\S+ failed after 3 attempt\(s\): socket hang up\. Building without it\.$/,
        ),
      ]);
      expect(r.main.outputs['cache-hit']).toBe('false');
      expect(compiles(r.main.stdout, 'fmt')).toBe(1);
      expect(r.post?.code).toBe(0);
    } finally {
      await s.close();
    }
  });
});

/** The `tar` @actions/cache writes: GNU tar --posix, paths as listed relative to `cwd`, zstd. */
function packEntry(cwd: string, paths: string[], transform: string[] = []): Buffer {
  const out = join(cwd, '..', 'entry.tzst');
  writeFileSync(join(cwd, '..', 'manifest.txt'), paths.join('\n') + '\n');
  execFileSync('tar', [
    '--posix',
    '-cf',
    out,
    '-P',
    '-C',
    cwd,
    ...transform.flatMap((t) => ['--transform', t]),
    '--files-from',
    join(cwd, '..', 'manifest.txt'),
    '--use-compress-program',
    'zstdmt',
  ]);
  return readFileSync(out);
}

/** What the job's first artifact (a linux/amd64 binary) prints. */
function run(r: Awaited<ReturnType<typeof job>>): string {
  return execFileSync(join(r.runner.workspace, JSON.parse(r.main.outputs.artifacts)[0].path), { encoding: 'utf8' });
}

function entryOf(service: Service, keyPart: string) {
  const found = [...service.entries.values()].filter((e) => e.key.includes(keyPart));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('hostile and broken cache entries', () => {
  let service: Service;
  let saved: Buffer;
  beforeAll(async () => {
    service = await startCacheService();
    await job('runner-hostile', service, { targets: 'linux/amd64' });
    saved = entryOf(service, '-gomod-').data;
  }, 300_000);
  afterEach(() => (entryOf(service, '-gomod-').data = saved));
  afterAll(() => service.close());

  it('refuses a poisoned entry that writes into the checkout, GOROOT and outside both: nothing of it lands', async () => {
    const runnerDir = join(scratch.dir, 'runner-hostile');
    const goBin = join(runnerDir, 'toolcache', 'go', f.newer.version, 'x64', 'bin', 'go');
    const payload = join(scratch.dir, 'poison', 'workspace');
    mkdirSync(payload, { recursive: true });
    writeFileSync(join(payload, 'main.go'), 'package main\n\nfunc main() { println("poisoned") }\n');
    writeFileSync(join(payload, 'go'), '#!/bin/sh\necho poisoned go\n');
    writeFileSync(join(payload, 'escape'), 'poisoned\n');
    // Under the module cache's own key and version: what a poisoning job could save.
    entryOf(service, '-gomod-').data = packEntry(payload, ['main.go', 'go', 'escape'], [`s|^go$|${goBin}|`, 's|^escape$|../escape|']);

    const r = await job('runner-hostile', service, { targets: 'linux/amd64' });
    expect(r.main.code).toBe(0);
    expect(r.main.errors).toEqual([]);
    expect(r.main.warnings.filter((w) => /not restored/.test(w))).toEqual([
      expect.stringMatching(/^::warning::Cache for modules not restored: "main\.go" is outside \S+\/go\/pkg\/mod\. Building without it\.$/),
    ]);
    expect(readFileSync(join(r.runner.workspace, 'main.go'), 'utf8')).not.toContain('poisoned');
    expect(readFileSync(goBin, 'utf8').length).toBeGreaterThan(100_000); // still Go's binary
    expect(existsSync(join(runnerDir, 'escape'))).toBe(false);
    expect(r.main.outputs['cache-hit']).toBe('false');
    expect(run(r)).toBe('hello, cache\n');
  });

  it('refuses an entry with a link in it', async () => {
    const payload = join(scratch.dir, 'linked', 'workspace');
    const mod = join(payload, '..', 'go', 'pkg', 'mod');
    mkdirSync(payload, { recursive: true });
    mkdirSync(mod, { recursive: true });
    symlinkSync('/etc', join(mod, 'etc'));
    entryOf(service, '-gomod-').data = packEntry(payload, ['../go/pkg/mod']);
    const r = await job('runner-hostile', service, { targets: 'linux/amd64' });
    expect(r.main.code).toBe(0);
    expect(r.main.warnings.filter((w) => /not restored/.test(w))).toEqual([
      expect.stringMatching(
        /^::warning::Cache for modules not restored: "\.\.\/go\/pkg\/mod\/etc" is a SymbolicLink, not a file or directory\./,
      ),
    ]);
  });

  it("gives up a download that trickles past the step's cache time, and leaves no archive or partial cache", async () => {
    service.faults.trickle = true;
    try {
      const r = await job('runner-hostile', service, { targets: 'linux/amd64' }, { GO_CROSSBUILD_CACHE_TIMEOUT_SECONDS: '3' });
      expect(r.main.code).toBe(0);
      // The module cache (a few KiB) arrives in time; the build cache (MiBs) does not.
      expect(r.main.stdout).toMatch(/modules: cache hit/);
      expect(r.main.warnings.filter((w) => /not restored/.test(w))).toEqual([
        "::warning::Cache for linux/amd64 not restored: restoring the linux/amd64 cache timed out (the step's cache time is 3 s). Building without it.",
      ]);
      expect(readdirSync(join(r.runner.temp, 'go-crossbuild')).filter((n) => n.startsWith('cache-'))).toEqual([]);
      expect(compiles(r.main.stdout, 'fmt')).toBe(1);
      expect(r.main.seconds).toBeLessThan(60);
    } finally {
      service.faults.trickle = false;
    }
  }, 180_000);
});

describe('a module cache cut short or altered under its own key', () => {
  let service: Service;
  let saved: Buffer;
  beforeAll(async () => {
    service = await startCacheService();
    await job('runner-modtree', service, { targets: 'linux/amd64' });
    saved = entryOf(service, '-gomod-').data;
  }, 300_000);
  afterEach(() => (entryOf(service, '-gomod-').data = saved));
  afterAll(() => service.close());

  /** The saved entry unpacked, changed by `change` (given GOMODCACHE), and packed again as @actions/cache packs. */
  function changed(name: string, change: (modcache: string) => void): Buffer {
    const ws = join(scratch.dir, name, 'workspace');
    mkdirSync(ws, { recursive: true });
    writeFileSync(join(ws, '..', 'in.tzst'), saved);
    execFileSync('tar', ['-xf', join(ws, '..', 'in.tzst'), '-P', '-C', ws, '--use-compress-program', 'unzstd']);
    const modcache = join(ws, '..', 'go', 'pkg', 'mod');
    chmodSync(join(modcache, 'example.com', 'greetlib@v1.0.0'), 0o755);
    change(modcache);
    return packEntry(ws, ['../go/pkg/mod']);
  }
  const greet = (modcache: string) => join(modcache, 'example.com', 'greetlib@v1.0.0', 'greet.go');

  it.each<[string, (modcache: string) => void, RegExp]>([
    ['a file missing', (m) => rmSync(greet(m)), /\(1 of its \d+ files are missing, such as example\.com\/greetlib@v1\.0\.0\/greet\.go\)/],
    [
      'a file altered',
      (m) => {
        chmodSync(greet(m), 0o644);
        writeFileSync(greet(m), readFileSync(greet(m), 'utf8').replace('"hello, "', '"pwned, "'));
      },
      /\(example\.com\/greetlib@v1\.0\.0\/greet\.go differs from its manifest\)/,
    ],
    [
      'its manifest cut off',
      (m) => rmSync(join(m, '.go-crossbuild-manifest.json')),
      /\(it has no manifest, so the archive may have been cut short\)/,
    ],
  ])('with %s: one warning, the tree dropped, the modules downloaded again, the build green', async (name, change, why) => {
    const entry = entryOf(service, '-gomod-');
    entry.data = changed(name.replace(/ /g, '-'), change);
    const r = await job('runner-modtree', service, { targets: 'linux/amd64' });
    expect(r.main.code).toBe(0);
    expect(r.main.errors).toEqual([]);
    // The other warning of these jobs is the fixture's own: its Go archive is repacked, so pinned.
    expect(r.main.warnings.filter((w) => !w.includes('go-sha256 pins'))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::warning::Cache for modules not used: ${entry.key} is incomplete or altered ${why.source}\\. Downloading the modules again\\.$`,
        ),
      ),
    ]);
    expect(r.main.outputs['cache-hit']).toBe('false');
    // Built from greetlib as the GOPROXY serves it, into a module cache Go filled again.
    expect(run(r)).toBe('hello, cache\n');
    expect(readFileSync(greet(join(r.runner.dir, 'go', 'pkg', 'mod')), 'utf8')).toContain('"hello, "');
    // The bad entry holds the key: the post step cannot replace it, and says so.
    expect(r.post?.code).toBe(0);
    expect(r.post?.warnings).toEqual([]);
    expect(r.post?.stdout).toContain(
      `modules: not saved as ${entry.key} (0 unused entries pruned): the entry under this key was dropped and cannot be replaced.`,
    );
  });
});

describe('a GHES runner (cache service v1)', () => {
  it('restores what a v2 job saved, through the v1 lookup', async () => {
    const s = await startCacheService();
    try {
      await job('runner-ghes', s, { targets: 'linux/amd64' });
      const before = s.requests.length;
      const v1 = {
        ACTIONS_CACHE_SERVICE_V2: '',
        ACTIONS_RESULTS_URL: '',
        ACTIONS_CACHE_URL: s.url,
        GITHUB_SERVER_URL: 'https://ghes.example',
      };
      const r = await job('runner-ghes', s, { targets: 'linux/amd64' }, v1);
      expect(r.main.code).toBe(0);
      expect(r.main.outputs['cache-hit']).toBe('true');
      expect(compiles(r.main.stdout, 'fmt')).toBe(0);
      const lookups = s.requests.slice(before).filter((q) => q.path.includes('artifactcache') || q.path.includes('twirp'));
      expect(lookups.map((q) => q.path)).toEqual(['/_apis/artifactcache/cache', '/_apis/artifactcache/cache']);
    } finally {
      await s.close();
    }
  }, 300_000);
});

describe('tag and release builds', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startCacheService();
    await job('runner-tag', service, { targets: 'linux/amd64' });
  }, 300_000);
  afterAll(() => service.close());

  it('compile from source: no build cache restored or saved, the summary says why', async () => {
    const before = service.downloads.length;
    const keys = service.keys().length;
    const r = await job('runner-tag', service, { targets: 'linux/amd64' }, { GITHUB_REF: 'refs/tags/v1.0.0', GITHUB_EVENT_NAME: 'push' });
    expect(r.main.code).toBe(0);
    expect(r.main.stdout).toContain('A tag v1.0.0 build: build caches are neither restored nor saved');
    expect(service.downloads.slice(before).map((d) => d.key)).toEqual([expect.stringContaining('-gomod-')]);
    expect(r.main.stdout).toMatch(/modules: go mod verify: all modules verified/);
    expect(compiles(r.main.stdout, 'fmt')).toBe(1);
    expect(r.main.summary).toContain('skipped (tag v1.0.0)');
    expect(r.main.outputs['cache-hit']).toBe('false');
    expect(JSON.parse(r.main.outputs.artifacts)[0].cacheHit).toBe(false);
    expect(service.keys()).toHaveLength(keys);
  });

  it('throw away a module cache whose sources were changed, so the release builds what go.sum names', async () => {
    // Tamper with greetlib inside the saved module cache, keeping Go's own records of it, and write
    // the manifest again as a poisoning job could: only go.sum, through go mod verify, catches it.
    const ws = join(scratch.dir, 'tamper', 'workspace');
    mkdirSync(ws, { recursive: true });
    const entry = entryOf(service, '-gomod-');
    writeFileSync(join(ws, '..', 'in.tzst'), entry.data);
    execFileSync('tar', ['-xf', join(ws, '..', 'in.tzst'), '-P', '-C', ws, '--use-compress-program', 'unzstd']);
    const src = join(ws, '..', 'go', 'pkg', 'mod', 'example.com', 'greetlib@v1.0.0', 'greet.go');
    chmodSync(dirname(src), 0o755);
    chmodSync(src, 0o644);
    writeFileSync(src, readFileSync(src, 'utf8').replace('"hello, "', '"pwned, "'));
    await writeManifest(join(ws, '..', 'go', 'pkg', 'mod'));
    entry.data = packEntry(ws, ['../go/pkg/mod']);

    const r = await job('runner-tag', service, { targets: 'linux/amd64' }, { GITHUB_REF: 'refs/tags/v1.0.1', GITHUB_EVENT_NAME: 'push' });
    expect(r.main.code).toBe(0);
    expect(r.main.warnings.filter((w) => w.includes('modules'))).toEqual([
      expect.stringMatching(
        /^::warning::Cache for modules not used: go mod verify failed \(example\.com\/greetlib v1\.0\.0: dir has been modified \(\S+\)\)\. Downloading the modules again\.$/,
      ),
    ]);
    expect(run(r)).toBe('hello, cache\n');

    // The same entry on a branch build with cache-on-release unset is used as it is: that is what
    // cache-read-only for untrusted pull requests and the tag-build default guard against.
    const branch = await job('runner-tag', service, { targets: 'linux/amd64' });
    expect(run(branch)).toBe('pwned, cache\n');
  });

  it('restore build caches when cache-on-release is set, and still verify the modules', async () => {
    // The module entry is still the one tampered with above.
    const r = await job(
      'runner-tag',
      service,
      { targets: 'linux/amd64', 'cache-on-release': 'true' },
      { GITHUB_REF: 'refs/tags/v1.0.2', GITHUB_EVENT_NAME: 'push' },
    );
    expect(r.main.code).toBe(0);
    expect(r.main.stdout).not.toContain('build caches are neither restored nor saved');
    expect(r.main.stdout).toMatch(/linux\/amd64: (cache hit|restored )/);
    expect(r.main.warnings.filter((w) => w.includes('modules'))).toEqual([expect.stringContaining('go mod verify failed')]);
    expect(run(r)).toBe('hello, cache\n');
  });
});
