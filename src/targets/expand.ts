// The targets input → the concrete targets, against the toolchain's ports, with errors that name the
// input. Shared by build mode and plan mode, so that a plan accepts exactly what its shards build.
import { InputError } from '../errors.js';
import { resolveTargets, TARGETS_ALLOWED, type Port, type Target, type TargetEntry } from './target.js';

/** What expansion reads of a build's inputs. */
export interface TargetsSpec {
  targets: TargetEntry[];
  targetsText: string;
  exclude: string[];
  settings: { cgo: boolean };
}

/** Presets expanded against the toolchain's ports, exclusions applied, every target checked. */
export function expandTargets(b: TargetsSpec, ports: Port[], goVersion: string): Target[] {
  const targets = resolveTargets(b.targets, b.exclude, ports, b.settings.cgo, goVersion);
  if ('problem' in targets) throw new InputError('targets', b.targetsText, targets.problem, TARGETS_ALLOWED);
  if (targets.length === 0)
    throw new InputError('exclude-targets', b.exclude.join(', '), 'it excludes every target', 'patterns that leave at least one target');
  return targets;
}
