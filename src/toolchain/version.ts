// Go release names (go1.24.4, go1.25rc1, go1.20) and semver (1.24.4, 1.25.0-rc.1, 1.20.0) both ways,
// and the user's version spec. Pure.
import semver from 'semver';

/** Oldest Go release the action installs: `go env GOVERSION`, used by the self-check, arrived in 1.16. */
export const MIN_GO = '1.16.0';

export type VersionSpec =
  | { kind: 'exact'; version: string } // semver
  | { kind: 'range'; range: string } // semver range
  | { kind: 'alias'; alias: 'stable' | 'oldstable' };

const GO_NAME = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/;

/** `go1.25rc1` → `1.25.0-rc.1`; undefined when not a Go release name. */
export function goNameToSemver(name: string): string | undefined {
  const m = GO_NAME.exec(name);
  if (!m) return undefined;
  const [, major, minor, patch, pre, preNum] = m;
  const core = `${major}.${minor}.${patch ?? '0'}`;
  return pre ? `${core}-${pre}.${preNum}` : core;
}

/** `1.25.0-rc.1` → `go1.25rc1`; `1.20.0` → `go1.20` (before 1.21 the first release had no `.0`). */
export function semverToGoName(version: string): string {
  const v = semver.parse(version);
  if (!v) throw new Error(`not a semver version: ${version}`);
  const [pre, preNum] = v.prerelease;
  if (pre !== undefined) return `go${v.major}.${v.minor}${pre}${preNum ?? ''}`;
  const patchless = v.patch === 0 && v.major === 1 && v.minor < 21;
  return patchless ? `go${v.major}.${v.minor}` : `go${v.major}.${v.minor}.${v.patch}`;
}

/** `go1.24.4` → `1.24.4`, as Go itself prints it and the `go-version` output reports it. */
export function displayVersion(version: string): string {
  return semverToGoName(version).slice(2);
}

/** Why a spec is unusable, or undefined. Used by the input layer to word its error. */
export type SpecProblem = { problem: string };

/**
 * Parses what a user writes: `1.24.4`, `go1.24.4`, `1.25rc1`, `1.25.0-rc.1`, `1.24` (newest 1.24.x),
 * semver ranges (`^1.23`, `>=1.22 <1.24`), `stable`, `oldstable`.
 */
export function parseVersionSpec(raw: string): VersionSpec | SpecProblem {
  const text = raw.trim();
  if (text === 'stable' || text === 'oldstable') return { kind: 'alias', alias: text };
  const bare = text.startsWith('go') ? text.slice(2) : text;
  // YAML reads an unquoted 1.20 as the number 1.2: catch it before it resolves to an ancient Go.
  if (/^1\.[1-3]$/.test(bare)) {
    return { problem: `looks like YAML turned 1.${bare.slice(2)}0 into ${bare}; quote the version in the workflow` };
  }
  const fromGoName = goNameToSemver(`go${bare}`);
  if (fromGoName && /^\d+\.\d+\.\d+$|(rc|beta)\d+$/.test(bare)) return exact(fromGoName);
  const asSemver = semver.valid(bare);
  if (asSemver) return exact(asSemver);
  if (/^\d+(\.\d+)?$/.test(bare)) return range(`${bare}.x`);
  // Ranges may name pre-releases (`>=1.24.0-rc.1`, `~1.25.0-rc.1`), as setup-go documents.
  const bareRange = text.replace(/-(rc|beta)\.\d+/g, '');
  if (/^[\s\d.x*^~<>=|-]+$/.test(bareRange) && semver.validRange(text)) return range(text);
  return { problem: 'not a Go version, range or alias' };
}

function exact(version: string): VersionSpec | SpecProblem {
  if (semver.lt(version, MIN_GO)) return { problem: `Go releases before ${MIN_GO.slice(0, 4)} are not supported` };
  return { kind: 'exact', version };
}

function range(r: string): VersionSpec | SpecProblem {
  if (!semver.intersects(r, `>=${MIN_GO}`, { includePrerelease: true })) {
    return { problem: `the range allows only Go releases before ${MIN_GO.slice(0, 4)}, which are not supported` };
  }
  return { kind: 'range', range: r };
}

export function isProblem(x: VersionSpec | SpecProblem): x is SpecProblem {
  return 'problem' in x;
}

export function describeSpec(spec: VersionSpec): string {
  if (spec.kind === 'exact') return displayVersion(spec.version);
  return spec.kind === 'range' ? spec.range : spec.alias;
}
