// Setup mode as the everyday test job uses it: the action, then `go test ./...`, then the post
// step, each job in a fresh runner recreated at the same path (as hosted runners are), against a
// local Actions cache service. Also when a job saves (the event), and matrix shards sharing a key.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startCacheService, type CacheService as Service } from '../support/cache-service.ts';
import { newRunner as newRunnerAt, runAction, runStep, type Result, type Runner } from '../support/runner.ts';
import { checkout, mirroredFixture, newRunner, offlineProxy } from '../support/fixtures.ts';

const { f, pinnedInputs: inputs } = await mirroredFixture();
const proxyEnv = await offlineProxy(['example.com/greetlib', 'v1.0.0', 'greetlib']);
const scratch = newRunner();

const at = () => join(scratch.dir, 'runner');

/** Writes the `tested` fixture's stamp for run `n`: a commit that changes one package. */
function stamp(workspace: string, n: number): void {
  writeFileSync(
    join(workspace, 'stamp', 'stamp.go'),
    `// Package stamp changes with every run.\npackage stamp\n\nimport "fmt"\n\n// Build is the run.\nconst Build = ${n}\n\n// Label names the build.\nfunc Label() string { return fmt.Sprintf("build %d", Build) }\n`,
  );
}

/** A test job: the action, `go test ./...` as the next step, then the post step. */
async function testJob(
  service: Service,
  run: number,
  env: Record<string, string> = {},
  extra: Record<string, string> = {},
  argv: string[] = ['go', 'test', './...'],
) {
  const runner = newRunnerAt(undefined, at());
  checkout('tested', runner.workspace);
  stamp(runner.workspace, run);
  const jobEnv = { ...proxyEnv, ...service.env(), ...env };
  const main = await runAction(runner, { inputs: inputs(extra), env: jobEnv });
  expect(main.code).toBe(0);
  const test = runStep(runner, main, argv, proxyEnv);
  expect(test.code).toBe(0);
  const post = await runAction(runner, { entry: 'dist/post.js', step: 'post', state: main.state, env: jobEnv });
  expect(post.code).toBe(0);
  return { runner, main, test, post };
}

/** The `ok` lines of `go test ./...`, by package: whether each came from the test cache. */
function results(output: string): Record<string, boolean> {
  return Object.fromEntries([...output.matchAll(/^ok\s+(\S+)\s+(.*)$/gm)].map((m) => [m[1], m[2].includes('(cached)')]));
}

/** Files under a directory, recursively. */
function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

/** The one saved module cache entry. */
function moduleEntry(service: Service) {
  const found = [...service.entries.values()].filter((e) => e.key.includes('-gomod-'));
  expect(found).toHaveLength(1);
  return found[0];
}

/** A saved entry unpacked under `dir`, changed by `change` (given GOMODCACHE), and packed again as @actions/cache packs. */
function repacked(data: Buffer, dir: string, change: (modcache: string) => void): Buffer {
  const ws = join(dir, 'workspace');
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(dir, 'in.tzst'), data);
  execFileSync('tar', ['-xf', join(dir, 'in.tzst'), '-P', '-C', ws, '--use-compress-program', 'unzstd']);
  change(join(dir, 'go', 'pkg', 'mod'));
  execFileSync('tar', ['--posix', '-cf', join(dir, 'out.tzst'), '-P', '-C', ws, '../go/pkg/mod', '--use-compress-program', 'zstdmt']);
  return readFileSync(join(dir, 'out.tzst'));
}

/** The size of the newest saved entry whose key starts with `prefix`. */
function newestBytes(service: Service, prefix: string): number {
  const newest = [...service.entries.values()].filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.created - a.created)[0];
  return newest?.data.length ?? 0;
}

const PREFIX = () => `go-crossbuild-v1-Linux-X64-go${f.newer.version}`;

