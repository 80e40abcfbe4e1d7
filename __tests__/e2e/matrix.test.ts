// Fan-out across jobs through the bundled action: a plan, two shards each in its own runner on the
// plan's toolchain output, and a merge of their downloaded outputs; then what must fail: a shard on
// another hash, a tampered artifact, a target built twice, a missing shard, overwritten manifests.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact } from '../../src/artifacts/manifest.js';
import { repack, unrecordedToolchain } from '../support/toolchains.ts';
import checksums from '../../src/toolchain/checksums.json' with { type: 'json' };
import costTable from '../../src/shards/target-costs.json' with { type: 'json' };
import {
  checkout,
  mirroredFixture,
  newRunner,
  runAction,
  startMirror,
  toolCacheTree,
  tryRun,
  type Fixture,
  type Runner,
} from '../support/fixtures.ts';

/** The mirror publishes the repacked toolchain under its own file name, vouched for by its index. */
function mirrorFiles(f: Fixture) {
  const darwinFile = `${f.newer.goName}.darwin-arm64.tar.gz`;
  return {
    mirrorFile: `${f.newer.goName}.linux-amd64.mirror.tar.gz`,
    darwinFile,
    darwinHash: (checksums.files as Record<string, { sha256: string }>)[darwinFile]?.sha256 ?? 'd'.repeat(64),
  };
}
const { f, mirror } = await mirroredFixture((f) => {
  const { mirrorFile, darwinFile, darwinHash } = mirrorFiles(f);
  return [
    {
      version: f.newer.goName,
      stable: true,
      files: [
        { filename: mirrorFile, sha256: f.newer.archive.sha256, path: f.newer.archive.path },
        // Listed with Go's own hash, never downloaded here: only a macOS shard would fetch it.
        { filename: darwinFile, os: 'darwin', arch: 'arm64', sha256: darwinHash },
      ],
    },
    {
      version: f.older.goName,
      stable: true,
      files: [{ filename: f.older.archive.fileName, sha256: f.older.archive.sha256, path: f.older.archive.path }],
    },
  ];
});
const { mirrorFile, darwinFile, darwinHash } = mirrorFiles(f);

/** The shipped cost table, as plan mode weighs targets: a port it lacks counts as the mean. */
const costs = costTable.costs as Record<string, number>;
const meanCost = Object.values(costs).reduce((a, b) => a + b, 0) / Object.keys(costs).length;

const TARGETS = ['linux/amd64', 'linux/arm64', 'windows/amd64', 'linux/riscv64'];

/**
 * The mirror serves its own build of Go under its own file name: the shipped table rightly refuses
 * it, so the plan pins it by that name (and Go's darwin archive by Go's hash), as a user of such a
 * mirror must.
 */
function plan(runner: Runner, inputs: Record<string, string> = {}) {
  return runAction(runner, {
    inputs: {
      mode: 'plan',
      'go-version': 'stable',
      'go-sha256': `${f.newer.archive.sha256}  ${mirrorFile}\n${darwinHash}  ${darwinFile}`,
      'go-download-base-url': mirror.url,
      targets: TARGETS.join(', '),
      shards: '2',
      ...inputs,
    },
  });
}

type Toolchain = { version: string; sha256: string };
type Matrix = { include: { shard: number; targets: string; 'runs-on'?: string }[] };

function shard(runner: Runner, targets: string, toolchain: Toolchain) {
  return runAction(runner, {
    inputs: {
      mode: 'build',
      targets,
      'go-version': toolchain.version,
      'go-sha256': toolchain.sha256,
      'go-download-base-url': mirror.url,
      cache: 'false',
    },
  });
}

/**
 * What download-artifact does in the merge job: each shard's output-dir into `dist/<artifact name>`,
 * every file mode 0644 (the artifact service keeps no modes).
 */
function download(merge: Runner, shards: Runner[], names = shards.map((_, i) => `hello-shard-${i + 1}`)) {
  shards.forEach((s, i) => {
    const to = join(merge.workspace, 'dist', names[i]);
    cpSync(join(s.workspace, 'dist'), to, { recursive: true });
    for (const n of readdirSync(to, { recursive: true, encoding: 'utf8' }))
      if (statSync(join(to, n)).isFile()) chmodSync(join(to, n), 0o644);
  });
}

/** The shards archive by default (archive: auto): tar.gz, zip for windows. */
const artifactName = (t: string) => `hello-${t.replace('/', '-')}${t.startsWith('windows') ? '.zip' : '.tar.gz'}`;

function merge(runner: Runner, inputs: Record<string, string> = {}) {
  return runAction(runner, { inputs: { mode: 'merge', ...inputs } });
}

