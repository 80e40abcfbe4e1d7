// Which release, which archive, which expected SHA-256. Pure: the caller fetches the index and
// reads the tool cache, and passes what it found.
import semver from 'semver';
import { ActionError } from '../errors.js';
import type { InputProblem, Problem } from '../lib/problem.js';
import type { OfficialHash } from './checksums.js';
import { TOOLCHAIN_MODULE } from './module-hash.js';
import { pinnedHash, pinnedModuleHash, type Pins } from './sha256-pins.js';
import { indexArch, type Platform } from './platform.js';
import type { Release } from './releases.js';
import { displayVersion, isRevision, type VersionSpec } from './version.js';

export function stableReleases(releases: Release[]): Release[] {
  return releases.filter((r) => r.stable).sort((a, b) => semver.rcompare(a.version, b.version));
}

/**
 * The release a spec names in the index, or undefined. Aliases and plain ranges consider stable
 * releases only; a range naming a pre-release also considers unstable ones. Aliases and ranges
 * consider only releases with an archive for `platform`, as setup-go does: `stable` for linux/386
 * is the newest release that has a linux-386 archive, and `oldstable` the newest of the minor
 * before that one's. An exact version is taken as named; the archive step says when it has none.
 *
 * Ranges and aliases choose among Go's own releases only: a revision build (`1.25.0-1`, see
 * version.ts) is installed only when an exact spec names it. A mirror that lists rebuilt
 * toolchains beside Go's releases must not have one picked for `stable` or `^1.25`, and semver's
 * order would get it wrong besides (1.25.0-1 sorts below 1.25.0, and a pre-release comparator such
 * as `<=1.25.0-rc.2` matches it).
 */
export function pickRelease(spec: VersionSpec, releases: Release[], platform: Platform): Release | undefined {
  return pickAmong(spec, releases, (r) => archiveFor(r, platform) !== undefined);
}

function pickAmong(spec: VersionSpec, releases: Release[], usable: (r: Release) => boolean): Release | undefined {
  if (spec.kind === 'exact') return releases.find((r) => r.version === spec.version);
  const upstream = releases.filter((r) => !isRevision(r.version) && usable(r));
  const stable = stableReleases(upstream);
  if (spec.kind === 'range') {
    // A range that names a pre-release may pick one (semver's rule: only of that same version).
    const pool = /-(rc|beta)\./.test(spec.range) ? upstream : stable;
    const best = semver.maxSatisfying(
      pool.map((r) => r.version),
      spec.range,
    );
    return pool.find((r) => r.version === best);
  }
  const newest = stable[0];
  if (!newest || spec.alias === 'stable') return newest;
  const minor = semver.minor(newest.version);
  return stable.find((r) => semver.major(r.version) === semver.major(newest.version) && semver.minor(r.version) < minor);
}

/** Newest of `versions` (semver) satisfying a range, for a tool-cache hit without the index; never a revision build. */
export function newestSatisfying(versions: string[], range: string): string | undefined {
  return (
    semver.maxSatisfying(
      versions.filter((v) => !isRevision(v)),
      range,
    ) ?? undefined
  );
}

/** The archive of a release for a platform, as the index lists it. */
export function archiveFor(release: Release, p: Platform) {
  return release.files.find((f) => f.kind === 'archive' && f.os === p.goos && f.arch === indexArch(p.goarch));
}

/** What vouched for an archive's SHA-256. */
export type ArchiveHashSource = 'go-sha256' | 'checksum table' | 'release index';

/** What vouched for the toolchain a job got: an archive's hash, or a preinstalled tree's module hash. */
export type HashSource = ArchiveHashSource | 'toolchain module hash';

export interface Expected {
  sha256: string;
  source: ArchiveHashSource;
  warnings: string[];
}

/** What vouches for one archive: the file the mirror serves, and what the action knows of it. */
export interface HashEvidence {
  /** The mirror's file name (the index's, or the official one when no index was read). */
  file: string;
  /** Go's own name for this version and platform: the shipped table is looked up by it. */
  officialName: string;
  pins: Pins;
  /** The shipped table's entry for `officialName`, whatever the mirror calls its file. */
  official: OfficialHash | undefined;
  indexSha256: string | undefined;
  indexUrl: string | undefined;
}

/**
 * The hash the archive must have. Order: the go-sha256 pin (naming the mirror's file or Go's), the
 * shipped table, the index. The table decides whenever it knows the release, so a mirror cannot
 * slip other bytes in by renaming the file; an index that contradicts it is rejected outright. The
 * index alone vouches only for releases the table does not cover, with a warning. Returns undefined
 * when nothing vouches for the file yet (the caller may fetch the index), and the go-sha256 problem
 * when its lines pin other files only.
 */
