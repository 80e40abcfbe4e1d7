// The targets a job builds, checked before anything is built: expanded against the toolchain's
// ports, their artifact names usable and distinct, and (build mode) each one's C compiler. Plan mode
// runs the same checks, so a plan refuses what its shards could not build.
import type { InputProblem } from '../lib/problem.js';
import { expandTargets } from '../targets/expand.js';
import { isUniversal, type Port, type Target } from '../targets/target.js';
import type { Platform } from '../toolchain/platform.js';
import { chooseCc, type Compilers } from '../cc/choose.js';
import type { ZigArchive } from '../cc/zig-release.js';
import type { NameStamp } from './artifact-names.js';
import type { BuildSpec } from './build-spec.js';
import { namingProblem, type NamedPackage } from './names.js';

/**
 * The targets of `ports` (and darwin/universal, when listed), with names that can be written. The targets are judged first: a target
 * that is no port says more than a binary whose name cannot be derived (`packages`' problem).
 */
export function namedTargets(
  b: BuildSpec,
  ports: Port[],
  goVersion: string,
  packages: NamedPackage[] | InputProblem,
  project: string | InputProblem,
  stamp: NameStamp,
): Target[] | InputProblem {
  const targets = expandTargets(b, ports, goVersion);
  if ('problem' in targets) return targets;
  if ('problem' in packages) return packages;
  if (typeof project !== 'string') return project;
  return namingProblem(b, targets, packages, project, stamp) ?? targets;
}

export interface CheckedTargets {
  /** The ports to build. */
  targets: Target[];
  /** darwin/universal, when listed: assembled after the builds, not built. */
  universal?: Target;
  /** The main packages and their binaries' names. */
  packages: NamedPackage[];
  /** What `{name}` renders in an archive's name. */
  project: string;
  compilers: Compilers;
  /** The zig to install, when it compiles some target's C code. */
  zigArchive?: ZigArchive;
}

/** namedTargets, and each one's C compiler on this runner. */
export function checkTargets(
  b: BuildSpec,
  ports: Port[],
  goVersion: string,
  packages: NamedPackage[] | InputProblem,
  project: string | InputProblem,
  stamp: NameStamp,
  host: Platform,
): CheckedTargets | InputProblem {
  const named = namedTargets(b, ports, goVersion, packages, project, stamp);
  if ('problem' in named) return named;
  const targets = named.filter((t) => !isUniversal(t));
  const universal = named.find(isUniversal);
  const cc = chooseCc(targets, b.cgo, host);
  return 'problem' in cc
    ? cc
    : { targets, ...(universal ? { universal } : {}), packages: packages as NamedPackage[], project: project as string, ...cc };
}
