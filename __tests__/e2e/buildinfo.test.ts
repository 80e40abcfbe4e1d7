// The build-info check and the SBOMs through the bundled action: binaries whose build info says
// something else than the target fail with the field, the expected and the actual value; SBOMs
// list the real dependencies served by the test GOPROXY, validate against their schemas, come out
// byte-identical from two checkouts, and go through merge mode with their artifacts.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact } from '../../src/artifacts/manifest.js';
import { checkout, mirroredFixture, newRunner, offlineProxy, runAction, tryRun, type Runner } from '../support/fixtures.ts';
import { schemaErrors } from '../support/sbom-schemas.ts';

const { f, pinnedInputs } = await mirroredFixture();
// sbomapp's two modules from the GOPROXY: greetlib, and the fork that replaces shoutlib.
const proxyEnv = await offlineProxy(['example.com/greetlib', 'v1.0.0', 'greetlib'], ['example.com/shoutfork', 'v1.2.1', 'shoutfork']);

// Bare binaries (archive: none), to inspect them; the default archive is tested in crossbuild.test.ts.
function build(runner: Runner, inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runAction(runner, { inputs: pinnedInputs({ archive: 'none', ...inputs }), env: { ...proxyEnv, ...env } });
}

const artifactsOf = (res: { outputs: Record<string, string> }): Artifact[] => JSON.parse(res.outputs.artifacts ?? '[]');
const sumsCheck = (dir: string) => tryRun('sh', ['-c', 'cd "$1" && sha256sum -c SHA256SUMS', 'sh', dir]);

/** go.sum's h1 hash of each module version (not of its go.mod). */
function goSum(dir: string): Map<string, string> {
  const lines = readFileSync(join(dir, 'go.sum'), 'utf8').trim().split('\n');
  return new Map(
    lines
      .filter((l) => !l.includes('/go.mod '))
      .map((l) => l.split(' ') as [string, string, string])
      .map(([p, v, h]) => [`${p}@${v}`, h]),
  );
}