describe('setup mode caches the GOCACHE that later steps use', () => {
  let service: Service;
  let first: Awaited<ReturnType<typeof testJob>>;
  let second: Awaited<ReturnType<typeof testJob>>;
  beforeAll(async () => {
    service = await startCacheService();
    first = await testJob(service, 0);
    second = await testJob(service, 0);
  }, 300_000);
  afterAll(() => service.close());

  it('exports a GOCACHE under RUNNER_TEMP, and saves it and the module cache after a cold go test', () => {
    expect(first.main.env.GOCACHE).toBe(join(first.runner.temp, 'go-crossbuild', 'gocache', 'host'));
    expect(first.main.outputs['cache-hit']).toBe('false');
    expect(results(first.test.output)).toEqual({ 'example.com/tested/greet': false, 'example.com/tested/stamp': false });
    const keys = service.keys();
    expect(keys.filter((k) => k.startsWith(`${PREFIX()}-gomod-`))).toHaveLength(1);
    expect(keys.filter((k) => new RegExp(`^${PREFIX()}-gocache-host-[0-9a-f]{16}-[0-9a-f]{16}$`).test(k))).toHaveLength(1);
    expect(first.post.stdout).toMatch(/GOCACHE: saved [\d.]+ [KM]iB as /);
  });

  it('makes the next job on the same commit warm: cache-hit, every test result cached, nothing saved', () => {
    expect(second.main.outputs['cache-hit']).toBe('true');
    // The module tree matched the manifest saved with it.
    expect(second.main.warnings.filter((w) => /cache|module/i.test(w))).toEqual([]);
    expect(second.main.stdout).toMatch(/modules: cache hit \(\S+-gomod-m1-[0-9a-f]{16}\): \d+ files from a/);
    expect(results(second.test.output)).toEqual({ 'example.com/tested/greet': true, 'example.com/tested/stamp': true });
    expect(second.post.stdout).toContain('Every cache matched its key: nothing to save.');
  });

  it('leaves a GOCACHE the job sets itself alone, and caches only modules', async () => {
    const runner = newRunnerAt(undefined, join(scratch.dir, 'own-gocache'));
    checkout('tested', runner.workspace);
    const own = join(runner.dir, 'my-gocache');
    const main = await runAction(runner, { inputs: inputs(), env: { ...proxyEnv, ...service.env(), GOCACHE: own } });
    expect(main.code).toBe(0);
    expect(main.stdout).toContain(`GOCACHE is set by the job (${own}): the build cache is left to it, only modules are cached.`);
    expect(main.env.GOCACHE).toBeUndefined();
    expect(JSON.parse(main.state['go-crossbuild-caches']).caches.map((c: { name: string }) => c.name)).toEqual(['modules']);
  });
});

