// Plan mode end to end without a network: an exact version the shipped checksum table knows, and a
// minor the shipped port table records, so nothing is fetched or installed (the release index
// points at a closed port: a step that needed it would fail).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/errors.js';
import type { BuildSpec } from '../../../src/gobuild/build-spec.js';
import type { Inputs } from '../../../src/inputs/read.js';
import { newHttpClient } from '../../../src/lib/http.js';
import { PLAN_STEPS, runPlan } from '../../../src/modes/plan.js';
import { parseRunnerRules, type RunnerRule } from '../../../src/shards/runners.js';
import { DEFAULT_COST_PER_SHARD, targetCost } from '../../../src/shards/balance.js';
import { parseTarget, parseTargetList, type Target, type TargetEntry } from '../../../src/targets/target.js';
import { buildSpec, offlineInputs, recordingLog, runnerAt } from '../helpers.js';

const GO1244_LINUX_AMD64 = '77e5da33bb72aeaef1ba4418b6fe511bc4d041873cbf82e5aa6318740df98717';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plan-'));
  writeFileSync(join(dir, 'go.mod'), 'module example.com/hello\n\ngo 1.22\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function plan(targets: string, shards?: number, runsOn: RunnerRule[] = [], over: Partial<Inputs> = {}, b: Partial<BuildSpec> = {}) {
  const build = buildSpec({ targets: parseTargetList(targets) as TargetEntry[], outputDir: join(dir, 'dist'), ...b });
  const inputs = offlineInputs(dir, over);
  const { log, info } = recordingLog();
  const runner = runnerAt(dir);
  const ctx = { runner, client: newHttpClient(1_000), log };
  return { run: () => runPlan(inputs, { build, shards, runsOn }, ctx), info };
}

describe('plan mode', () => {
  it('lists its steps in the order they run', () => {
    expect(PLAN_STEPS.names).toEqual([
      'check the packages',
      'read the release index',
      'pin Go',
      'name the binaries',
      'read the stamp',
      'check the targets',
      'find archive-files',
      'split into shards',
      "check each shard's C compilers",
      "pin each runner's archive",
      'summarize',
    ]);
  });

  it('splits the targets into shards and pins the archive every shard runs with, offline', async () => {
    const result = await plan('linux/amd64, linux/arm64, windows/amd64', 2).run();
    expect(result.mode).toBe('plan');
    expect(result.targets).toEqual(['linux/amd64', 'linux/arm64', 'windows/amd64']);
    expect(result.matrix.include).toHaveLength(2);
    expect(result.matrix.include.flatMap((s) => s.targets.split(',')).sort()).toEqual(['linux/amd64', 'linux/arm64', 'windows/amd64']);
    expect(result.toolchain).toEqual({ version: '1.24.4', sha256: `${GO1244_LINUX_AMD64}  go1.24.4.linux-amd64.tar.gz` });
  });

  it("pins the archive of each runner's platform that runs-on names", async () => {
    const rules = parseRunnerRules('windows/*: windows-latest');
    if ('problem' in rules) throw new Error(rules.problem);
    const result = await plan('linux/amd64, windows/amd64', undefined, rules).run();
    expect(result.matrix.include.find((s) => s.targets === 'windows/amd64')).toMatchObject({ 'runs-on': 'windows-latest' });
    expect(result.toolchain.sha256.split('\n').map((l) => l.split('  ')[1])).toEqual([
      'go1.24.4.linux-amd64.tar.gz',
      'go1.24.4.windows-amd64.zip',
    ]);
  });

  it('plans targets: all into a bounded number of shards by default, and an explicit shards wins', async () => {
    const p = plan('all');
    const result = await p.run();
    const placed = result.matrix.include.flatMap((s) => s.targets.split(','));
    // Every target in exactly one shard.
    expect(placed.sort()).toEqual([...result.targets].sort());
    expect(new Set(placed).size).toBe(placed.length);
    expect(result.targets.length).toBeGreaterThan(30);
    const bounded = Math.ceil(result.targets.reduce((n, id) => n + targetCost(parseTarget(id) as Target), 0) / DEFAULT_COST_PER_SHARD);
    expect(result.matrix.include).toHaveLength(bounded);
    expect(bounded).toBeLessThanOrEqual(result.targets.length / 3);
    expect(p.info).toContain(
      `shards: ${bounded} by default for ${result.targets.length} targets, about ${DEFAULT_COST_PER_SHARD} cold builds each (docs/matrix.md says why); set shards to choose.`,
    );
    const asked = await plan('all', 40).run();
    expect(asked.matrix.include).toHaveLength(40);
    expect(asked.matrix.include.flatMap((s) => s.targets.split(',')).sort()).toEqual([...asked.targets].sort());
  });

  it('says when fewer shards were planned than asked', async () => {
    const p = plan('linux/amd64', 3);
    expect((await p.run()).matrix.include).toHaveLength(1);
    expect(p.info).toContain('shards: 3 asked, 1 planned: a shard builds at least one target.');
  });

  it('refuses what a shard could not build, as the input at fault, before anything is installed', async () => {
    const notPort = (await plan('linux/amd64, linux/amd65')
      .run()
      .catch((x: unknown) => x)) as InputError;
    expect(notPort).toBeInstanceOf(InputError);
    expect([notPort.input, notPort.value]).toEqual(['targets', 'linux/amd65']);
    const cgo = { ...buildSpec().cgo, enabled: true };
    const darwin = plan('linux/amd64, darwin/arm64', undefined, [], {}, { cgo, settings: { ...buildSpec().settings, cgo: true } });
    const e = (await darwin.run().catch((x: unknown) => x)) as InputError;
    expect([e.input, e.value]).toEqual(['targets', 'darwin/arm64']);
    expect(e.allowed).toContain('runs-on: "darwin/*: macos-latest"');
    expect(existsSync(join(dir, 'tc'))).toBe(false);
  });
});
