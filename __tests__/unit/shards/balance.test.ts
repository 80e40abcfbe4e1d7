import {
  DEFAULT_COST_PER_SHARD,
  defaultShardCount,
  MAX_DEFAULT_SHARDS,
  matrixOutput,
  planShards,
  targetCost,
  toolchainOutput,
  type Shard,
} from '../../../src/shards/balance.js';
import { parseRunnerRules, type RunnerRule } from '../../../src/shards/runners.js';
import { parseTarget, targetId, type Target } from '../../../src/targets/target.js';

const t = (text: string) => parseTarget(text) as Target;
const ids = (shards: Shard[] | { problem: string }) => ('problem' in shards ? shards : shards.map((s) => s.targets.map(targetId)));
const rules = (text: string) => parseRunnerRules(text) as RunnerRule[];

const MANY = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/7',
  'linux/386',
  'linux/riscv64',
  'linux/ppc64le',
  'linux/s390x',
  'windows/amd64',
  'windows/arm64',
  'darwin/amd64',
  'darwin/arm64',
  'freebsd/amd64',
  'js/wasm',
  'wasip1/wasm',
].map(t);

/** A small deterministic PRNG, so that the property cases are the same on every run. */
function prng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('planShards', () => {
  it('defaults to about one shard per 4 cold builds of cost, each listing its targets in the order given', () => {
    // 3 targets cost about 3: one shard.
    expect(ids(planShards(MANY.slice(0, 3), undefined, []))).toEqual([['linux/amd64', 'linux/arm64', 'linux/arm/7']]);
    // 14 targets cost 13.2: 4 shards of 3 or 4 targets.
    const shards = planShards(MANY, undefined, []) as Shard[];
    expect(defaultShardCount(MANY)).toBe(4);
    expect(shards.map((s) => s.targets.length).sort()).toEqual([3, 3, 4, 4]);
    expect(shards.flatMap((s) => s.targets.map(targetId)).sort()).toEqual(MANY.map(targetId).sort());
  });

  it('bounds the default: one shard per DEFAULT_COST_PER_SHARD of cost, at least one, at most MAX_DEFAULT_SHARDS', () => {
    const amd64 = (n: number) => Array.from({ length: n }, () => t('linux/amd64'));
    expect([1, 4, 5, 8, 9, 40, 80, 81, 200].map((n) => defaultShardCount(amd64(n)))).toEqual([1, 1, 2, 2, 3, 10, 20, 20, 20]);
    expect(DEFAULT_COST_PER_SHARD * MAX_DEFAULT_SHARDS).toBe(80);
    // 200 targets still fit in 20 shards, every one placed once.
    const many = planShards(amd64(200), undefined, []) as Shard[];
    expect(many).toHaveLength(MAX_DEFAULT_SHARDS);
    expect(many.reduce((n, s) => n + s.targets.length, 0)).toBe(200);
  });

  it('gives every runner group a shard by default, whatever the cost', () => {
    const shards = planShards(MANY.slice(0, 3), undefined, rules('linux/arm64: ubuntu-24.04-arm')) as Shard[];
    expect(shards.map((s) => [s.runsOn, s.targets.map(targetId)])).toEqual([
      [undefined, ['linux/amd64', 'linux/arm/7']],
      ['ubuntu-24.04-arm', ['linux/arm64']],
    ]);
  });

  it('lets an explicit shards win over the default, in both directions', () => {
    expect(planShards(MANY, 14, []) as Shard[]).toHaveLength(14);
    expect(planShards(MANY, 1, []) as Shard[]).toHaveLength(1);
  });

  it('never plans more shards than targets', () => {
    const shards = planShards(MANY.slice(0, 2), 8, []) as Shard[];
    expect(shards.map((s) => s.shard)).toEqual([1, 2]);
  });

  it('places every target exactly once and lists each shard in the given order', () => {
    const shards = planShards(MANY, 4, []) as Shard[];
    expect(shards).toHaveLength(4);
    expect(shards.flatMap((s) => s.targets.map(targetId)).sort()).toEqual(MANY.map(targetId).sort());
    for (const s of shards) {
      const order = s.targets.map((x) => MANY.indexOf(x));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(s.cost).toBeCloseTo(s.targets.reduce((n, x) => n + targetCost(x), 0));
    }
  });

  it('balances by cost: no shard carries more than the mean load plus one target (list-scheduling bound)', () => {
    const rand = prng(7);
    for (let round = 0; round < 50; round++) {
      const subset = MANY.filter(() => rand() < 0.7);
      if (subset.length < 2) continue;
      const k = 1 + Math.floor(rand() * subset.length);
      const shards = planShards(subset, k, []) as Shard[];
      const total = subset.reduce((n, x) => n + targetCost(x), 0);
      const biggest = Math.max(...subset.map(targetCost));
      expect(shards).toHaveLength(k);
      for (const s of shards) {
        expect(s.targets.length).toBeGreaterThan(0);
        expect(s.cost).toBeLessThanOrEqual(total / k + biggest + 1e-9);
      }
    }
  });

  it('puts the costliest targets on separate shards first (longest first)', () => {
    const sorted = [...MANY].sort((a, b) => targetCost(b) - targetCost(a));
    const shards = planShards(MANY, 3, []) as Shard[];
    const shardOf = (x: Target) => shards.findIndex((s) => s.targets.includes(x));
    expect(new Set(sorted.slice(0, 3).map(shardOf)).size).toBe(3);
  });

  it('keeps targets for different runners apart and gives the spare shards to the bigger group', () => {
    const shards = planShards(MANY.slice(0, 7).concat(t('darwin/arm64')), 3, rules('darwin/*: macos-latest')) as Shard[];
    expect(shards.map((s) => s.runsOn)).toEqual([undefined, undefined, 'macos-latest']);
    expect(shards[2].targets.map(targetId)).toEqual(['darwin/arm64']);
    expect(
      shards
        .slice(0, 2)
        .flatMap((s) => s.targets.map(targetId))
        .sort(),
    ).toEqual(MANY.slice(0, 7).map(targetId).sort());
  });

  it('uses the first runs-on rule a target matches', () => {
    const shards = planShards(
      [t('windows/arm64'), t('windows/amd64')],
      undefined,
      rules('windows/arm64: windows-11-arm\nwindows/*: windows-latest'),
    );
    expect((shards as Shard[]).map((s) => s.runsOn)).toEqual(['windows-11-arm', 'windows-latest']);
  });

  it('refuses fewer shards than runner groups', () => {
    expect(planShards([t('linux/amd64'), t('darwin/arm64')], 1, rules('darwin/*: macos-14'))).toEqual({
      problem: '1 shard cannot cover 2 runners (the default runner, macos-14): targets for different runners never share a shard',
    });
  });
});

