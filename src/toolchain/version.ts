// Go release names (go1.24.4, go1.25rc1, go1.20, go1.25.0-1) and semver (1.24.4, 1.25.0-rc.1, 1.20.0,
// 1.25.0-1) both ways, and the user's version spec. Pure.
//
// A revision build is a rebuilt Go release numbered by its publisher: the Microsoft build of Go
// calls its builds of Go 1.25.0 `1.25.0-1`, `1.25.0-2`, … (archives go1.25.0-1.linux-amd64.tar.gz).
// Internally it stays one semver string, `1.25.0-1`: its pre-release part is a single number, which
// Go's own pre-releases never are (`1.25.0-rc.1`, `1.25.0-beta.2`). That string names its archive,
// its tool-cache slot, its cache keys and the go-version output. Semver would order 1.25.0-1 before
// 1.25.0 (and before 1.25.0-rc.1), so comparisons with other releases go through upstreamVersion,
// and ranges and aliases never pick a revision build (resolve.ts): only an exact spec names one.
// Revision builds of pre-releases (1.25rc1-1) and Microsoft's `-fips` style suffixes are not taken.
import type { Problem } from '../lib/problem.js';
import semver from 'semver';

/** Oldest Go release the action installs: `go env GOVERSION`, used by the self-check, arrived in 1.16. */
export const MIN_GO = '1.16.0';

export type VersionSpec =
  | { kind: 'exact'; version: string } // semver
  | { kind: 'range'; range: string } // semver range
  | { kind: 'alias'; alias: 'stable' | 'oldstable' };

const GO_NAME = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+)|-([1-9]\d*))?$/;

/** `go1.25rc1` → `1.25.0-rc.1`, `go1.25.0-1` → `1.25.0-1`; undefined when not a Go release name. */
export function goNameToSemver(name: string): string | undefined {
  const m = GO_NAME.exec(name);
  if (!m) return undefined;
  const [, major, minor, patch, pre, preNum, revision] = m;
  // A revision build always spells its release in full: go1.20.0-1, never go1.20-1.
  if (revision && patch === undefined) return undefined;
  const core = `${major}.${minor}.${patch ?? '0'}`;
  if (revision) return `${core}-${revision}`;
  return pre ? `${core}-${pre}.${preNum}` : core;
}

/** The revision of a revision build (`1.25.0-1` → 1); undefined for Go's own releases. */
export function revisionOf(version: string): number | undefined {
  const pre = semver.parse(version)?.prerelease;
  return pre?.length === 1 && typeof pre[0] === 'number' && pre[0] > 0 ? pre[0] : undefined;
}

export function isRevision(version: string): boolean {
  return revisionOf(version) !== undefined;
}

/** The Go release a revision build was built from (`1.25.0-1` → `1.25.0`); any other version as is. */
export function upstreamVersion(version: string): string {
  if (!isRevision(version)) return version;
  const v = semver.parse(version) as semver.SemVer;
  return `${v.major}.${v.minor}.${v.patch}`;
}

/**
 * What `go env GOVERSION` of this release says: its Go name, except for a revision build, whose
 * VERSION file holds the upstream release it was built from (the Microsoft build of Go keeps its
 * revision in a separate MICROSOFT_REVISION file), so `1.25.0-1` reports `go1.25.0`.
 */
export function reportedGoVersion(version: string): string {
  return semverToGoName(upstreamVersion(version));
}

/**
 * `1.25.0-rc.1` → `go1.25rc1`; `1.20.0` → `go1.20` (before 1.21 the first release had no `.0`);
 * `1.25.0-1` → `go1.25.0-1` (a revision build's name is always in full).
 */
export function semverToGoName(version: string): string {
  const v = semver.parse(version);
  if (!v) throw new Error(`not a semver version: ${version}`);
  const revision = revisionOf(version);
  if (revision !== undefined) return `go${v.major}.${v.minor}.${v.patch}-${revision}`;
  const [pre, preNum] = v.prerelease;
  if (pre !== undefined) return `go${v.major}.${v.minor}${pre}${preNum ?? ''}`;
  const patchless = v.patch === 0 && v.major === 1 && v.minor < 21;
  return patchless ? `go${v.major}.${v.minor}` : `go${v.major}.${v.minor}.${v.patch}`;
}