export function expectedHash(e: HashEvidence): Expected | InputProblem | undefined {
  const { file, officialName, pins, official, indexSha256, indexUrl } = e;
  const pin = pinnedHash(pins, file) ?? pinnedHash(pins, officialName);
  if (pin) {
    const warnings =
      official && official.sha256 !== pin
        ? [
            `go-sha256 pins ${pin} for ${file}, but the official hash of ${officialName} is ${official.sha256}: installing the pinned bytes, not Go's.`,
          ]
        : [];
    return { sha256: pin, source: 'go-sha256', warnings };
  }
  if (pins.kind === 'files') {
    const covered = [...pins.byFile.keys()].join(', ');
    return {
      input: 'go-sha256',
      value: covered,
      problem: `no line pins ${file}, the archive this runner needs`,
      allowed: `a "HASH  ${file}" line (or remove go-sha256 to use the checksums shipped with the action)`,
    };
  }
  if (official) {
    if (indexSha256 && indexSha256 !== official.sha256) {
      const named = file === officialName ? file : `${file} (Go's ${officialName})`;
      throw new ActionError(
        'Release index disagrees with the official checksum',
        `The release index at ${indexUrl} lists ${named} with SHA-256 ${indexSha256}, but the official hash shipped with this action is ${official.sha256}. The mirror serves something other than Go's release; nothing was downloaded. If the mirror is yours and rebuilt on purpose, pin its hash with go-sha256 ("HASH  ${file}").`,
      );
    }
    const warnings = official.provisional
      ? [`The shipped hash of ${officialName} is provisional (from unattributed copies only); pin it with go-sha256 for full assurance.`]
      : [];
    return { sha256: official.sha256, source: 'checksum table', warnings };
  }
  if (!indexSha256) return undefined;
  return {
    sha256: indexSha256,
    source: 'release index',
    warnings: [
      `${officialName} is not in the checksum table shipped with this action: ${file} is verified against the release index at ${indexUrl} only. Pin it with go-sha256 ("HASH  ${file}") for full assurance.`,
    ],
  };
}

/** What vouches for a Go tree already in the tool cache: its toolchain module's h1, and where that came from. */
export interface TreeEvidence {
  /** `v0.0.1-go1.24.4.linux-amd64` */
  moduleVersion: string;
  /** Go's archive name for the same release and platform. */
  officialName: string;
  pins: Pins;
  /** The shipped table's h1 for the module. */
  officialH1: string | undefined;
  /** The shipped table's hash of Go's archive. */
  official: OfficialHash | undefined;
}

export type ExpectedTree = { h1: string; source: 'go-sha256' | 'checksum table' } | Problem;

/**
 * The h1 a preinstalled tree must hash to, or why none is known. A go-sha256 line for the module
 * decides. The shipped h1 is Go's own release, so it stands only where go-sha256 does not pin other
 * bytes for this release: a pin of the archive that is not Go's official hash (a rebuilt toolchain
 * on a mirror) would otherwise be bypassed by a tree that matches Go's. Pure.
 */
export function expectedTreeHash(e: TreeEvidence): ExpectedTree {
  const { moduleVersion, officialName, pins, officialH1, official } = e;
  const pinned = pinnedModuleHash(pins, moduleVersion);
  if (pinned) return { h1: pinned, source: 'go-sha256' };
  const line = `"${TOOLCHAIN_MODULE} ${moduleVersion} h1:…"`;
  if (!officialH1)
    return {
      problem: `no toolchain module hash is known for it (go-sha256 has no ${line} line, and the checksum table shipped with this action has none)`,
    };
  const archivePin = pinnedHash(pins, officialName);
  if (pins.kind !== 'none' && (!archivePin || archivePin !== official?.sha256)) {
    const what = archivePin ? `${officialName} to other bytes than Go's release` : `archives but not Go's ${officialName}`;
    return {
      problem: `go-sha256 pins ${what}, and the shipped module hash vouches for Go's release only (add a ${line} line to pin the tree)`,
    };
  }
  return { h1: officialH1, source: 'checksum table' };
}

/**
 * A spec the index cannot satisfy for `platform`, naming the input and the nearest releases. When
 * releases match but none has the platform's archive, it says so and offers those that have one.
 */
export function noReleaseProblem(input: string, value: string, spec: VersionSpec, releases: Release[], platform: Platform): InputProblem {
  const onPlatform = releases.filter((r) => archiveFor(r, platform) !== undefined);
  const newestOf = (rs: Release[]) =>
    stableReleases(rs)
      .slice(0, 3)
      .map((r) => displayVersion(r.version));
  // Only when the platform is what stops the spec: chooseArchive also comes here, for a version
  // (from the tool cache, say) that the index lacks.
  const matching = spec.kind === 'exact' || pickRelease(spec, releases, platform) ? undefined : pickAmong(spec, releases, () => true);
  if (matching) {
    const p = `${platform.goos}/${platform.goarch}`;
    const newest = newestOf(onPlatform);
    return {
      input,
      value,
      problem: `no Go release that matches it has a ${p} archive in the release index (the newest that matches, ${displayVersion(matching.version)}, has none)`,
      allowed: newest.length
        ? `a version with a ${p} archive, such as ${newest.join(', ')}, or another architecture`
        : `another architecture: the index lists no ${p} archive`,
    };
  }
  const stable = stableReleases(releases);
  const newest = newestOf(onPlatform.length ? onPlatform : releases);
  let problem = spec.kind === 'exact' ? 'no such Go release in the release index' : 'no stable Go release in the index matches';
  if (spec.kind === 'exact' && isRevision(spec.version))
    problem += ` (${displayVersion(spec.version)} is a revision build, such as the Microsoft build of Go publishes: go-download-base-url must name a mirror that serves it)`;
  else if (spec.kind !== 'exact' && stable.length > 0 && stable.every((r) => isRevision(r.version)))
    problem += ' (the index lists only revision builds, which only an exact version selects)';
  return { input, value, problem, allowed: `a released version such as ${newest.join(', ') || '(the index lists none)'}` };
}
