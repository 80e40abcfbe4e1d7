// What plan mode splits into shards.
import type { BuildSpec } from '../gobuild/build-spec.js';
import type { RunnerRule } from './runners.js';

export interface ShardSpec {
  /** What the shards will build: the plan expands and checks it. */
  build: BuildSpec;
  /** Matrix jobs wanted; undefined: the default that balance.ts derives from the targets' build cost. */
  shards?: number;
  runsOn: RunnerRule[];
}
