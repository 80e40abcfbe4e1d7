// goreleaser's names through the bundled action, on a tag build (refs/tags/v1.2.3): the goreleaser
// preset with goreleaser's checksum file name in one job, and the same checksum file name kept by a
// plan → two shards → merge that is never told it.
import { chmodSync, cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact } from '../../src/artifacts/manifest.js';
import { checkout, mirroredFixture, newRunner, runAction, tryRun } from '../support/fixtures.ts';

const { pinnedInputs } = await mirroredFixture();

const TAG = { GITHUB_REF: 'refs/tags/v1.2.3' };
const SUMS = 'hello_1.2.3_checksums.txt';
const NAMES = { 'artifact-name': 'goreleaser', 'checksum-name': '{name}_{version}_checksums.txt', cache: 'false' };

/** sha256sum -c in `dir` on the file `sums`: its exit status and the files it checked. */
function sha256sumCheck(dir: string, sums: string) {
  const check = tryRun('sh', ['-c', 'cd "$1" && sha256sum -c "$2"', 'sh', dir, sums]);
  return {
    status: check.status,
    checked: check.stdout
      .trim()
      .split('\n')
      .map((l) => l.replace(/: OK$/, '')),
  };
}

describe("goreleaser's names in one job", () => {
  const runner = newRunner();
  let res: Awaited<ReturnType<typeof runAction>>;
  let artifacts: Artifact[];

  beforeAll(async () => {
    checkout('hello', runner.workspace);
    res = await runAction(runner, {
      inputs: pinnedInputs({ targets: 'linux/amd64, linux/arm/6, windows/amd64, darwin/arm64', archive: 'tar.gz', ...NAMES }),
      env: TAG,
    });
    artifacts = JSON.parse(res.outputs.artifacts ?? '[]');
  }, 600_000);

  it("names the archives and the checksum file as goreleaser's defaults do", () => {
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);
    const names = ['hello_1.2.3_linux_amd64.tar.gz', 'hello_1.2.3_linux_armv6.tar.gz', 'hello_1.2.3_windows_amd64.tar.gz'];
    expect(artifacts.map((a) => a.name)).toEqual([...names, 'hello_1.2.3_darwin_arm64.tar.gz']);
    const dist = join(runner.workspace, 'dist');
    expect(readdirSync(dist).sort()).toEqual([...artifacts.map((a) => a.name), SUMS, 'artifacts.json'].sort());
    expect(artifacts.map((a) => a.checksums)).toEqual(artifacts.map(() => SUMS));
  });

  it('points checksums-file at that file, which sha256sum -c accepts', () => {
    const dist = join(runner.workspace, 'dist');
    expect(res.outputs['checksums-file']).toBe(join(dist, SUMS));
    const check = sha256sumCheck(dist, SUMS);
    expect(check.status).toBe(0);
    expect(check.checked).toEqual(artifacts.map((a) => a.name).sort());
    expect(res.stdout).toMatch(new RegExp(`Wrote 4 artifacts, ${SUMS} and artifacts\\.json to `));
  });
});

describe('plan → two shards → merge keeps the checksum file name', () => {
  const planner = newRunner();
  const shards = [newRunner(), newRunner()];
  const merger = newRunner();
  let merged: Awaited<ReturnType<typeof runAction>>;
  let built: Awaited<ReturnType<typeof runAction>>[];

  beforeAll(async () => {
    checkout('hello', planner.workspace);
    const plan = await runAction(planner, {
      inputs: pinnedInputs({ mode: 'plan', targets: 'linux/amd64, linux/arm64', shards: '2', ...NAMES }),
      env: TAG,
    });
    expect([plan.code, plan.errors]).toEqual([0, []]);
    const matrix = JSON.parse(plan.outputs.matrix ?? '{}') as { include: { targets: string }[] };
    expect(matrix.include).toHaveLength(2);
    built = [];
    for (const [i, entry] of matrix.include.entries()) {
      checkout('hello', shards[i].workspace);
      built.push(await runAction(shards[i], { inputs: pinnedInputs({ targets: entry.targets, ...NAMES }), env: TAG }));
    }
    // download-artifact: each shard's output-dir in its own directory, every file 0644.
    shards.forEach((s, i) => {
      const to = join(merger.workspace, 'dist', `hello-shard-${i + 1}`);
      cpSync(join(s.workspace, 'dist'), to, { recursive: true });
      for (const n of readdirSync(to)) if (statSync(join(to, n)).isFile()) chmodSync(join(to, n), 0o644);
    });
    // The merge step is given no artifact-name or checksum-name: the shards' artifacts.json say it.
    merged = await runAction(merger, { inputs: { mode: 'merge', targets: plan.outputs.targets ?? '' }, env: TAG });
  }, 600_000);

  it('writes the checksum file under its name in each shard', () => {
    for (const [i, res] of built.entries()) {
      expect([res.code, res.errors]).toEqual([0, []]);
      expect(readdirSync(join(shards[i].workspace, 'dist'))).toContain(SUMS);
    }
  });

  it('merges into one file of that name, listed by checksums-file, that sha256sum -c accepts', () => {
    expect([merged.code, merged.errors]).toEqual([0, []]);
    const dist = join(merger.workspace, 'dist');
    const names = ['hello_1.2.3_linux_amd64.tar.gz', 'hello_1.2.3_linux_arm64.tar.gz'];
    expect(readdirSync(dist).sort()).toEqual([...names, SUMS, 'artifacts.json'].sort());
    expect(merged.outputs['checksums-file']).toBe(join(dist, SUMS));
    expect(sha256sumCheck(dist, SUMS)).toEqual({ status: 0, checked: names });
    const artifacts = JSON.parse(readFileSync(join(dist, 'artifacts.json'), 'utf8')) as Artifact[];
    expect(artifacts.map((a) => [a.name, a.checksums])).toEqual(names.map((n) => [n, SUMS]));
    expect(merged.summary).toContain(`each verified against its shard's ${SUMS}`);
  });
});