/** `go1.24.4` → `1.24.4`, as Go itself prints it and the `go-version` output reports it. */
export function displayVersion(version: string): string {
  return semverToGoName(version).slice(2);
}

/**
 * The release (semver) that a `go env GOVERSION` names, or undefined: `go1.24.4` → `1.24.4`. What
 * follows the release name is left out: an experiment (`go1.24.4 X:boringcrypto`) or a
 * distribution's note (`go1.22.9 (Red Hat 1.22.9-2.el9_5)`). A development build (`devel …`) names none.
 */
export function releaseOfGoVersion(goversion: string): string | undefined {
  const name = /^go\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?(?![\w.])/.exec(goversion.trim())?.[0];
  return name === undefined ? undefined : goNameToSemver(name);
}

/**
 * Parses what a user writes: `1.24.4`, `go1.24.4`, `1.25rc1`, `1.25.0-rc.1`, a revision build
 * (`1.25.0-1`, `go1.25.0-1`), `1.24` (newest 1.24.x), semver ranges (`^1.23`, `>=1.22 <1.24`),
 * `stable`, `oldstable`.
 */
export function parseVersionSpec(raw: string): VersionSpec | Problem {
  const text = raw.trim();
  if (text === 'stable' || text === 'oldstable') return { kind: 'alias', alias: text };
  const bare = text.startsWith('go') ? text.slice(2) : text;
  // YAML reads an unquoted 1.20 as the number 1.2: catch it before it resolves to an ancient Go.
  if (/^1\.[1-3]$/.test(bare)) {
    return { problem: `looks like YAML turned 1.${bare.slice(2)}0 into ${bare}; quote the version in the workflow` };
  }
  const fromGoName = goNameToSemver(`go${bare}`);
  if (fromGoName && /^\d+\.\d+\.\d+(-\d+)?$|(rc|beta)\d+$/.test(bare)) return exact(fromGoName);
  if (/^\d+\.\d+\.\d+-\d+$/.test(bare)) return { problem: 'not a Go version: revision builds are numbered from 1 (1.25.0-1)' };
  // Semver spellings only of what Go releases: `1.25.0-rc.1`, not `1.25.0-alpha` or `1.25.0-1.2`.
  const asSemver = semver.valid(bare);
  if (asSemver && goNameToSemver(semverToGoName(asSemver)) === asSemver) return exact(asSemver);
  if (/^\d+(\.\d+)?$/.test(bare)) return range(`${bare}.x`);
  // Ranges may name pre-releases (`>=1.24.0-rc.1`, `~1.25.0-rc.1`), as setup-go documents.
  const bareRange = text.replace(/-(rc|beta)\.\d+/g, '');
  // Not revision builds: semver would order 1.25.0-1 before 1.25.0 and 1.25.0-rc.1, so such a range
  // would not mean what it says. A revision build is chosen by its exact version only.
  if (/[\dx*]-\d/.test(bareRange)) {
    return { problem: 'a range cannot name a revision build (such as 1.25.0-1); give the exact revision instead' };
  }
  if (/^[\s\d.x*^~<>=|-]+$/.test(bareRange) && semver.validRange(text)) return range(text);
  return { problem: 'not a Go version, range or alias' };
}

function exact(version: string): VersionSpec | Problem {
  if (semver.lt(upstreamVersion(version), MIN_GO)) return { problem: `Go releases before ${MIN_GO.slice(0, 4)} are not supported` };
  return { kind: 'exact', version };
}

function range(r: string): VersionSpec | Problem {
  if (!semver.intersects(r, `>=${MIN_GO}`, { includePrerelease: true })) {
    return { problem: `the range allows only Go releases before ${MIN_GO.slice(0, 4)}, which are not supported` };
  }
  return { kind: 'range', range: r };
}

export function describeSpec(spec: VersionSpec): string {
  if (spec.kind === 'exact') return displayVersion(spec.version);
  return spec.kind === 'range' ? spec.range : spec.alias;
}