describe('matrix legs with their own cache-key', () => {
  let service: Service;
  const legs = { test: ['go', 'test', './...'], vet: ['go', 'vet', './...'] };
  type Leg = keyof typeof legs;
  const first = {} as Record<Leg, Awaited<ReturnType<typeof testJob>>>;
  const second = {} as Record<Leg, Awaited<ReturnType<typeof testJob>>>;
  beforeAll(async () => {
    service = await startCacheService();
    for (const leg of ['test', 'vet'] as const) first[leg] = await testJob(service, 0, {}, { 'cache-key': leg }, legs[leg]);
    for (const leg of ['vet', 'test'] as const) second[leg] = await testJob(service, 0, {}, { 'cache-key': leg }, legs[leg]);
  }, 600_000);
  afterAll(() => service.close());

  const gocache = (job: Awaited<ReturnType<typeof testJob>>) =>
    (JSON.parse(job.main.state['go-crossbuild-caches']).caches as { name: string; key: string; matchedKey?: string }[]).find(
      (c) => c.name === 'GOCACHE',
    )!;

  it('keep one build-cache entry per leg, each saved by its own post step, and share the module cache', () => {
    const keys = service.keys();
    for (const leg of ['test', 'vet']) {
      const own = keys.filter((k) => new RegExp(`^${PREFIX()}-key-${leg}-gocache-host-[0-9a-f]{16}-[0-9a-f]{16}$`).test(k));
      expect(own).toHaveLength(1);
      expect(first[leg as Leg].post.stdout).toContain(`GOCACHE: saved`);
      expect(first[leg as Leg].post.stdout).toContain(own[0]);
    }
    expect(keys.filter((k) => k.includes('-gocache-'))).toHaveLength(2);
    expect(keys.filter((k) => k.startsWith(`${PREFIX()}-gomod-`))).toHaveLength(1);
    // The second leg did not take the first one's build cache, not even through a restore key.
    expect(gocache(first.vet).matchedKey).toBeUndefined();
  });

  it('restore each leg its own entry in the next run', () => {
    for (const leg of ['test', 'vet'] as const) {
      const c = gocache(second[leg]);
      expect(c.key).toContain(`-key-${leg}-gocache-host-`);
      expect(c.matchedKey).toBe(c.key);
      expect(second[leg].main.outputs['cache-hit']).toBe('true');
      expect(second[leg].post.stdout).toContain('Every cache matched its key: nothing to save.');
    }
    expect(results(second.test.test.output)).toEqual({ 'example.com/tested/greet': true, 'example.com/tested/stamp': true });
  });
});

