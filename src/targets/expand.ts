// The targets input → the concrete targets, against the toolchain's ports. Shared by build mode and
// plan mode, so that a plan accepts exactly what its shards build.
import type { InputProblem } from '../lib/problem.js';
import { resolveTargets, type Port, type Target, type TargetEntry } from './target.js';

/** What expansion reads of a build's inputs. */
export interface TargetsSpec {
  targets: TargetEntry[];
  exclude: string[];
  settings: { cgo: boolean };
}

/** Presets expanded against the toolchain's ports, exclusions applied, every target checked. */
export function expandTargets(b: TargetsSpec, ports: Port[], goVersion: string): Target[] | InputProblem {
  const targets = resolveTargets(b.targets, b.exclude, ports, b.settings.cgo, goVersion);
  if ('problem' in targets) return targets;
  if (targets.length === 0)
    return {
      input: 'exclude-targets',
      value: b.exclude.join(', '),
      problem: 'it excludes every target',
      allowed: 'patterns that leave at least one target',
    };
  return targets;
}