describe('SBOMs from the binaries of a module with real dependencies', () => {
  const one = newRunner();
  const two = newRunner();
  const dirOne = join(one.workspace, 'one');
  const dirTwo = join(two.workspace, 'elsewhere', 'two');
  // Outside the checkout: a second run must not find the first one's files as changes.
  const out = (r: Runner, name: string) => join(r.temp, name);
  let cdx: Awaited<ReturnType<typeof build>>;
  let spdx: Awaited<ReturnType<typeof build>>;

  beforeAll(async () => {
    checkout('sbomapp', dirOne);
    checkout('sbomapp', dirTwo);
    const cdxInputs = { targets: 'linux/amd64, windows/amd64', archive: 'auto', sbom: 'cyclonedx', 'working-directory': 'one' };
    cdx = await build(one, { ...cdxInputs, 'output-dir': out(one, 'cdx-1') });
    spdx = await build(one, {
      targets: 'linux/amd64, windows/amd64, linux/arm/7',
      sbom: 'spdx',
      'working-directory': 'one',
      'output-dir': out(one, 'spdx'),
    });
  }, 600_000);

  it('writes one SBOM per artifact, listed in artifacts.json and SHA256SUMS', () => {
    expect(cdx.errors).toEqual([]);
    expect(cdx.code).toBe(0);
    const arts = artifactsOf(cdx);
    expect(arts.map((a) => [a.name, a.sbom?.name, a.sbom?.format])).toEqual([
      ['sbomapp-linux-amd64.tar.gz', 'sbomapp-linux-amd64.tar.gz.cdx.json', 'cyclonedx'],
      ['sbomapp-windows-amd64.zip', 'sbomapp-windows-amd64.zip.cdx.json', 'cyclonedx'],
    ]);
    const dir = out(one, 'cdx-1');
    expect(JSON.parse(readFileSync(join(dir, 'artifacts.json'), 'utf8'))).toEqual(arts);
    const check = sumsCheck(dir);
    expect(check.status).toBe(0);
    expect(check.stdout.trim().split('\n').sort()).toEqual(
      [...arts.map((a) => a.name), ...arts.map((a) => a.sbom!.name)].map((n) => `${n}: OK`).sort(),
    );
    for (const a of arts) expect(readFileSync(join(dir, a.sbom!.name)).length).toBe(a.sbom!.size);
    expect(cdx.stdout).toMatch(/Wrote 2 artifacts, 2 cyclonedx SBOMs, SHA256SUMS and artifacts\.json to .* in [\d.]+ s/);
  });

  it('validates against the CycloneDX 1.6 and SPDX 2.3 schemas', () => {
    expect(spdx.errors).toEqual([]);
    for (const [res, format] of [
      [cdx, 'cyclonedx'],
      [spdx, 'spdx'],
    ] as const)
      for (const a of artifactsOf(res)) {
        const doc = JSON.parse(readFileSync(join(one.workspace, a.sbom!.path), 'utf8'));
        expect([a.sbom!.name, schemaErrors(format, doc)]).toEqual([a.sbom!.name, []]);
      }
  });

  it("lists the binary's modules with the versions and go.sum hashes the checkout pins, and the pinned Go", () => {
    const sums = goSum(dirOne);
    for (const a of artifactsOf(cdx)) {
      const bom = JSON.parse(readFileSync(join(one.workspace, a.sbom!.path), 'utf8'));
      expect(bom.metadata.component.hashes).toEqual([{ alg: 'SHA-256', content: a.sha256 }]);
      const byName = Object.fromEntries(bom.components.map((c: { name: string }) => [c.name, c]));
      expect(Object.keys(byName).sort()).toEqual(['example.com/greetlib', 'example.com/locallib', 'example.com/shoutfork', 'stdlib']);
      expect(byName.stdlib.version).toBe(f.newer.version);
      expect(byName['example.com/greetlib']).toMatchObject({
        version: 'v1.0.0',
        properties: [{ name: 'go-crossbuild:module:sum', value: sums.get('example.com/greetlib@v1.0.0') }],
      });
      expect(byName['example.com/shoutfork']).toMatchObject({
        version: 'v1.2.1',
        purl: 'pkg:golang/example.com/shoutfork@v1.2.1',
        properties: [{ name: 'go-crossbuild:module:sum', value: sums.get('example.com/shoutfork@v1.2.1') }],
        pedigree: { ancestors: [{ name: 'example.com/shoutlib', version: 'v1.2.0' }] },
      });
      expect(byName['example.com/locallib'].properties).toEqual([{ name: 'go-crossbuild:module:directory', value: './locallib' }]);
    }
    for (const a of artifactsOf(spdx)) {
      const doc = JSON.parse(readFileSync(join(one.workspace, a.sbom!.path), 'utf8'));
      expect(doc.packages[0].checksums).toEqual([{ algorithm: 'SHA256', checksumValue: a.sha256 }]);
      const greet = doc.packages.find((p: { name: string }) => p.name === 'example.com/greetlib');
      expect(greet.versionInfo).toBe('v1.0.0');
      expect(greet.comment).toContain(sums.get('example.com/greetlib@v1.0.0'));
      expect(doc.packages[0].annotations.map((x: { comment: string }) => x.comment)).toContain(`Go build setting: GOOS=${a.goos}`);
    }
  });

  it("checks every binary's build info before publishing, and says what it compared", () => {
    expect(spdx.stdout).toMatch(
      /Build info \(go version -m, [\d.]+ s\): compared Go version, GOOS, GOARCH, GOARM, -trimpath, CGO_ENABLED, vcs\.revision, vcs\.modified/,
    );
    expect(spdx.summary).toContain('ok, header and build info checked');
  });

  it('gives byte-identical artifacts and SBOMs from a second checkout elsewhere, in another time zone', async () => {
    const again = await build(
      two,
      {
        targets: 'linux/amd64, windows/amd64',
        archive: 'auto',
        sbom: 'cyclonedx',
        'working-directory': 'elsewhere/two',
        'output-dir': out(two, 'cdx-1'),
      },
      { TZ: 'America/New_York' },
    );
    expect(again.code).toBe(0);
    const sums = (r: Runner) => readFileSync(join(out(r, 'cdx-1'), 'SHA256SUMS'), 'utf8');
    expect(sums(two)).toBe(sums(one));
    expect(sums(one).split('\n').filter(Boolean)).toHaveLength(4);
  }, 600_000);

  describe('merge mode', () => {
    let arm: Awaited<ReturnType<typeof build>>;
    beforeAll(async () => {
      arm = await build(one, {
        targets: 'linux/arm/7',
        archive: 'auto',
        sbom: 'cyclonedx',
        'working-directory': 'one',
        'output-dir': out(one, 'cdx-2'),
      });
    }, 600_000);

    const shards = (m: Runner) => {
      cpSync(out(one, 'cdx-1'), join(m.workspace, 'dist', 'shard-1'), { recursive: true });
      cpSync(out(one, 'cdx-2'), join(m.workspace, 'dist', 'shard-2'), { recursive: true });
    };

    it('verifies and combines shards that carry SBOMs', async () => {
      expect(arm.code).toBe(0);
      const m = newRunner();
      shards(m);
      const res = await runAction(m, { inputs: { mode: 'merge', targets: 'linux/amd64, windows/amd64, linux/arm/7' } });
      expect(res.errors).toEqual([]);
      const merged = artifactsOf(res);
      expect(merged.map((a) => [a.target, a.sbom?.path])).toEqual([
        ['linux/amd64', 'dist/sbomapp-linux-amd64.tar.gz.cdx.json'],
        ['windows/amd64', 'dist/sbomapp-windows-amd64.zip.cdx.json'],
        ['linux/arm/7', 'dist/sbomapp-linux-arm-7.tar.gz.cdx.json'],
      ]);
      const check = sumsCheck(join(m.workspace, 'dist'));
      expect([check.status, check.stdout.trim().split('\n').length]).toEqual([0, 6]);
      expect(existsSync(join(m.workspace, 'dist', 'shard-1'))).toBe(false);
    });

    it('refuses a shard whose SBOM was altered after the build, and changes nothing', async () => {
      const m = newRunner();
      shards(m);
      const sbom = join(m.workspace, 'dist', 'shard-2', 'sbomapp-linux-arm-7.tar.gz.cdx.json');
      writeFileSync(sbom, readFileSync(sbom, 'utf8').replace('"v1.0.0"', '"v1.0.1"'));
      const res = await runAction(m, { inputs: { mode: 'merge' } });
      expect(res.code).toBe(1);
      expect(res.errors.join('\n')).toMatch(
        /shard-2\/sbomapp-linux-arm-7\.tar\.gz\.cdx\.json: SHA-256 on disk is [0-9a-f]{64}, the shard recorded [0-9a-f]{64} \(altered after the build\)/,
      );
      expect(existsSync(join(m.workspace, 'dist', 'shard-1', 'SHA256SUMS'))).toBe(true);
    });
  });
});

