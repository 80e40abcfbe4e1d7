// A goreleaser release moved to the action, every issue-25 piece at once through the bundled action,
// on a tag build (refs/tags/v1.2.3): two main packages (cmd/server, cmd/client) in one archive per
// target with archive-files, darwin/universal, Windows binaries signed with osslsigncode through a
// per-OS wrapper script (the docs' recipe), the checksum file signed with minisign, goreleaser's
// names for the archives and the checksum file, SPDX SBOMs. Once in one job, and once as plan →
// two shards (the darwin slices apart) → merge, which must give the same release.
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Artifact } from '../../src/artifacts/manifest.js';
import { checkout, mirroredFixture, newRunner, runAction, tryRun, type Result, type Runner } from '../support/fixtures.ts';
import { makeKeys, minisign, osslsign } from '../support/signing.ts';
import { schemaErrors } from '../support/sbom-schemas.ts';

const { pinnedInputs } = await mirroredFixture();

const tools = ['osslsigncode', 'minisign', 'openssl', 'unzip', 'llvm-lipo-14'].filter(
  (t) => tryRun('sh', ['-c', `command -v ${t}`]).status !== 0,
);
const maybe = tools.length ? describe.skip : describe;
if (tools.length) console.warn(`goreleaser-release.test.ts skipped: ${tools.join(', ')} not installed (scripts/install-test-deps.sh)`);

const TAG = { GITHUB_REF: 'refs/tags/v1.2.3' };
const TARGETS = 'linux/amd64, windows/amd64, darwin/amd64, darwin/arm64, darwin/universal';
const SUMS = 'relay_1.2.3_checksums.txt';
const NAMES = [
  'relay_1.2.3_linux_amd64.tar.gz',
  'relay_1.2.3_windows_amd64.zip',
  'relay_1.2.3_darwin_amd64.tar.gz',
  'relay_1.2.3_darwin_arm64.tar.gz',
  'relay_1.2.3_darwin_all.tar.gz',
];
const artifactsOf = (r: Result): Artifact[] => JSON.parse(r.outputs.artifacts ?? '[]');

/**
 * The release's inputs. `sign` runs a wrapper script outside the checkout (a script inside would
 * make the tag build dirty) that signs windows binaries and leaves the others, as docs/cross-build.md
 * shows.
 */
function releaseInputs(dir: string, keys: ReturnType<typeof makeKeys>, targets = TARGETS) {
  const script = join(dir, 'sign.sh');
  const quote = (a: string) => (a === '{path}' ? '"$2"' : a === '{signed}' ? '"$3"' : `'${a}'`);
  const ossl = osslsign(keys).split('\n').map(quote).join(' ');
  writeFileSync(script, `#!/bin/sh\nset -e\n[ "$1" = windows ] || exit 0\nexec ${ossl}\n`);
  return pinnedInputs({
    targets,
    package: './cmd/server, ./cmd/client',
    'artifact-name': 'goreleaser',
    'checksum-name': '{name}_{version}_checksums.txt',
    'archive-files': 'LICENSE\nREADME.md',
    sbom: 'spdx',
    sign: ['sh', script, '{goos}', '{path}', '{signed}'].join('\n'),
    'sign-checksums': minisign(keys),
    cache: 'false',
  });
}

/** An archive's entries, extracted into a new directory. */
function extract(archive: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gcb-release-'));
  const r = archive.endsWith('.zip') ? tryRun('unzip', ['-q', archive, '-d', dir]) : tryRun('tar', ['-xzf', archive, '-C', dir]);
  expect(r.status).toBe(0);
  return dir;
}

const list = (dir: string) => readdirSync(dir).sort();

