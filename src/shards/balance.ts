// Plan mode's pure core: targets → balanced shards → the `matrix` and `toolchain` outputs.
import type { Problem } from '../lib/problem.js';
import costTable from './target-costs.json' with { type: 'json' };
import { matchesPattern, targetId, type Target } from '../targets/target.js';
import type { RunnerRule } from './runners.js';

const COSTS = costTable.costs as Record<string, number>;

/**
 * Expected cost of a target's cold build, relative to linux/amd64 (measured by
 * scripts/measure-target-costs.mjs): the standard library is compiled once per target, and some
 * ports compile more of it. A port the table lacks counts as the mean.
 */
export function targetCost(t: Pick<Target, 'goos' | 'goarch'>): number {
  return COSTS[`${t.goos}/${t.goarch}`] ?? MEAN_COST;
}
const MEAN_COST = Object.values(COSTS).reduce((a, b) => a + b, 0) / Math.max(1, Object.keys(COSTS).length);

export interface Shard {
  /** 1-based, as the matrix shows it. */
  shard: number;
  targets: Target[];
  /** The runner label from a runs-on rule; undefined: the workflow's default runner. */
  runsOn?: string;
  cost: number;
}

/**
 * Cold-build cost (in linux/amd64 builds) that one shard should carry by default, and the most
 * shards a default plan makes. docs/matrix.md gives the figures: a job's fixed cost (runner start,
 * checkout, Go install, cache restore, upload) is 30 to 45 s, and on a 4-vCPU hosted runner four
 * cold builds take about as long, so fixed costs stay near half of each job at most. 20 is the
 * Free plan's limit of concurrent Linux jobs: more would queue.
 */
export const DEFAULT_COST_PER_SHARD = 4;
export const MAX_DEFAULT_SHARDS = 20;

/** The default shard count: about DEFAULT_COST_PER_SHARD of cost each, at least one, at most MAX_DEFAULT_SHARDS. */
export function defaultShardCount(targets: Pick<Target, 'goos' | 'goarch'>[]): number {
  // Costs are multiples of 0.05: rounded, so that a float sum of 8.0000001 does not make a shard.
  const cost = Math.round(sum(targets.map(targetCost)) * 100) / 100;
  return Math.max(1, Math.min(MAX_DEFAULT_SHARDS, Math.ceil(cost / DEFAULT_COST_PER_SHARD)));
}

/**
 * Splits targets over `wanted` shards (default: defaultShardCount, and at least one per runner
 * group; never more than one per target). Targets
 * that a runs-on rule sends to a runner only share shards with targets for the same runner; every
 * runner group gets at least one shard and the rest go where a shard would carry the most cost.
 * Within a group, longest-first onto the least loaded shard (LPT), then each shard lists its
 * targets in the order they were given.
 */
export function planShards(targets: Target[], wanted: number | undefined, rules: RunnerRule[]): Shard[] | Problem {
  const groups = new Map<string | undefined, Target[]>();
  for (const t of targets) {
    const label = rules.find((r) => matchesPattern(t, r.pattern))?.label;
    groups.set(label, [...(groups.get(label) ?? []), t]);
  }
  const total = Math.min(wanted ?? Math.max(defaultShardCount(targets), groups.size), targets.length);
  if (total < groups.size) {
    return {
      problem: `${total} shard${total > 1 ? 's' : ''} cannot cover ${groups.size} runners (${[...groups.keys()].map((l) => l ?? 'the default runner').join(', ')}): targets for different runners never share a shard`,
    };
  }
  const entries = [...groups].map(([label, ts]) => ({ label, targets: ts, cost: sum(ts.map(targetCost)), shards: 1 }));
  for (let left = total - entries.length; left > 0; left--) {
    const open = entries.filter((e) => e.shards < e.targets.length);
    const best = open.reduce((a, b) => (b.cost / b.shards > a.cost / a.shards ? b : a));
    best.shards++;
  }

  const out: Shard[] = [];
  for (const e of entries) {
    const bins = Array.from({ length: e.shards }, () => ({ targets: [] as Target[], cost: 0 }));
    const longestFirst = [...e.targets].sort((a, b) => targetCost(b) - targetCost(a));
    for (const t of longestFirst) {
      const bin = bins.reduce((a, b) => (b.cost < a.cost ? b : a));
      bin.targets.push(t);
      bin.cost += targetCost(t);
    }
    for (const bin of bins) {
      const order = (t: Target) => targets.indexOf(t);
      out.push({ shard: out.length + 1, targets: bin.targets.sort((a, b) => order(a) - order(b)), runsOn: e.label, cost: bin.cost });
    }
  }
  return out;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** The `matrix` output: `{"include":[{"shard":1,"targets":"linux/amd64,linux/arm64"},…]}`, one entry per shard. */
export interface MatrixOutput {
  include: { shard: number; targets: string; 'runs-on'?: string }[];
}

/** The `toolchain` output every shard pins: the version and its archives' `HASH  FILE` lines. */
export interface ToolchainOutput {
  version: string;
  sha256: string;
}

export function matrixOutput(shards: Shard[]): MatrixOutput {
  return {
    include: shards.map((s) => ({
      shard: s.shard,
      targets: s.targets.map(targetId).join(','),
      ...(s.runsOn ? { 'runs-on': s.runsOn } : {}),
    })),
  };
}

/** The `toolchain` output: the exact version and one `HASH  FILE` line per runner platform, for go-sha256. */
export function toolchainOutput(version: string, archives: { file: string; sha256: string }[]): ToolchainOutput {
  const lines = [...new Map(archives.map((a) => [a.file, `${a.sha256}  ${a.file}`])).values()].sort();
  return { version, sha256: lines.join('\n') };
}
