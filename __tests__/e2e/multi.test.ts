// Several main packages through the bundled action, laid out as a goreleaser project with two builds
// (cmd/server, cmd/client) in one archive per target: one job of three targets, its archives'
// entries and modes, the binaries run (arm64 under qemu, windows under Wine), artifacts.json's
// binaries, SHA256SUMS and an SBOM covering both binaries; then plan → two shards → merge giving the
// same archives; then a failure of one binary of a target, which publishes nothing.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Artifact } from '../../src/artifacts/manifest.js';
import { schemaErrors } from '../support/sbom-schemas.ts';
import { checkout, hasWine, mirroredFixture, newRunner, runAction, runUnderWine, tryRun, type Runner } from '../support/fixtures.ts';

const { pinnedInputs } = await mirroredFixture();

const TARGETS = ['linux/amd64', 'windows/amd64', 'linux/arm64'];
const ARCHIVES = ['relay-linux-amd64.tar.gz', 'relay-windows-amd64.zip', 'relay-linux-arm64.tar.gz'];
const INPUTS = {
  package: './cmd/server, ./cmd/client',
  'archive-files': 'LICENSE, README.md',
  cache: 'false',
};

function build(runner: Runner, inputs: Record<string, string>) {
  return runAction(runner, { inputs: pinnedInputs({ ...INPUTS, ...inputs }) });
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const manifest = (dir: string): Artifact[] => JSON.parse(readFileSync(join(dir, 'artifacts.json'), 'utf8'));

describe('two packages for three targets in one job', () => {
  const runner = newRunner();
  const dist = join(runner.workspace, 'dist');
  const x = join(runner.temp, 'extracted');
  let res: Awaited<ReturnType<typeof build>>;
  let artifacts: Artifact[];

  beforeAll(async () => {
    checkout('relay', runner.workspace);
    res = await build(runner, { targets: TARGETS.join(', '), sbom: 'spdx' });
    artifacts = JSON.parse(res.outputs.artifacts ?? '[]');
    for (const [i, t] of TARGETS.entries()) {
      mkdirSync(join(x, t.replace('/', '-')), { recursive: true });
      const archive = join(dist, ARCHIVES[i]);
      const args = t.startsWith('windows')
        ? ['unzip', ['-q', archive, '-d', join(x, 'windows-amd64')]]
        : ['tar', ['-xzf', archive, '-C', join(x, t.replace('/', '-'))]];
      tryRun(args[0] as string, args[1] as string[]);
    }
  }, 600_000);

  it('writes one archive per target named after the module (relay, not v2), listing both binaries', () => {
    expect([res.code, res.errors]).toEqual([0, []]);
    expect(artifacts.map((a) => [a.target, a.name, a.archive, a.binaries])).toEqual([
      ['linux/amd64', ARCHIVES[0], 'tar.gz', ['server', 'client']],
      ['windows/amd64', ARCHIVES[1], 'zip', ['server.exe', 'client.exe']],
      ['linux/arm64', ARCHIVES[2], 'tar.gz', ['server', 'client']],
    ]);
    expect(readdirSync(dist).sort()).toEqual(
      ['SHA256SUMS', 'artifacts.json', ...ARCHIVES, ...ARCHIVES.map((a) => `${a}.spdx.json`)].sort(),
    );
    expect(manifest(dist)).toEqual(artifacts);
    // One log group per binary; the summary and the last line count both.
    expect(res.stdout).toContain('linux/arm64 ./cmd/client: ok');
    expect(res.stdout).toMatch(/Wrote 3 artifacts \(6 binaries\), 3 spdx SBOMs, SHA256SUMS and artifacts.json to /);
    expect(res.stdout).toContain('Building 6 binaries (2 packages × 3 targets) with ');
    expect(res.summary).toContain('Cross-build: 6 of 6 built');
    expect(res.summary).toContain('windows/amd64 ./cmd/server');
  });

  it('puts the binaries (0755) first, then archive-files (0644), in tar.gz and zip', () => {
    const tarList = (a: string) =>
      tryRun('tar', ['-tzvf', join(dist, a)])
        .stdout.trim()
        .split('\n')
        .map((l) => [l.split(/\s+/)[0], l.split(/\s+/).pop()]);
    for (const a of [ARCHIVES[0], ARCHIVES[2]])
      expect(tarList(a)).toEqual([
        ['-rwxr-xr-x', 'server'],
        ['-rwxr-xr-x', 'client'],
        ['-rw-r--r--', 'LICENSE'],
        ['-rw-r--r--', 'README.md'],
      ]);
    const zip = tryRun('unzip', ['-Z', join(dist, ARCHIVES[1])]).stdout;
    expect(
      zip
        .split('\n')
        .filter((l) => /^-/.test(l))
        .map((l) => [l.split(/\s+/)[0], l.split(/\s+/).pop()]),
    ).toEqual([
      ['-rwxr-xr-x', 'server.exe'],
      ['-rwxr-xr-x', 'client.exe'],
      ['-rw-r--r--', 'LICENSE'],
      ['-rw-r--r--', 'README.md'],
    ]);
    expect(tryRun('unzip', ['-l', join(dist, ARCHIVES[1])]).stdout).toMatch(/server\.exe[\s\S]*client\.exe[\s\S]*LICENSE[\s\S]*README\.md/);
    expect(statSync(join(x, 'linux-amd64', 'client')).mode & 0o777).toBe(0o755);
  });

  it('runs both binaries of each linux target, arm64 under qemu', () => {
    for (const b of ['server', 'client']) {
      expect(tryRun(join(x, 'linux-amd64', b), []).stdout).toBe(`${b} dev on linux/amd64\n`);
      expect(tryRun('qemu-aarch64-static', [join(x, 'linux-arm64', b)]).stdout).toBe(`${b} dev on linux/arm64\n`);
    }
  });

  (hasWine ? it : it.skip)('runs both windows binaries under wine64', () => {
    for (const b of ['server', 'client'])
      expect(runUnderWine(join(x, 'windows-amd64', `${b}.exe`)).stdout.replace(/\r\n/g, '\n')).toBe(`${b} dev on windows/amd64\n`);
  });

  it('lists every archive and SBOM in SHA256SUMS, which sha256sum -c accepts', () => {
    const check = tryRun('sh', ['-c', 'cd "$1" && sha256sum -c SHA256SUMS', 'sh', dist]);
    expect([check.status, check.stdout.trim().split('\n').length]).toEqual([0, 6]);
  });

  it("writes an SBOM per archive that contains each binary, with the extracted binary's hash, and is valid SPDX 2.3", () => {
    const doc = JSON.parse(readFileSync(join(dist, `${ARCHIVES[2]}.spdx.json`), 'utf8'));
    expect(schemaErrors('spdx', doc)).toEqual([]);
    type Pkg = { SPDXID: string; name: string; packageFileName?: string; checksums?: { checksumValue: string }[] };
    const pkgs: Pkg[] = doc.packages;
    expect(pkgs[0]).toMatchObject({ SPDXID: 'SPDXRef-Artifact', packageFileName: ARCHIVES[2], primaryPackagePurpose: 'ARCHIVE' });
    expect(pkgs[0].checksums).toEqual([{ algorithm: 'SHA256', checksumValue: artifacts[2].sha256 }]);
    const binaries = pkgs.filter((p) => p.SPDXID.startsWith('SPDXRef-Binary-'));
    expect(binaries.map((p) => [p.name, p.packageFileName, p.checksums])).toEqual(
      ['server', 'client'].map((b) => [
        `example.com/relay/v2/cmd/${b}`,
        b,
        [{ algorithm: 'SHA256', checksumValue: sha256(join(x, 'linux-arm64', b)) }],
      ]),
    );
    // The standard library both binaries hold is one package, contained by each.
    const stdlib = pkgs.filter((p) => p.name === 'stdlib');
    expect(stdlib).toHaveLength(1);
    const contains = (doc.relationships as { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[]).filter(
      (r) => r.relationshipType === 'CONTAINS',
    );
    expect(contains.filter((r) => r.spdxElementId === 'SPDXRef-Artifact').map((r) => r.relatedSpdxElement)).toEqual(
      binaries.map((p) => p.SPDXID),
    );
    for (const b of binaries)
      expect(contains).toContainEqual({ spdxElementId: b.SPDXID, relationshipType: 'CONTAINS', relatedSpdxElement: stdlib[0].SPDXID });
  });

  it('keeps each binary its own artifact with archive: none, named after itself', async () => {
    const bare = await build(runner, {
      targets: 'linux/amd64',
      archive: 'none',
      'archive-files': '',
      'output-dir': 'bare',
      'allow-dirty': 'true',
    });
    expect([bare.code, bare.errors]).toEqual([0, []]);
    const arts: Artifact[] = JSON.parse(bare.outputs.artifacts);
    expect(arts.map((a) => [a.name, a.archive, a.binaries])).toEqual([
      ['server-linux-amd64', null, ['server-linux-amd64']],
      ['client-linux-amd64', null, ['client-linux-amd64']],
    ]);
    expect(tryRun(join(runner.workspace, arts[1].path), []).stdout).toBe('client dev on linux/amd64\n');
  });

  describe('plan → two shards → merge', () => {
    const planner = newRunner();
    const shards = [newRunner(), newRunner()];
    const merger = newRunner();
    let merged: Awaited<ReturnType<typeof build>>;
    let matrix: { include: { shard: number; targets: string }[] };

    beforeAll(async () => {
      checkout('relay', planner.workspace);
      const planned = await build(planner, { mode: 'plan', targets: TARGETS.join(', '), shards: '2' });
      expect([planned.code, planned.errors]).toEqual([0, []]);
      matrix = JSON.parse(planned.outputs.matrix!);
      const toolchain = JSON.parse(planned.outputs.toolchain!);
      for (const [i, entry] of matrix.include.entries()) {
        checkout('relay', shards[i].workspace);
        const res = await build(shards[i], {
          targets: entry.targets,
          'go-version': toolchain.version,
          'go-sha256': toolchain.sha256,
          sbom: 'spdx',
        });
        expect([res.code, res.errors]).toEqual([0, []]);
        // What download-artifact does: each shard's output-dir into its own directory, every file 0644.
        const to = join(merger.workspace, 'dist', `relay-shard-${i + 1}`);
        cpSync(join(shards[i].workspace, 'dist'), to, { recursive: true });
        for (const n of readdirSync(to)) chmodSync(join(to, n), 0o644);
      }
      merged = await runAction(merger, { inputs: { mode: 'merge', targets: planned.outputs.targets! } });
    }, 600_000);

    it("merges the shards' multi-binary archives, byte-identical to the single job's", () => {
      expect([merged.code, merged.errors]).toEqual([0, []]);
      expect(matrix.include).toHaveLength(2);
      const out = join(merger.workspace, 'dist');
      const arts = manifest(out);
      expect(arts.map((a) => [a.name, a.binaries, a.sha256, a.sbom?.sha256])).toEqual(
        artifacts.map((a) => [a.name, a.binaries, a.sha256, a.sbom?.sha256]),
      );
      expect(JSON.parse(merged.outputs.artifacts!)).toEqual(arts);
      expect(tryRun('sh', ['-c', 'cd "$1" && sha256sum -c SHA256SUMS', 'sh', out]).status).toBe(0);
    });

    it("rejects a shard whose artifacts.json lost an entry's binaries", async () => {
      const again = newRunner();
      cpSync(join(merger.workspace, 'dist'), join(again.workspace, 'dist'), { recursive: true });
      const file = join(again.workspace, 'dist', 'artifacts.json');
      const edited = manifest(join(again.workspace, 'dist')).map((a) => ({ ...a, binaries: undefined }));
      writeFileSync(file, JSON.stringify(edited, null, 2) + '\n');
      const res = await runAction(again, { inputs: { mode: 'merge' } });
      expect(res.code).toBe(1);
      expect(res.errors).toEqual([expect.stringContaining('artifacts.json entry 0 has no binaries that are plain file names')]);
    });
  });
});

it('fails the target of a binary that does not build, naming the binary, and publishes nothing', async () => {
  const runner = newRunner();
  checkout('relay', runner.workspace);
  writeFileSync(join(runner.workspace, 'cmd', 'client', 'broken_arm64.go'), 'package main\n\nfunc broken() { undefined() }\n');
  const res = await build(runner, { targets: 'linux/arm64', 'allow-dirty': 'true' });
  expect(res.code).toBe(1);
  // The compiler's annotation, on the file and line, then the one error naming the binary.
  expect(res.errors).toEqual([
    '::error title=go build linux/arm64 ./cmd/client,file=cmd/client/broken_arm64.go,line=3,col=17::undefined: undefined',
    expect.stringMatching(
      /^::error title=Build failed::1 of 2 builds did not succeed: linux\/arm64 \.\/cmd\/client \(client: go build exited with 1\)\. Nothing was written/,
    ),
  ]);
  expect(existsSync(join(runner.workspace, 'dist'))).toBe(false);
}, 300_000);
