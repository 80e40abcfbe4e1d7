// darwin/universal through the bundled action: one job builds both darwin slices and the fat binary
// (compared byte for byte with llvm-lipo-14 -create, verified and thinned back by it), and a plan →
// shards → merge flow where the slices come from different shards and merge assembles the same
// artifact. Without llvm-lipo-14 (Debian's llvm-14) the lipo comparisons are skipped, saying so.
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Artifact } from '../../src/artifacts/manifest.js';
import { checkout, mirroredFixture, newRunner, runAction, tryRun, type Runner } from '../support/fixtures.ts';
import { schemaErrors } from '../support/sbom-schemas.ts';

const { pinnedInputs } = await mirroredFixture();

const LIPO = '/usr/bin/llvm-lipo-14';
const withLipo = existsSync(LIPO) ? it : it.skip;
const TARGETS = 'darwin/amd64, darwin/arm64, darwin/universal';
const INPUTS = { sbom: 'spdx', 'archive-files': 'LICENSE\ncompletions/', cache: 'false' };

/** The files of a tar.gz, extracted into a new directory. */
function untar(archive: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gcb-universal-'));
  expect(tryRun('tar', ['-xzf', archive, '-C', dir]).status).toBe(0);
  return dir;
}

const lipo = (...args: string[]) => tryRun(LIPO, args);

describe('darwin/universal in one job', () => {
  const runner = newRunner();
  let res: Awaited<ReturnType<typeof runAction>>;
  let artifacts: Artifact[];
  const dist = () => join(runner.workspace, 'dist');
  const binaryOf = (target: string) => join(untar(join(dist(), `hello-${target.replace('/', '-')}.tar.gz`)), 'hello');

  beforeAll(async () => {
    checkout('hello', runner.workspace);
    res = await runAction(runner, { inputs: pinnedInputs({ targets: TARGETS, ...INPUTS }) });
    artifacts = JSON.parse(res.outputs.artifacts ?? '[]');
  }, 600_000);

  it('publishes darwin/universal as a target of its own: archive, SHA256SUMS, artifacts.json and SBOM', () => {
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);
    expect(artifacts.map((a) => [a.target, a.name])).toEqual([
      ['darwin/amd64', 'hello-darwin-amd64.tar.gz'],
      ['darwin/arm64', 'hello-darwin-arm64.tar.gz'],
      ['darwin/universal', 'hello-darwin-universal.tar.gz'],
    ]);
    const universal = artifacts[2];
    expect(universal).toMatchObject({ goos: 'darwin', goarch: 'universal', variant: '', archive: 'tar.gz', cacheHit: null });
    // Each slice records the universal artifact's name, for merge.
    expect(artifacts.slice(0, 2).map((a) => a.universal)).toEqual(['hello-darwin-universal.tar.gz', 'hello-darwin-universal.tar.gz']);
    expect(universal.universal).toBeUndefined();
    const check = tryRun('sh', ['-c', 'cd "$1" && sha256sum -c SHA256SUMS', 'sh', dist()]);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('hello-darwin-universal.tar.gz: OK');
    expect(check.stdout).toContain('hello-darwin-universal.tar.gz.spdx.json: OK');
    expect(JSON.parse(readFileSync(join(dist(), 'artifacts.json'), 'utf8'))).toEqual(artifacts);
    const sbom = JSON.parse(readFileSync(join(dist(), universal.sbom!.name), 'utf8'));
    expect(schemaErrors('spdx', sbom)).toEqual([]);
    expect(JSON.stringify(sbom)).toContain('for darwin/universal');
    expect(JSON.stringify(sbom)).toContain(universal.sha256);
  });

  it('archives the fat binary with the archive-files, in the order and modes of a slice archive', () => {
    const list = (name: string) =>
      tryRun('tar', ['-tvzf', join(dist(), name)])
        .stdout.trim()
        .split('\n');
    const entries = (name: string) => list(name).map((l) => [l.split(/\s+/)[0], l.split(/\s+/).at(-1)]);
    expect(entries('hello-darwin-universal.tar.gz')).toEqual(entries('hello-darwin-amd64.tar.gz'));
    expect(entries('hello-darwin-universal.tar.gz')[0]).toEqual(['-rwxr-xr-x', 'hello']);
  });

  withLipo(
    `is byte for byte llvm-lipo-14 -create of the slices, in either order; verify_arch passes; thin gives each slice back (${LIPO})`,
    () => {
      const fat = binaryOf('darwin/universal');
      const [amd64, arm64] = [binaryOf('darwin/amd64'), binaryOf('darwin/arm64')];
      const out = mkdtempSync(join(tmpdir(), 'gcb-lipo-'));
      expect(lipo('-create', amd64, arm64, '-output', join(out, 'a')).status).toBe(0);
      expect(lipo('-create', arm64, amd64, '-output', join(out, 'b')).status).toBe(0);
      expect(readFileSync(fat).equals(readFileSync(join(out, 'a')))).toBe(true);
      expect(readFileSync(fat).equals(readFileSync(join(out, 'b')))).toBe(true);
      expect(lipo(fat, '-verify_arch', 'x86_64', 'arm64').status).toBe(0);
      expect(lipo(fat, '-verify_arch', 'i386').status).not.toBe(0);
      for (const [arch, slice] of [
        ['x86_64', amd64],
        ['arm64', arm64],
      ]) {
        expect(lipo(fat, '-thin', arch, '-output', join(out, arch)).status).toBe(0);
        expect(tryRun('cmp', [join(out, arch), slice]).status).toBe(0);
      }
    },
  );
});

