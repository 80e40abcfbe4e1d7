// The bundled action on a Windows runner, run under Wine: Windows node.exe runs dist/index.js and
// dist/post.js, the runner's directories are on C:, a D: drive is there or not, and the toolchain is
// a real Windows Go distribution (go1.X.Y.windows-amd64.zip, built from Go's source by
// scripts/windows-test-data.sh) served by the local mirror, with the local cache service.
import { jest } from '@jest/globals';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact } from '../../src/artifacts/manifest.js';
import { startCacheService, type CacheService } from '../support/cache-service.ts';
import { tryRun } from '../support/fixtures.ts';
import { startMirror, type Mirror } from '../support/mirror.ts';
import {
  newWinRunner,
  nextJob,
  runWinAction,
  runWinJob,
  runWinStep,
  installTarStandIn,
  setDriveD,
  winCheckout,
  windowsGoArchive,
  wineMissing,
  winePrefix,
  type Prefix,
  type WinRunner,
} from '../support/wine.ts';

if (wineMissing) console.log(wineMissing);
const maybe = wineMissing ? describe.skip : describe;

// Go under Wine is slow: a cold cross-build of three targets takes ~2 min on 2 cores.
jest.setTimeout(600_000);

let prefix: Prefix;
let mirror: Mirror;
let go: Awaited<ReturnType<typeof windowsGoArchive>>;

/** The Windows Go is Go's source built here, not Go's bytes: pinned by go-sha256, as a private mirror's build is. */
const pinned = (m: Mirror = mirror) => ({
  'go-version': go.version,
  'go-sha256': `${go.sha256}  ${go.fileName}`,
  'go-download-base-url': m.url,
});

/** Relative paths of everything under a directory. */
const tree = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []);