describe('the build-info check catches what the header cannot', () => {
  const runner = newRunner();
  let commit: string;
  beforeAll(() => {
    commit = checkout('hello', runner.workspace);
  });
  const dist = (name: string) => join(runner.temp, name);

  it('records nothing wrong on the happy path; a wasm binary, whose build info Go cannot read, is said to be unchecked and gets no SBOM', async () => {
    const res = await build(runner, { targets: 'linux/amd64, wasip1/wasm', sbom: 'spdx', 'output-dir': dist('happy') });
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);
    expect(res.summary).toContain('ok, header and build info checked');
    const unread = "go version -m cannot read a wasm binary's build info (unrecognized file format): not checked";
    expect(res.summary).toContain(`ok, header checked; ${unread}`);
    expect(res.warnings.filter((w) => w.includes('SBOM'))).toEqual([`::warning::No SBOM for hello-wasip1-wasm.wasm: ${unread}.`]);
    expect(artifactsOf(res).map((a) => a.sbom?.name)).toEqual(['hello-linux-amd64.spdx.json', undefined]);
    const doc = JSON.parse(readFileSync(join(dist('happy'), 'hello-linux-amd64.spdx.json'), 'utf8'));
    expect(doc.packages[0].annotations.map((a: { comment: string }) => a.comment)).toContain(`Go build setting: vcs.revision=${commit}`);
  }, 600_000);

  it("holds a target without a variant to the pinned toolchain's own default (Go 1.23 records GOARM=7,hardfloat)", async () => {
    const res = await build(runner, { targets: 'linux/arm, linux/arm/6', 'go-version': f.older.version, 'output-dir': dist('older') });
    expect(res.errors).toEqual([]);
    const goarm = (t: string) => {
      const a = artifactsOf(res).find((x) => x.target === t)!;
      return /build\tGOARM=(\S+)/.exec(
        tryRun(join(f.older.goroot(), 'bin', 'go'), ['version', '-m', join(runner.workspace, a.path)]).stdout,
      )?.[1];
    };
    expect([goarm('linux/arm'), goarm('linux/arm/6')]).toEqual(
      f.older.version.startsWith('1.23.') ? ['7,hardfloat', '6'] : [expect.stringMatching(/^7/), '6'],
    );
    expect(res.stdout).toMatch(/linux\/arm: ok[^]*?Build info \(go version -m, [\d.]+ s\): compared Go version, GOOS, GOARCH, GOARM,/);
  }, 600_000);

  it('fails a target whose variant a go env -w setting changed, naming the field, both values and the file', async () => {
    // An earlier step's `go env -w GOAMD64=v3` writes the GOENV file; the action scrubs GOAMD64 from
    // the environment, but Go reads that file for a target that names no variant.
    const config = join(runner.dir, '.config');
    mkdirSync(join(config, 'go'), { recursive: true });
    writeFileSync(join(config, 'go', 'env'), 'GOAMD64=v3\n');
    const res = await build(runner, { targets: 'linux/amd64, linux/amd64/v3', 'output-dir': dist('goenv') }, { XDG_CONFIG_HOME: config });
    rmSync(config, { recursive: true, force: true }); // HOME is the runner's directory: later builds would read it too
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/::group::\[\d\/2\] linux\/amd64\/v3: ok/);
    const why =
      "build info says GOAMD64=v3, expected v1 (the toolchain's default, as the target names no variant; " +
      `the GOENV file ${join(config, 'go', 'env')} sets GOAMD64=v3 (go env -w); name the variant in the target instead, or remove it there)`;
    expect(res.stdout).toContain(`linux/amd64: FAILED (${why})`);
    expect(res.errors.at(-1)).toContain(`title=Build failed::1 of 2 builds did not succeed: linux/amd64 (${why})`);
    expect(existsSync(dist('goenv'))).toBe(false);
  }, 600_000);

  it('refuses the env line that would do the same, before building: the action owns GOAMD64', async () => {
    const res = await build(runner, { targets: 'linux/amd64/v3', env: 'linux/amd64/v3: GOAMD64=v2', 'output-dir': dist('env') });
    expect(res.code).toBe(1);
    expect(res.errors).toEqual([expect.stringMatching(/title=Invalid input env::.*GOAMD64 is set by the action/)]);
  });

  it("keeps -trimpath under a job-level GOFLAGS=-trimpath=false: the action's own flag comes later and wins", async () => {
    const res = await build(runner, { targets: 'linux/amd64', 'output-dir': dist('goflags') }, { GOFLAGS: '-trimpath=false' });
    expect(res.errors).toEqual([]);
    expect(res.stdout).toMatch(/Build info \(go version -m, [\d.]+ s\): compared Go version, GOOS, GOARCH, GOAMD64, -trimpath,/);
    const info = tryRun(join(f.newer.goroot(), 'bin', 'go'), ['version', '-m', join(dist('goflags'), 'hello-linux-amd64')]).stdout;
    expect(info).toContain('build\t-trimpath=true');
    // Nor can build-flags take it back: -trimpath belongs to the reproducible input.
    const flags = await build(runner, { targets: 'linux/amd64', 'build-flags': '-trimpath=false', 'output-dir': dist('flags') });
    expect(flags.errors).toEqual([expect.stringMatching(/title=Invalid input build-flags::.*-trimpath=false is set by the action/)]);
  }, 600_000);

  it('builds from a checkout with changes on a branch with one warning listing them, and fails on a tag or with allow-dirty: false', async () => {
    writeFileSync(join(runner.workspace, 'notes.txt'), 'not committed\n');
    writeFileSync(join(runner.workspace, 'cover.out'), 'mode: set\n');
    // A branch push (the harness's default event): allow-dirty: auto builds, and says so once.
    const branch = await build(runner, { targets: 'linux/amd64, linux/arm64', 'output-dir': dist('branch') });
    expect(branch.errors).toEqual([]);
    expect(branch.code).toBe(0);
    const changes = (r: { warnings: string[] }) => r.warnings.filter((w) => w.includes('checkout with changes'));
    expect(changes(branch)).toEqual([
      '::warning::Built from a checkout with changes (allow-dirty: auto, and this is no tag or release build): ?? cover.out, ?? notes.txt. ' +
        'The binaries say vcs.modified=true; a tag or release build fails on this: commit them or list them in .gitignore.',
    ]);
    expect(branch.summary).toContain(
      'ok, header and build info checked; built from a checkout with changes (allow-dirty: auto, and this is no tag or release build)',
    );
    expect(artifactsOf(branch).map((a) => a.target)).toEqual(['linux/amd64', 'linux/arm64']);

    // The same checkout on a tag push: a release, so the clean tree is required, as before.
    const tag = await build(runner, { targets: 'linux/amd64', 'output-dir': dist('tag') }, { GITHUB_REF: 'refs/tags/v1.0.0' });
    expect(tag.code).toBe(1);
    expect(tag.errors.at(-1)).toContain(
      'linux/amd64 (build info says vcs.modified=true, expected false (allow-dirty: auto on a release build (tag v1.0.0); ' +
        'the checkout has changes: ?? cover.out, ?? notes.txt; commit them, list them in .gitignore, or set allow-dirty: true))',
    );
    expect(changes(tag)).toEqual([]);
    expect(existsSync(dist('tag'))).toBe(false);
    const release = await build(
      runner,
      { targets: 'linux/amd64', 'output-dir': dist('tag') },
      { GITHUB_EVENT_NAME: 'release', GITHUB_REF: 'refs/tags/v1.0.0' },
    );
    expect(release.errors.at(-1)).toContain('(allow-dirty: auto on a release build (release event); the checkout has changes:');

    // allow-dirty: false refuses the changes on a branch too; true allows them on a tag, without the warning.
    const refused = await build(runner, { targets: 'linux/amd64', 'output-dir': dist('refused'), 'allow-dirty': 'false' });
    expect(refused.code).toBe(1);
    expect(refused.errors.at(-1)).toContain(
      'linux/amd64 (build info says vcs.modified=true, expected false (allow-dirty: false; the checkout has changes:',
    );
    expect(existsSync(dist('refused'))).toBe(false);
    const allowed = await build(
      runner,
      { targets: 'linux/amd64', 'output-dir': dist('allowed'), 'allow-dirty': 'true' },
      { GITHUB_REF: 'refs/tags/v1.0.0' },
    );
    expect(allowed.code).toBe(0);
    expect(changes(allowed)).toEqual([]);
    expect(allowed.summary).toContain('ok, header and build info checked; built from a checkout with changes (allow-dirty: true)');
  }, 600_000);

  it('says there is no VCS stamp to check rather than inventing one', async () => {
    const res = await build(runner, {
      targets: 'linux/amd64',
      'build-flags': '-buildvcs=false',
      'output-dir': dist('novcs'),
      'allow-dirty': 'true',
    });
    expect(res.code).toBe(0);
    expect(res.summary).toContain(
      'ok, header and build info checked; no VCS stamp (built outside a git checkout, or with -buildvcs=false): revision and changes not checked',
    );
  }, 600_000);
});
