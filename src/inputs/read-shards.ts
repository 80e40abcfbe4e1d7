// shards, runs-on → what plan mode splits, and where each shard runs.
import { InputError } from '../errors.js';
import type { BuildSpec } from '../gobuild/build-spec.js';
import { parseRunnerRules, RUNS_ON_ALLOWED } from '../shards/runners.js';
import type { ShardSpec } from '../shards/shard-spec.js';
import type { InputSource } from './input-source.js';

export function readShardSpec(src: InputSource, build: BuildSpec): ShardSpec {
  const shardsText = src.get('shards').trim();
  const shards = !shardsText ? undefined : /^\d+$/.test(shardsText) ? Number(shardsText) : NaN;
  if (shards !== undefined && (!Number.isInteger(shards) || shards < 1 || shards > 256))
    throw new InputError(
      'shards',
      shardsText,
      'not a whole number from 1 to 256',
      'the number of matrix jobs (default: about one per 4 cold builds of cost, at most 20)',
    );
  const runsOnText = src.get('runs-on');
  const runsOn = parseRunnerRules(runsOnText);
  if ('problem' in runsOn) throw new InputError('runs-on', runsOnText.trim(), runsOn.problem, RUNS_ON_ALLOWED);
  return { build, shards, runsOn };
}