describe('a module cache cut short or altered under its own key', () => {
  let service: Service;
  let saved: Buffer;
  beforeAll(async () => {
    service = await startCacheService();
    await testJob(service, 0);
    saved = moduleEntry(service).data;
  }, 300_000);
  afterEach(() => (moduleEntry(service).data = saved));
  afterAll(() => service.close());

  const greet = (modcache: string) => join(modcache, 'example.com', 'greetlib@v1.0.0', 'greet.go');

  it.each<[string, (modcache: string) => void, string]>([
    ['a file missing', (m) => rmSync(greet(m)), 'such as example.com/greetlib@v1.0.0/greet.go)'],
    [
      'a file altered',
      (m) => {
        chmodSync(greet(m), 0o644);
        writeFileSync(greet(m), readFileSync(greet(m), 'utf8').replace('"hello, "', '"pwned, "'));
      },
      '(example.com/greetlib@v1.0.0/greet.go differs from its manifest)',
    ],
  ])('with %s: one warning, the tree dropped, and go test downloads the modules again and passes', async (name, change, why) => {
    const entry = moduleEntry(service);
    entry.data = repacked(saved, join(scratch.dir, name.replace(/ /g, '-')), (modcache) => {
      chmodSync(dirname(greet(modcache)), 0o755);
      change(modcache);
    });
    // testJob asserts that the action, `go test ./...` (TestLoud wants "HELLO, CI") and the post step pass.
    const job = await testJob(service, 0);
    const warnings = job.main.warnings.filter((w) => !w.includes('go-sha256 pins'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`::warning::Cache for modules not used: ${entry.key} is incomplete or altered (`);
    expect(warnings[0]).toContain(`${why}. Downloading the modules again.`);
    expect(results(job.test.output)['example.com/tested/greet']).toBe(true); // the GOCACHE still held its result
    expect(readFileSync(greet(join(job.runner.dir, 'go', 'pkg', 'mod')), 'utf8')).toContain('"hello, "');
    expect(job.post.stdout).toContain(`modules: not saved as ${entry.key} (0 unused entries pruned): the entry under this key was dropped`);
  });
});

describe('a cache that does not grow across runs', () => {
  let service: Service;
  const sizes: number[] = [];
  const entries: number[] = [];
  const pruned: number[] = [];
  const uploads: number[] = [];
  const cached: Record<string, boolean>[] = [];
  beforeAll(async () => {
    service = await startCacheService();
    // Ten commits, each changing one package: every run restores the previous run's cache.
    for (let run = 1; run <= 10; run++) {
      const job = await testJob(service, run);
      sizes.push(newestBytes(service, `${PREFIX()}-gocache-host-`));
      entries.push(countFiles(job.main.env.GOCACHE));
      pruned.push(Number(/GOCACHE: (?:saved|not saved as) .* \((\d+) unused entries pruned\)/.exec(job.post.stdout)?.[1] ?? NaN));
      uploads.push(service.creates.filter((k) => k.includes('-gocache-host-')).length);
      cached.push(results(job.test.output));
    }
  }, 900_000);
  afterAll(() => service.close());

  it('reuses what did not change and rebuilds what did, run after run', () => {
    expect(cached[0]).toEqual({ 'example.com/tested/greet': false, 'example.com/tested/stamp': false });
    for (const c of cached.slice(1)) expect(c).toEqual({ 'example.com/tested/greet': true, 'example.com/tested/stamp': false });
  });

  it('does not grow: what a run did not use is pruned before it is saved', () => {
    console.log(
      `GOCACHE over 10 runs: files ${entries.join(', ')}; pruned ${pruned.join(', ')}; newest entry bytes ${sizes.join(', ')}; uploads so far ${uploads.join(', ')}`,
    );
    expect(pruned[0]).toBe(0);
    // Each later run replaces the changed package's entries: the old ones are pruned, never kept.
    for (const n of pruned.slice(1)) expect(n).toBeGreaterThan(0);
    // Without pruning each run would add its ~20 new entries: 10 runs would end ~180 above the start.
    expect(Math.max(...entries.slice(3))).toBeLessThanOrEqual(Math.max(...entries.slice(0, 3)));
    expect(Math.max(...sizes.slice(3))).toBeLessThanOrEqual(Math.max(...sizes.slice(0, 3)) * 1.01);
  });

  it('uploads the GOCACHE again only when a run changed a tenth of it: one commit changing one package does not', () => {
    // Measured: the first run's entry covers all ten (each later run adds a few KiB, leaves 111 unused).
    expect(uploads).toEqual(Array(10).fill(1));
  });
});

describe('whether a job saves: the event, unless cache-read-only says', () => {
  let service: Service;
  beforeEach(async () => {
    service = await startCacheService();
  });
  afterEach(() => service.close());

  it('restores but saves nothing on a pull request', async () => {
    const job = await testJob(service, 0, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' });
    expect(job.main.stdout).toContain('Caches are restored, not saved: a pull_request event restores caches but saves none.');
    expect(job.post.stdout).toContain('Caches were restored but are not saved: a pull_request event restores caches but saves none.');
    expect(service.creates).toEqual([]);
  }, 300_000);

  it('restores but saves nothing on a push to another branch than the default one', async () => {
    const job = await testJob(service, 0, { GITHUB_REF: 'refs/heads/feature' });
    expect(job.post.stdout).toContain('feature is not the default branch (main): caches are restored, not saved');
    expect(service.creates).toEqual([]);
  }, 300_000);

  it('saves on a pull request with cache-read-only: false', async () => {
    await testJob(service, 0, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' }, { 'cache-read-only': 'false' });
    expect(service.creates).toHaveLength(2);
  }, 300_000);
});

describe('a self-hosted runner', () => {
  let service: Service;
  beforeAll(async () => (service = await startCacheService()));
  afterAll(() => service.close());

  it("caches through RUNNER_TEMP until the runner keeps a build cache of Go's own, then leaves that one alone", async () => {
    const runner = newRunnerAt(undefined, join(scratch.dir, 'self-hosted'));
    checkout('tested', runner.workspace);
    // Go's own cache lives in the runner's home, which a self-hosted runner keeps between jobs.
    const xdg = { XDG_CACHE_HOME: join(runner.dir, 'xdg') };
    const own = join(xdg.XDG_CACHE_HOME, 'go-build');
    const env = { ...proxyEnv, ...service.env(), ...xdg, RUNNER_ENVIRONMENT: 'self-hosted' };

    // The runner's first job: nothing of its own yet, so the Actions cache keeps GOCACHE warm.
    const first = await runAction(runner, { inputs: inputs(), env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`This self-hosted runner has no build cache of Go's own yet (${own} is empty)`);
    expect(first.env.GOCACHE).toBe(join(runner.temp, 'go-crossbuild', 'gocache', 'host'));
    // A later step that runs go without the exported GOCACHE fills Go's own cache.
    const filled = runStep(runner, { ...first, env: {} }, ['go', 'test', './...'], { ...proxyEnv, ...xdg });
    expect(results(filled.output)).toEqual({ 'example.com/tested/greet': false, 'example.com/tested/stamp': false });

    // The next job finds it: no export, no restore, no save, and go test is warm from it.
    const next = await runAction(runner, { inputs: inputs(), env });
    expect(next.code).toBe(0);
    expect(next.stdout).toContain(
      `This self-hosted runner kept Go's own build cache (${own}) from earlier jobs: it is used as it is, not exported, restored or saved; only modules are cached.`,
    );
    expect(next.env.GOCACHE).toBeUndefined();
    expect(JSON.parse(next.state['go-crossbuild-caches']).caches.map((c: { name: string }) => c.name)).toEqual(['modules']);
    const warm = runStep(runner, next, ['go', 'test', './...'], { ...proxyEnv, ...xdg });
    expect(results(warm.output)).toEqual({ 'example.com/tested/greet': true, 'example.com/tested/stamp': true });
    const post = await runAction(runner, { entry: 'dist/post.js', step: 'post', state: next.state, env });
    expect(post.code).toBe(0);
    expect(post.stdout).not.toContain('GOCACHE');
    expect(service.creates.filter((k) => k.includes('-gocache-'))).toEqual([]);
  }, 300_000);
});

describe('matrix shards on the same dependencies', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startCacheService();
  });
  afterAll(() => service.close());

  /** Moves a runner directory aside (or back): two shards' jobs share the hosted runner's one path. */
  function swap(from: string, to: string): void {
    rmSync(to, { recursive: true, force: true });
    renameSync(from, to);
  }

  it('upload the module cache once: the shard that finishes second finds the key and skips it', async () => {
    const shard = async (target: string, aside: string): Promise<{ main: Result; runner: Runner }> => {
      const runner = newRunnerAt(undefined, at());
      checkout('withdep', runner.workspace);
      const main = await runAction(runner, { inputs: inputs({ targets: target }), env: { ...proxyEnv, ...service.env() } });
      expect(main.code).toBe(0);
      swap(at(), aside);
      return { main, runner };
    };
    // Both shards restore (a miss) before either saves, as parallel matrix jobs do.
    const a = await shard('linux/amd64', join(scratch.dir, 'shard-a'));
    const b = await shard('linux/arm64', join(scratch.dir, 'shard-b'));
    const post = async (s: { main: Result; runner: Runner }, aside: string) => {
      swap(aside, at());
      const r = await runAction(s.runner, { entry: 'dist/post.js', step: 'post', state: s.main.state, env: service.env() });
      expect(r.code).toBe(0);
      return r;
    };
    await post(a, join(scratch.dir, 'shard-a'));
    const second = await post(b, join(scratch.dir, 'shard-b'));
    const moduleKey = service.keys().find((k) => k.includes('-gomod-'));
    expect(moduleKey).toBeDefined();
    expect(service.creates.filter((k) => k === moduleKey)).toHaveLength(1);
    expect(second.stdout).toContain(`modules: not saved as ${moduleKey} (0 unused entries pruned): another job saved this key meanwhile.`);
    // Each shard still saved its own target's build cache.
    expect(service.creates.filter((k) => k.includes('-gocache-linux-'))).toHaveLength(2);
  }, 300_000);
});