maybe('a goreleaser release in one job', () => {
  const runner = newRunner();
  let keys: ReturnType<typeof makeKeys>;
  let res: Result;
  let artifacts: Artifact[];
  const dist = () => join(runner.workspace, 'dist');

  beforeAll(async () => {
    checkout('relay', runner.workspace);
    keys = makeKeys(join(runner.dir, 'keys'));
    res = await runAction(runner, { inputs: releaseInputs(runner.dir, keys), env: TAG });
    artifacts = artifactsOf(res);
  }, 900_000);

  it("publishes goreleaser's names: one archive per target, the universal one as darwin_all, and the checksum file with its signature", () => {
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);
    expect(artifacts.map((a) => a.name)).toEqual(NAMES);
    expect(list(dist())).toEqual([...NAMES, ...NAMES.map((n) => `${n}.spdx.json`), SUMS, `${SUMS}.sig`, 'artifacts.json'].sort());
    expect(res.outputs['checksums-file']).toBe(join(dist(), SUMS));
    expect(artifacts.map((a) => [a.target, a.binaries, a.checksums])).toEqual(
      ['linux/amd64', 'windows/amd64', 'darwin/amd64', 'darwin/arm64', 'darwin/universal'].map((t) => [
        t,
        t.startsWith('windows') ? ['server.exe', 'client.exe'] : ['server', 'client'],
        SUMS,
      ]),
    );
  });

  it('puts both binaries and the archive-files in every archive', () => {
    for (const name of NAMES) {
      const exe = name.includes('windows') ? '.exe' : '';
      expect(list(extract(join(dist(), name)))).toEqual(['LICENSE', 'README.md', `client${exe}`, `server${exe}`]);
    }
  });

  it('signs both windows binaries (osslsigncode verify passes on each exe in the zip) and leaves the others unsigned', () => {
    const dir = extract(join(dist(), 'relay_1.2.3_windows_amd64.zip'));
    for (const exe of ['server.exe', 'client.exe']) {
      const verify = tryRun('osslsigncode', ['verify', '-CAfile', keys.cert, '-in', join(dir, exe)]);
      expect([exe, verify.status, verify.stdout]).toEqual([exe, 0, expect.stringContaining('Signature verification: ok')]);
    }
    // A Linux binary's bytes hold no Authenticode signature to verify.
    const linux = extract(join(dist(), 'relay_1.2.3_linux_amd64.tar.gz'));
    expect(tryRun('osslsigncode', ['verify', '-CAfile', keys.cert, '-in', join(linux, 'server')]).status).not.toBe(0);
  });

  it('makes each universal binary byte for byte what llvm-lipo-14 -create makes of its slices', () => {
    const fat = extract(join(dist(), 'relay_1.2.3_darwin_all.tar.gz'));
    const [amd64, arm64] = [extract(join(dist(), NAMES[2])), extract(join(dist(), NAMES[3]))];
    for (const bin of ['server', 'client']) {
      const out = join(runner.dir, `lipo-${bin}`);
      expect(tryRun('llvm-lipo-14', ['-create', join(arm64, bin), join(amd64, bin), '-output', out]).status).toBe(0);
      expect(readFileSync(join(fat, bin)).equals(readFileSync(out))).toBe(true);
      expect(tryRun('llvm-lipo-14', [join(fat, bin), '-verify_arch', 'x86_64', 'arm64']).status).toBe(0);
    }
  });

  it('sums every file, signs the sums (minisign -V passes), and describes both binaries in each SBOM', () => {
    expect(tryRun('sh', ['-c', 'cd "$1" && sha256sum -c "$2"', 'sh', dist(), SUMS]).status).toBe(0);
    const v = tryRun('minisign', ['-V', '-p', keys.pub, '-m', join(dist(), SUMS), '-x', join(dist(), `${SUMS}.sig`)]);
    expect([v.status, v.stdout]).toEqual([0, expect.stringContaining('Signature and comment signature verified')]);
    const windows = extract(join(dist(), 'relay_1.2.3_windows_amd64.zip'));
    for (const a of artifacts) {
      const sbom = JSON.parse(readFileSync(join(dist(), a.sbom!.name), 'utf8'));
      expect(schemaErrors('spdx', sbom)).toEqual([]);
      const files = JSON.stringify(sbom);
      for (const bin of a.binaries) expect(files).toContain(bin);
    }
    // The SBOM covers the signed bytes: the exe's hash in it is the signed exe's.
    const spdx = readFileSync(join(dist(), 'relay_1.2.3_windows_amd64.zip.spdx.json'), 'utf8');
    const signed = tryRun('sha256sum', [join(windows, 'server.exe')]).stdout.split(' ')[0];
    expect(spdx).toContain(signed);
  });
});