maybe('on a Windows runner (Wine)', () => {
  beforeAll(async () => {
    prefix = winePrefix();
    installTarStandIn(prefix);
    go = await windowsGoArchive();
    mirror = await startMirror([
      {
        version: go.goName,
        stable: true,
        files: [{ filename: go.fileName, os: 'windows', arch: 'amd64', kind: 'archive', sha256: go.sha256, path: go.path }],
      },
    ]);
  }, 600_000);
  afterAll(async () => mirror?.close());

  describe('setup, as the everyday test job uses it', () => {
    let service: CacheService;
    let r: WinRunner;
    beforeAll(async () => {
      service = await startCacheService();
      setDriveD(prefix, false);
      r = newWinRunner(prefix, 'setup');
    });
    afterAll(async () => service?.close());

    /** The action, `go test ./greet` as the next step, then the post step. */
    async function testJob() {
      winCheckout(r, 'wingen');
      const main = await runWinAction(r, { inputs: pinned(), env: service.env() });
      expect(main.errors).toEqual([]);
      expect(main.code).toBe(0);
      const test = await runWinStep(r, main, ['go.exe', 'test', './greet']);
      const post = await runWinAction(r, { entry: 'dist/post.js', step: 'post', state: main.state, env: service.env() });
      expect(post.code).toBe(0);
      return { main, post, test };
    }

    it('installs the verified zip as setup-go lays it out, the job runs that go.exe, and the post step saves its GOCACHE', async () => {
      const { main, post, test } = await testJob();
      const slot = `${r.win.toolCache}\\go\\${go.version}\\x64`;
      expect(main.outputs).toMatchObject({ 'go-version': go.version, 'go-root': slot, 'go-sha256': go.sha256, 'cache-hit': 'false' });
      expect(main.env).toMatchObject({ GOTOOLCHAIN: 'local', GOCACHE: `${r.win.temp}\\go-crossbuild\\gocache\\host` });
      expect(main.path).toContain(`${slot}\\bin`);
      // No D: here: the tree is in the slot itself, with setup-go's marker and our record beside it.
      expect(readdirSync(join(r.toolCache, 'go', go.version)).sort()).toEqual(['x64', 'x64.complete', 'x64.go-crossbuild.json']);
      expect(JSON.parse(readFileSync(join(r.toolCache, 'go', go.version, 'x64.go-crossbuild.json'), 'utf8'))).toMatchObject({
        sha256: go.sha256,
        file: go.fileName,
      });
      expect(main.stdout).toMatch(/Verified SHA-256 [0-9a-f]{64} of go[\d.]+\.windows-amd64\.zip \(\d+\.\d MiB in [\d.]+ s\)/);

      const v = await runWinStep(r, main, ['go.exe', 'version']);
      expect(v.stdout.trim()).toBe(`go version ${go.goName} windows/amd64`);
      expect(test.stdout).toMatch(/^ok\s+example\.com\/wingen\/greet\s/m);
      expect(test.stdout).not.toContain('(cached)');
      // The key names the Windows runner; the entry holds C: paths under RUNNER_TEMP.
      expect(post.stdout).toMatch(/GOCACHE: saved [\d.]+ [KM]iB as go-crossbuild-v1-Windows-X64-/);
      expect(service.keys().some((k) => k.startsWith(`go-crossbuild-v1-Windows-X64-go${go.version}`))).toBe(true);
    });

    it('a later job on the same paths restores it: cache-hit, and the tests come from the test cache', async () => {
      nextJob(r);
      const { main, test } = await testJob();
      expect(main.outputs['cache-hit']).toBe('true');
      expect(test.stdout).toMatch(/^ok\s+example\.com\/wingen\/greet\s+\(cached\)/m);
    });
  });

  it('with a D: drive that cannot take a junction (Wine has none), says so and installs on C:, leaving D: as it was', async () => {
    const d = setDriveD(prefix, true);
    const r = newWinRunner(prefix, 'drive-d');
    const res = await runWinAction(r, { inputs: { ...pinned(), cache: 'false' } });
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(
      `D:\\ is there, but a junction from ${r.win.toolCache} to D:${r.win.toolCache.slice(2)} could not be made (`,
    );
    expect(res.stdout).toContain(`: installing in ${r.win.toolCache}`);
    expect(tree(d)).toEqual([]);
    expect(existsSync(join(r.toolCache, 'go', go.version, 'x64', 'bin', 'go.exe'))).toBe(true);
    setDriveD(prefix, false);
  });

  describe('refusals leave nothing behind', () => {
    it('a tampered archive: SHA-256 mismatch, and no tool-cache entry', async () => {
      const m = await startMirror(
        [{ version: go.goName, stable: true, files: [{ filename: go.fileName, sha256: go.sha256, path: go.path }] }],
        { flipByteOf: go.fileName },
      );
      try {
        const r = newWinRunner(prefix, 'tampered');
        const res = await runWinAction(r, { inputs: { ...pinned(m), cache: 'false' } });
        expect(res.code).toBe(1);
        expect(res.errors).toEqual([expect.stringMatching(/title=SHA-256 mismatch::.*has SHA-256 [0-9a-f]{64}, expected [0-9a-f]{64}/)]);
        expect(tree(r.toolCache)).toEqual([]);
        expect(res.env).toEqual({});
      } finally {
        await m.close();
      }
    });

    it("a lying mirror: its index vouches for its own build of Go, the shipped table has Go's hash, so it is refused", async () => {
      const r = newWinRunner(prefix, 'lying');
      // No go-sha256: the expected hash is the official one from the table, not the mirror's.
      const res = await runWinAction(r, { inputs: { 'go-version': go.version, 'go-download-base-url': mirror.url, cache: 'false' } });
      expect(res.code).toBe(1);
      expect(res.errors).toEqual([expect.stringContaining('title=SHA-256 mismatch::')]);
      expect(res.errors[0]).toContain(`has SHA-256 ${go.sha256}, expected `);
      expect(tree(r.toolCache)).toEqual([]);
    });
  });

  describe('build: three targets from Windows, per-target generate, caches; then plan and merge', () => {
    let service: CacheService;
    let r: WinRunner;
    const TARGETS = ['linux/amd64', 'linux/arm64', 'windows/amd64'];
    const build = (env: Record<string, string> = {}) =>
      runWinJob(r, {
        inputs: { ...pinned(), mode: 'build', targets: TARGETS.join(', '), generate: 'per-target', archive: 'auto' },
        // No git checkout (Wine has no git.exe): the stamp's date comes from here, the same in both jobs.
        env: { ...service.env(), SOURCE_DATE_EPOCH: '1700000000', ...env },
      });
    let first: Awaited<ReturnType<typeof build>>;
    beforeAll(async () => {
      service = await startCacheService();
      setDriveD(prefix, false);
      r = newWinRunner(prefix, 'build');
      winCheckout(r, 'wingen');
      first = await build();
    }, 600_000);
    afterAll(async () => service?.close());

    it('names, archives and checksums the artifacts as on Linux (.exe inside a zip for windows)', () => {
      expect(first.main.errors).toEqual([]);
      expect(first.main.code).toBe(0);
      const artifacts: Artifact[] = JSON.parse(first.main.outputs.artifacts ?? '[]');
      expect(artifacts.map((a) => [a.target, a.path, a.archive])).toEqual([
        ['linux/amd64', 'dist/wingen-linux-amd64.tar.gz', 'tar.gz'],
        ['linux/arm64', 'dist/wingen-linux-arm64.tar.gz', 'tar.gz'],
        ['windows/amd64', 'dist/wingen-windows-amd64.zip', 'zip'],
      ]);
      const dist = join(r.workspace, 'dist');
      expect(first.main.outputs['checksums-file']).toBe(`${r.win.workspace}\\dist\\SHA256SUMS`);
      const check = tryRun('sh', ['-c', 'cd "$1" && sha256sum -c SHA256SUMS', 'sh', dist]);
      expect([check.status, check.stdout.trim().split('\n').length]).toEqual([0, 3]);
      expect(tryRun('unzip', ['-Z1', join(dist, 'wingen-windows-amd64.zip')]).stdout.trim()).toBe('wingen.exe');
      expect(first.main.stdout).toMatch(/Generators: 2 host builds \(go run \.\/gen, go build \.\/stamp\), 4 reused\./);
    });

    it('ran every generator on the Windows host while each binary got its own target’s code; the binaries run', async () => {
      const out = join(r.dir, 'out');
      const dist = join(r.workspace, 'dist');
      for (const t of TARGETS) {
        const name = `wingen-${t.replace('/', '-')}`;
        const file = t.startsWith('windows') ? `${name}.zip` : `${name}.tar.gz`;
        const dir = join(out, name);
        const x = t.startsWith('windows')
          ? tryRun('unzip', ['-q', '-o', join(dist, file), '-d', dir])
          : tryRun('sh', ['-c', 'mkdir -p "$2" && tar -xzf "$1" -C "$2"', 'sh', join(dist, file), dir]);
        expect(x.status).toBe(0);
      }
      const want = (t: string) => `generated for ${t} on windows/amd64; stamp.exe ran on windows/amd64`;
      expect(tryRun(join(out, 'wingen-linux-amd64', 'wingen'), []).stdout.trim()).toBe(want('linux/amd64'));
      expect(tryRun('qemu-aarch64-static', [join(out, 'wingen-linux-arm64', 'wingen')]).stdout.trim()).toBe(want('linux/arm64'));
      const win = await runWinStep(r, first.main, [join(out, 'wingen-windows-amd64', 'wingen.exe')], {}, 'wingen');
      expect(win.stdout.trim()).toBe(want('windows/amd64'));
    });

    it('the post step saves one GOCACHE per target, and a later Windows job restores every one', async () => {
      expect(first.post?.code).toBe(0);
      const keys = service.keys();
      for (const t of TARGETS) expect(keys.some((k) => k.includes(t.replace('/', '-')) && k.includes('Windows-X64'))).toBe(true);
      const before = first.main.outputs.artifacts;
      nextJob(r);
      winCheckout(r, 'wingen');
      const again = await build();
      expect(again.main.code).toBe(0);
      expect(again.main.outputs['cache-hit']).toBe('true');
      // Reproducible: the same bytes from the restored caches.
      expect(JSON.parse(again.main.outputs.artifacts).map((a: Artifact) => a.sha256)).toEqual(
        JSON.parse(before).map((a: Artifact) => a.sha256),
      );
    });

    it('plan pins the toolchain for a Windows matrix; merge verifies and flattens the shard on Windows', async () => {
      const planner = newWinRunner(prefix, 'plan');
      winCheckout(planner, 'wingen');
      const plan = await runWinAction(planner, { inputs: { ...pinned(), mode: 'plan', targets: TARGETS.join(', '), shards: '1' } });
      expect(plan.errors).toEqual([]);
      expect(plan.code).toBe(0);
      expect(JSON.parse(plan.outputs.toolchain)).toEqual({ version: go.version, sha256: `${go.sha256}  ${go.fileName}` });
      expect(JSON.parse(plan.outputs.matrix)).toEqual({ include: [{ shard: 1, targets: TARGETS.join(',') }] });
      expect(tree(planner.toolCache)).toEqual([]);

      const merger = newWinRunner(prefix, 'merge');
      cpSync(join(r.workspace, 'dist'), join(merger.workspace, 'dist', 'wingen-shard-1'), { recursive: true });
      const merged = await runWinAction(merger, { inputs: { mode: 'merge', targets: plan.outputs.targets, archive: 'auto' } });
      expect(merged.errors).toEqual([]);
      expect(merged.code).toBe(0);
      expect(readdirSync(join(merger.workspace, 'dist')).sort()).toEqual(
        ['SHA256SUMS', 'artifacts.json', 'wingen-linux-amd64.tar.gz', 'wingen-linux-arm64.tar.gz', 'wingen-windows-amd64.zip'].sort(),
      );
      expect(merged.summary).toContain(`Merged: 3 artifacts from 1 shard built with Go ${go.version}`);
    });
  });
});