describe('darwin/universal across a matrix: the slices in different shards, merge assembles it', () => {
  const planner = newRunner();
  const shards = [newRunner(), newRunner()];
  const merger = newRunner();
  const single = newRunner();
  let planned: Awaited<ReturnType<typeof runAction>>;
  let merged: Awaited<ReturnType<typeof runAction>>;
  let built: Awaited<ReturnType<typeof runAction>>[];
  let singleArtifacts: Artifact[];

  /** A shard as the reusable workflow runs it, and download-artifact's copy of its output (modes lost). */
  function download(merge: Runner, from: Runner[]) {
    from.forEach((s, i) => {
      const to = join(merge.workspace, 'dist', `hello-shard-${i + 1}`);
      cpSync(join(s.workspace, 'dist'), to, { recursive: true });
      for (const n of readdirSync(to, { recursive: true, encoding: 'utf8' }))
        if (statSync(join(to, n)).isFile()) chmodSync(join(to, n), 0o644);
    });
  }

  beforeAll(async () => {
    checkout('hello', planner.workspace);
    planned = await runAction(planner, {
      inputs: pinnedInputs({ mode: 'plan', targets: `linux/amd64, ${TARGETS}`, shards: '2', ...INPUTS }),
    });
    // The slices in different shards, whatever the plan balanced: each shard on the plan's targets only.
    const parts = ['linux/amd64, darwin/amd64', 'darwin/arm64'];
    built = [];
    for (const [i, targets] of parts.entries()) {
      checkout('hello', shards[i].workspace);
      built.push(await runAction(shards[i], { inputs: pinnedInputs({ targets, ...INPUTS }) }));
    }
    mkdirSync(join(merger.workspace, 'dist'));
    download(merger, shards);
    merged = await runAction(merger, { inputs: { mode: 'merge', targets: planned.outputs.targets ?? '' } });
    // The same targets in one job: what merge must reproduce.
    checkout('hello', single.workspace);
    const one = await runAction(single, { inputs: pinnedInputs({ targets: TARGETS, ...INPUTS }) });
    singleArtifacts = JSON.parse(one.outputs.artifacts ?? '[]');
  }, 900_000);

  it('plans darwin/universal among the targets but gives it to no shard', () => {
    expect(planned.errors).toEqual([]);
    expect(planned.outputs.targets).toBe('linux/amd64,darwin/amd64,darwin/arm64,darwin/universal');
    const matrix = JSON.parse(planned.outputs.matrix ?? '{}') as { include: { targets: string }[] };
    const given = matrix.include.flatMap((m) => m.targets.split(','));
    expect(given.sort()).toEqual(['darwin/amd64', 'darwin/arm64', 'linux/amd64']);
  });

  it('merges the shards and assembles darwin/universal, byte-identical to the one a single job writes', () => {
    expect(built.map((b) => b.code)).toEqual([0, 0]);
    expect(merged.errors).toEqual([]);
    expect(merged.code).toBe(0);
    const artifacts: Artifact[] = JSON.parse(merged.outputs.artifacts ?? '[]');
    expect(artifacts.map((a) => a.target)).toEqual(['linux/amd64', 'darwin/amd64', 'darwin/arm64', 'darwin/universal']);
    const dist = join(merger.workspace, 'dist');
    expect(readdirSync(dist).sort()).toEqual(['SHA256SUMS', 'artifacts.json', ...artifacts.flatMap((a) => [a.name, a.sbom!.name])].sort());
    const check = tryRun('sh', ['-c', 'cd "$1" && sha256sum -c SHA256SUMS', 'sh', dist]);
    expect(check.status).toBe(0);
    expect(check.stdout.trim().split('\n')).toHaveLength(8);
    const universal = artifacts[3];
    const one = singleArtifacts.find((a) => a.target === 'darwin/universal')!;
    expect({ ...universal, path: '' }).toEqual({ ...one, path: '', sbom: { ...one.sbom, path: universal.sbom!.path } });
    expect(readFileSync(join(dist, universal.sbom!.name)).equals(readFileSync(join(single.workspace, 'dist', one.sbom!.name)))).toBe(true);
    expect(merged.stdout).toContain(
      'Assembled darwin/universal hello-darwin-universal.tar.gz from hello-darwin-amd64.tar.gz (hello-shard-1) and hello-darwin-arm64.tar.gz (hello-shard-2)',
    );
  });

  withLipo(`merge's fat binary is llvm-lipo-14 -create of the two shards' slices (${LIPO})`, () => {
    const dist = join(merger.workspace, 'dist');
    const fat = join(untar(join(dist, 'hello-darwin-universal.tar.gz')), 'hello');
    const amd64 = join(untar(join(dist, 'hello-darwin-amd64.tar.gz')), 'hello');
    const arm64 = join(untar(join(dist, 'hello-darwin-arm64.tar.gz')), 'hello');
    const out = join(mkdtempSync(join(tmpdir(), 'gcb-lipo-')), 'fat');
    expect(lipo('-create', arm64, amd64, '-output', out).status).toBe(0);
    expect(readFileSync(fat).equals(readFileSync(out))).toBe(true);
    expect(lipo(fat, '-verify_arch', 'x86_64', 'arm64').status).toBe(0);
  });
});