maybe('the same release as plan → two shards (the darwin slices apart) → merge', () => {
  const planner = newRunner();
  const shards = [newRunner(), newRunner()];
  const merger = newRunner();
  const single = newRunner();
  let keys: ReturnType<typeof makeKeys>;
  let planned: Result;
  let built: Result[];
  let merged: Result;
  const out = () => join(merger.workspace, 'dist');

  /** download-artifact's copy of each shard's output, modes lost, each in a directory of its own. */
  function download(from: Runner[]) {
    from.forEach((s, i) => {
      const to = join(out(), `relay-shard-${i + 1}`);
      cpSync(join(s.workspace, 'dist'), to, { recursive: true });
      for (const n of readdirSync(to)) if (statSync(join(to, n)).isFile()) chmodSync(join(to, n), 0o644);
    });
  }

  beforeAll(async () => {
    keys = makeKeys(join(planner.dir, 'keys'));
    checkout('relay', planner.workspace);
    planned = await runAction(planner, {
      inputs: { ...releaseInputs(planner.dir, keys), mode: 'plan', shards: '2' },
      env: TAG,
    });
    built = [];
    for (const [i, targets] of ['linux/amd64, windows/amd64, darwin/amd64', 'darwin/arm64'].entries()) {
      checkout('relay', shards[i].workspace);
      built.push(await runAction(shards[i], { inputs: releaseInputs(shards[i].dir, keys, targets), env: TAG }));
    }
    mkdirSync(out());
    download(shards);
    merged = await runAction(merger, {
      inputs: { mode: 'merge', targets: planned.outputs.targets ?? '', 'sign-checksums': minisign(keys) },
      env: TAG,
    });
    checkout('relay', single.workspace);
    await runAction(single, { inputs: releaseInputs(single.dir, keys), env: TAG });
  }, 1_200_000);

  it('plans, builds each shard and merges without an error', () => {
    for (const r of [planned, ...built, merged]) expect([r.errors, r.code]).toEqual([[], 0]);
    expect(planned.outputs.targets?.split(',').map((t) => t.trim())).toContain('darwin/universal');
  });

  it("keeps goreleaser's checksum file name, signs the merged sums, drops the shards' signatures", () => {
    expect(list(out())).toEqual([...NAMES, ...NAMES.map((n) => `${n}.spdx.json`), SUMS, `${SUMS}.sig`, 'artifacts.json'].sort());
    expect(merged.outputs['checksums-file']).toBe(join(out(), SUMS));
    expect(tryRun('sh', ['-c', 'cd "$1" && sha256sum -c "$2"', 'sh', out(), SUMS]).status).toBe(0);
    const v = tryRun('minisign', ['-V', '-p', keys.pub, '-m', join(out(), SUMS), '-x', join(out(), `${SUMS}.sig`)]);
    expect(v.status).toBe(0);
    expect(merged.stdout).toContain("Dropped the shards' checksum signatures");
  });

  it('assembles darwin_all from the two shards byte for byte as the one job did, with its SBOM', () => {
    const one = join(single.workspace, 'dist');
    for (const name of ['relay_1.2.3_darwin_all.tar.gz', 'relay_1.2.3_darwin_all.tar.gz.spdx.json', 'relay_1.2.3_linux_amd64.tar.gz'])
      expect([name, readFileSync(join(out(), name)).equals(readFileSync(join(one, name)))]).toEqual([name, true]);
    const universal = artifactsOf(merged).find((a) => a.target === 'darwin/universal');
    expect(universal).toMatchObject({ binaries: ['server', 'client'], checksums: SUMS, archive: 'tar.gz' });
    expect(existsSync(join(out(), 'relay-shard-1'))).toBe(false);
  });
});