describe('targetCost', () => {
  it('is relative to linux/amd64, and a port the table lacks costs the mean', () => {
    expect(targetCost(t('linux/amd64'))).toBe(1);
    const unknown = targetCost(t('plan9/arm'));
    expect(unknown).toBeGreaterThan(0.5);
    expect(unknown).toBeLessThan(2);
  });
});

describe('outputs', () => {
  it('writes the matrix with runs-on only where a rule set it', () => {
    const shards = planShards([t('linux/amd64'), t('linux/arm/7'), t('darwin/arm64')], 2, rules('darwin/*: macos-14')) as Shard[];
    expect(matrixOutput(shards)).toEqual({
      include: [
        { shard: 1, targets: 'linux/amd64,linux/arm/7' },
        { shard: 2, targets: 'darwin/arm64', 'runs-on': 'macos-14' },
      ],
    });
  });

  it('writes one sorted go-sha256 line per archive', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    expect(
      toolchainOutput('1.24.4', [
        { file: 'go1.24.4.linux-amd64.tar.gz', sha256: b },
        { file: 'go1.24.4.darwin-arm64.tar.gz', sha256: a },
        { file: 'go1.24.4.linux-amd64.tar.gz', sha256: b },
      ]),
    ).toEqual({ version: '1.24.4', sha256: `${a}  go1.24.4.darwin-arm64.tar.gz\n${b}  go1.24.4.linux-amd64.tar.gz` });
  });
});