describe('plan → two shards → merge', () => {
  const planner = newRunner();
  const shardRunners = [newRunner(), newRunner()];
  let planned: Awaited<ReturnType<typeof plan>>;
  let matrix: Matrix;
  let toolchain: Toolchain;
  let built: Awaited<ReturnType<typeof shard>>[];

  beforeAll(async () => {
    checkout('hello', planner.workspace);
    const before = mirror.downloads().length;
    planned = await plan(planner);
    expect(mirror.downloads().length).toBe(before); // the plan downloads no toolchain
    matrix = JSON.parse(planned.outputs.matrix ?? '{}');
    toolchain = JSON.parse(planned.outputs.toolchain ?? '{}');
    built = [];
    for (const [i, entry] of matrix.include.entries()) {
      checkout('hello', shardRunners[i].workspace);
      built.push(await shard(shardRunners[i], entry.targets, toolchain));
    }
  }, 600_000);

  it("plans two balanced shards and pins the mirror's file by its go-sha256 line, installing nothing", () => {
    expect(planned.errors).toEqual([]);
    expect(planned.code).toBe(0);
    expect(matrix).toEqual({
      include: [
        { shard: 1, targets: expect.any(String) },
        { shard: 2, targets: expect.any(String) },
      ],
    });
    const split = matrix.include.map((e) => e.targets.split(','));
    expect(split.map((s) => s.length)).toEqual([2, 2]);
    expect(split.flat().sort()).toEqual([...TARGETS].sort());
    expect(toolchain).toEqual({ version: f.newer.version, sha256: `${f.newer.archive.sha256}  ${mirrorFile}` });
    expect(planned.outputs.targets).toBe(TARGETS.join(','));
    expect(planned.outputs['go-version']).toBe(f.newer.version);
    expect(toolCacheTree(planner)).toEqual([]);
    expect(planned.env).toEqual({}); // plan mode sets up no Go for later steps
    expect(planned.summary).toContain('Plan: 4 targets in 2 shards');
    expect(planned.summary).toContain(mirrorFile);
  });

  it('builds each shard in its own runner on the byte-identical toolchain', () => {
    for (const [i, res] of built.entries()) {
      expect(res.errors).toEqual([]);
      expect(res.code).toBe(0);
      expect(res.outputs['go-sha256']).toBe(f.newer.archive.sha256);
      expect(res.outputs['go-archive-url']).toBe(`${mirror.url}/${mirrorFile}`);
      const artifacts: Artifact[] = JSON.parse(res.outputs.artifacts ?? '[]');
      expect(artifacts.map((a) => a.target)).toEqual(matrix.include[i].targets.split(','));
    }
  });

  describe('merge', () => {
    const merger = newRunner();
    let res: Awaited<ReturnType<typeof merge>>;
    let artifacts: Artifact[];
    beforeAll(async () => {
      download(merger, shardRunners);
      res = await merge(merger, { targets: planned.outputs.targets });
      artifacts = JSON.parse(res.outputs.artifacts ?? '[]');
    });

    it('verifies and flattens both shards into one release directory, without Go', () => {
      expect(res.errors).toEqual([]);
      expect(res.code).toBe(0);
      const dist = join(merger.workspace, 'dist');
      expect(readdirSync(dist).sort()).toEqual(['SHA256SUMS', 'artifacts.json', ...TARGETS.map(artifactName)].sort());
      expect(artifacts.map((a) => [a.target, a.path])).toEqual(TARGETS.map((t) => [t, `dist/${artifactName(t)}`]));
      expect(JSON.parse(readFileSync(join(dist, 'artifacts.json'), 'utf8'))).toEqual(artifacts);
      expect(res.outputs['checksums-file']).toBe(join(dist, 'SHA256SUMS'));
      const check = tryRun('sh', ['-c', 'cd "$1" && sha256sum -c SHA256SUMS', 'sh', dist]);
      expect([check.status, check.stdout.trim().split('\n').length]).toEqual([0, 4]);
      expect(toolCacheTree(merger)).toEqual([]);
      expect(artifacts.map((a) => a.go)).toEqual(TARGETS.map(() => f.newer.version));
      expect(res.summary).toContain(`Merged: 4 artifacts from 2 shards built with Go ${f.newer.version}`);
    });

    it("keeps the shards' own hashes, and the merged binaries run, though every downloaded file was 0644", () => {
      const shardHashes = shardRunners.flatMap(
        (s) => JSON.parse(readFileSync(join(s.workspace, 'dist', 'artifacts.json'), 'utf8')) as Artifact[],
      );
      for (const a of artifacts) expect(a.sha256).toBe(shardHashes.find((s) => s.name === a.name)!.sha256);
      const x = join(merger.temp, 'extracted');
      mkdirSync(x, { recursive: true });
      for (const t of ['linux/amd64', 'linux/arm64'])
        expect(
          tryRun('tar', [
            '-xzf',
            join(merger.workspace, 'dist', artifactName(t)),
            '-C',
            x,
            '--transform',
            `s/hello/${t.replace('/', '-')}/`,
          ]).status,
        ).toBe(0);
      expect(statSync(join(x, 'linux-amd64')).mode & 0o777).toBe(0o755);
      expect(tryRun(join(x, 'linux-amd64'), []).stdout).toMatch(/^hello from linux\/amd64 /);
      expect(tryRun('qemu-aarch64-static', [join(x, 'linux-arm64')]).stdout).toMatch(/^hello from linux\/arm64 /);
    });

    it('is idempotent: merging its own output again changes nothing', async () => {
      const before = readFileSync(join(merger.workspace, 'dist', 'SHA256SUMS'), 'utf8');
      const again = await merge(merger, { targets: planned.outputs.targets });
      expect([again.code, again.errors]).toEqual([0, []]);
      expect(readFileSync(join(merger.workspace, 'dist', 'SHA256SUMS'), 'utf8')).toBe(before);
      expect(JSON.parse(again.outputs.artifacts ?? '[]')).toEqual(artifacts);
    });
  });

  it('merges a flat layout (one shard downloaded straight into output-dir)', async () => {
    const merger = newRunner();
    cpSync(join(shardRunners[0].workspace, 'dist'), join(merger.workspace, 'dist'), { recursive: true });
    const res = await merge(merger, { targets: matrix.include[0].targets });
    expect([res.code, res.errors]).toEqual([0, []]);
    expect(JSON.parse(res.outputs.artifacts ?? '[]').map((a: Artifact) => a.target)).toEqual(matrix.include[0].targets.split(','));
  });

  it('merges shard directories named like the artifacts they hold (upload-artifact named after the binary)', async () => {
    const merger = newRunner();
    const names = shardRunners.map(
      (s) => (JSON.parse(readFileSync(join(s.workspace, 'dist', 'artifacts.json'), 'utf8')) as Artifact[])[0].name,
    );
    download(merger, shardRunners, [names[0], names[1]]);
    const res = await merge(merger, { targets: planned.outputs.targets });
    expect([res.code, res.errors]).toEqual([0, []]);
    const dist = join(merger.workspace, 'dist');
    expect(readdirSync(dist).sort()).toEqual(['SHA256SUMS', 'artifacts.json', ...TARGETS.map(artifactName)].sort());
    expect(readdirSync(dist).every((n) => statSync(join(dist, n)).isFile())).toBe(true);
    expect(tryRun('sh', ['-c', 'cd "$1" && sha256sum -c SHA256SUMS', 'sh', dist]).status).toBe(0);
  });

  it('fails a shard fed another toolchain hash, leaving nothing installed', async () => {
    const runner = newRunner();
    checkout('hello', runner.workspace);
    const other = toolchain.sha256.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const res = await shard(runner, matrix.include[0].targets, { ...toolchain, sha256: other });
    expect(res.code).toBe(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toContain('SHA-256');
    expect(res.errors[0]).toContain(other.slice(0, 64));
    expect(toolCacheTree(runner)).toEqual([]);
    expect(existsSync(join(runner.workspace, 'dist'))).toBe(false);
  });

  /** A merge expected to fail: one ::error with every text in `says`, and output-dir left as it was. */
  async function failedMerge(
    prepare: (m: Runner) => void,
    says: string[],
    inputs: Record<string, string> = { targets: TARGETS.join(',') },
  ) {
    const merger = newRunner();
    prepare(merger);
    const tree = () =>
      tryRun('sh', ['-c', 'cd "$1" && find . -type f -exec sha256sum {} + | sort', 'sh', join(merger.workspace, 'dist')]).stdout;
    const before = tree();
    const res = await merge(merger, inputs);
    expect(res.code).toBe(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatch(/^::error title=Merge failed::/);
    for (const s of says) expect(res.errors[0]).toContain(s);
    expect(tree()).toBe(before);
    expect(res.outputs).toEqual({});
  }

  it('rejects a tampered artifact', () =>
    failedMerge(
      (m) => {
        download(m, shardRunners);
        const victim = join(
          m.workspace,
          'dist',
          'hello-shard-2',
          readdirSync(join(m.workspace, 'dist', 'hello-shard-2')).find((n) => n.startsWith('hello-'))!,
        );
        const bytes = readFileSync(victim);
        bytes[bytes.length >> 1] ^= 0xff;
        writeFileSync(victim, bytes);
      },
      ['hello-shard-2/hello-', 'altered after the build'],
    ));

  it('rejects a target built by two shards', () =>
    failedMerge(
      (m) => download(m, [shardRunners[0], shardRunners[1], shardRunners[0]]),
      [`target ${matrix.include[0].targets.split(',')[0]} comes from 2 shards: hello-shard-1, hello-shard-3`, 'artifact hello-'],
    ));

  it('rejects a shard built with another Go version', async () => {
    const stray = newRunner();
    checkout('hello', stray.workspace);
    const older = await runAction(stray, {
      inputs: {
        targets: matrix.include[0].targets,
        'go-version': f.older.version,
        'go-sha256': f.pins,
        'go-download-base-url': mirror.url,
        cache: 'false',
      },
    });
    expect([older.code, older.errors]).toEqual([0, []]);
    await failedMerge(
      (m) => download(m, [stray, shardRunners[1]]),
      [`shards built with different Go versions: ${f.older.version} (hello-shard-1), ${f.newer.version} (hello-shard-2)`],
    );
  }, 300_000);

  it('rejects a missing shard', () =>
    failedMerge((m) => download(m, [shardRunners[0]]), [`no shard built ${matrix.include[1].targets.split(',').join(', ')}`]));

  it('rejects shards downloaded into one directory, whose artifacts.json overwrote each other', () =>
    failedMerge(
      (m) => shardRunners.forEach((s) => cpSync(join(s.workspace, 'dist'), join(m.workspace, 'dist'), { recursive: true, force: true })),
      ['a file no artifacts.json lists', 'give each its own'],
    ));

  it('rejects a shard that holds a directory, naming it', () =>
    failedMerge(
      (m) => {
        download(m, shardRunners);
        mkdirSync(join(m.workspace, 'dist', 'hello-shard-1', 'hello-linux-amd64.d'));
        writeFileSync(join(m.workspace, 'dist', 'hello-shard-1', 'hello-linux-amd64.d', 'x'), 'x');
      },
      ['hello-shard-1/hello-linux-amd64.d/'],
    ));

  it('rejects one shard downloaded twice, naming both directories', () =>
    failedMerge(
      (m) => download(m, [shardRunners[0], shardRunners[0], shardRunners[1]], ['hello-shard-1', 'hello-shard-1 (1)', 'hello-shard-2']),
      ['comes from 2 shards: hello-shard-1, hello-shard-1 (1)'],
    ));

  it('fails with a clear error when output-dir holds nothing', async () => {
    const merger = newRunner();
    mkdirSync(join(merger.workspace, 'dist'));
    const res = await merge(merger);
    expect([res.code, res.errors.length]).toEqual([1, 1]);
    expect(res.errors[0]).toContain('holds no shard output');
  });
});

describe('the default shard count', () => {
  const planAll = async (inputs: Record<string, string>) => {
    const runner = newRunner();
    checkout('hello', runner.workspace);
    const res = await plan(runner, { targets: 'all', ...inputs });
    expect([res.code, res.errors]).toEqual([0, []]);
    const matrix: Matrix = JSON.parse(res.outputs.matrix!);
    const targets = res.outputs.targets!.split(',');
    const placed = matrix.include.flatMap((e) => e.targets.split(','));
    // Every planned target lands in exactly one shard.
    expect([...placed].sort()).toEqual([...targets].sort());
    expect(new Set(placed).size).toBe(placed.length);
    return { res, matrix, targets };
  };

  it('plans targets: all into about one shard per 4 cold builds, not one per target', async () => {
    const { res, matrix, targets } = await planAll({ shards: '' });
    expect(targets.length).toBeGreaterThan(30);
    const expected = Math.ceil(targets.reduce((n, id) => n + (costs[id.split('/').slice(0, 2).join('/')] ?? meanCost), 0) / 4);
    expect(matrix.include).toHaveLength(expected);
    expect(matrix.include.length).toBeLessThanOrEqual(Math.ceil(targets.length / 3));
    expect(res.stdout).toContain(`shards: ${expected} by default for ${targets.length} targets`);
  });

  it('lets an explicit shards win', async () => {
    const { matrix, targets } = await planAll({ shards: '30' });
    expect(targets.length).toBeGreaterThanOrEqual(30);
    expect(matrix.include).toHaveLength(30);
  });
});

describe('plan with a runner per OS', () => {
  it('sends darwin targets to macOS shards and pins the darwin archive for them', async () => {
    const runner = newRunner();
    checkout('hello', runner.workspace);
    const res = await plan(runner, {
      targets: 'linux/amd64, linux/arm64, darwin/amd64, darwin/arm64',
      shards: '3',
      'runs-on': 'darwin/*: macos-latest',
    });
    expect([res.code, res.errors]).toEqual([0, []]);
    const matrix: Matrix = JSON.parse(res.outputs.matrix!);
    expect(matrix.include).toEqual([
      { shard: 1, targets: 'linux/amd64' },
      { shard: 2, targets: 'linux/arm64' },
      { shard: 3, targets: 'darwin/amd64,darwin/arm64', 'runs-on': 'macos-latest' },
    ]);
    const toolchain: Toolchain = JSON.parse(res.outputs.toolchain!);
    expect(toolchain.sha256.split('\n').sort()).toEqual(
      [`${darwinHash}  ${darwinFile}`, `${f.newer.archive.sha256}  ${mirrorFile}`].sort(),
    );
    expect(toolCacheTree(runner)).toEqual([]);
  });

  it("refuses, before any shard could pin it, a renamed archive that is not Go's when nothing pins it", async () => {
    const runner = newRunner();
    checkout('hello', runner.workspace);
    const res = await plan(runner, { 'go-sha256': '' });
    expect(res.code).toBe(1);
    expect(res.errors).toEqual([expect.stringContaining(`title=Release index disagrees with the official checksum::`)]);
    expect(res.errors[0]).toContain(`lists ${mirrorFile} (Go's ${f.newer.goName}.linux-amd64.tar.gz)`);
    expect(res.outputs).toEqual({});
  });

  it('fails closed when the index contradicts the shipped hash of an official archive', async () => {
    const lying = await startMirror([
      {
        version: f.newer.goName,
        stable: true,
        files: [{ filename: `${f.newer.goName}.linux-amd64.tar.gz`, sha256: f.newer.archive.sha256, path: f.newer.archive.path }],
      },
    ]);
    try {
      const runner = newRunner();
      checkout('hello', runner.workspace);
      const res = await runAction(runner, {
        inputs: { mode: 'plan', 'go-version': 'stable', 'go-download-base-url': lying.url, targets: 'linux/amd64' },
      });
      expect(res.code).toBe(1);
      expect(res.errors[0]).toContain('Release index disagrees with the official checksum');
      expect(res.outputs).toEqual({});
    } finally {
      await lying.close();
    }
  });
});

describe('plan for a Go minor the port table does not record', () => {
  it('installs the verified toolchain in the plan job and takes the ports from it', async () => {
    const old = unrecordedToolchain();
    const archive = await repack(old);
    const oldMirror = await startMirror([
      { version: old.goName, stable: true, files: [{ filename: archive.fileName, sha256: archive.sha256, path: archive.path }] },
    ]);
    try {
      const runner = newRunner();
      writeFileSync(join(runner.workspace, 'go.mod'), `module example.com/hello\n\ngo 1.19\n`);
      const inputs = { mode: 'plan', 'go-version': old.version, 'go-sha256': archive.sha256, 'go-download-base-url': oldMirror.url };
      const res = await runAction(runner, { inputs: { ...inputs, targets: 'linux/amd64, linux/loong64, windows/arm64' } });
      expect([res.code, res.errors]).toEqual([0, []]);
      expect(res.stdout).toContain(`does not know Go ${old.version}: installing it to ask go tool dist list`);
      expect(oldMirror.downloads()).toHaveLength(1);
      expect(JSON.parse(res.outputs.toolchain!)).toEqual({ version: old.version, sha256: `${archive.sha256}  ${archive.fileName}` });
      expect(res.env).toEqual({}); // installed to read its ports, not set up for later steps

      // wasip1/wasm arrived in Go 1.21: the installed 1.19 says it is no port, and the tool cache is reused.
      const again = await runAction(runner, { inputs: { ...inputs, targets: 'linux/amd64, wasip1/wasm' } });
      expect(again.code).toBe(1);
      expect(again.errors).toEqual([expect.stringContaining('wasip1/wasm is not a port of this Go toolchain')]);
      expect(oldMirror.downloads()).toHaveLength(1);
    } finally {
      await oldMirror.close();
    }
  }, 300_000);
});

it('warns about inputs merge mode does not read', async () => {
  const runner = newRunner();
  mkdirSync(join(runner.workspace, 'dist'));
  const res = await merge(runner, { 'go-version': '1.24.4', shards: '3' });
  expect(res.warnings).toEqual([
    '::warning::go-version is ignored: merge mode installs no Go.',
    '::warning::shards is ignored: only plan mode reads them.',
  ]);
});