// Bare binaries (the SBOM's time and binary name come from the slice's SBOM) and zip archives (read
// back with yauzl): merge writes what one job writes.
describe.each<Record<string, string>>([
  { archive: 'none', sbom: 'cyclonedx', name: 'hello-darwin-universal' },
  { archive: 'zip', sbom: 'cyclonedx', 'archive-files': 'LICENSE\ncompletions/', name: 'hello-darwin-universal.zip' },
])('darwin/universal merged from archive: $archive shards', ({ name, ...inputs }) => {
  const shards = [newRunner(), newRunner()];
  const merger = newRunner();
  const single = newRunner();
  let merged: Awaited<ReturnType<typeof runAction>>;
  let one: Artifact | undefined;

  beforeAll(async () => {
    for (const [i, targets] of ['darwin/amd64', 'darwin/arm64'].entries()) {
      checkout('hello', shards[i].workspace);
      expect((await runAction(shards[i], { inputs: pinnedInputs({ targets, cache: 'false', ...inputs }) })).code).toBe(0);
      cpSync(join(shards[i].workspace, 'dist'), join(merger.workspace, 'dist', `hello-shard-${i + 1}`), { recursive: true });
    }
    merged = await runAction(merger, { inputs: { mode: 'merge', targets: 'darwin/amd64,darwin/arm64,darwin/universal' } });
    checkout('hello', single.workspace);
    const res = await runAction(single, { inputs: pinnedInputs({ targets: TARGETS, cache: 'false', ...inputs }) });
    one = (JSON.parse(res.outputs.artifacts ?? '[]') as Artifact[]).find((a) => a.target === 'darwin/universal');
  }, 900_000);

  it('writes the artifact and its SBOM byte for byte as one job does', () => {
    expect(merged.errors).toEqual([]);
    const universal = (JSON.parse(merged.outputs.artifacts ?? '[]') as Artifact[]).find((a) => a.target === 'darwin/universal');
    expect(universal?.name).toBe(name);
    expect(universal).toEqual(one);
    const file = (runner: Runner, n: string) => readFileSync(join(runner.workspace, 'dist', n));
    expect(file(merger, name).equals(file(single, name))).toBe(true);
    expect(file(merger, universal!.sbom!.name).equals(file(single, one!.sbom!.name))).toBe(true);
  });
});
