// Which exact release, and which archive with which expected SHA-256, for one platform or several.
// Shared by setup and build mode (the runner's own platform) and plan mode (every platform the
// shards run on), so that all pin the toolchain by the same rules.
import type { HttpClient } from '@actions/http-client';
import semver from 'semver';
import { ActionError } from '../errors.js';
import { isProblem, type InputProblem } from '../lib/problem.js';
import type { ToolchainSpec } from './toolchain-spec.js';
import { officialHash, officialModuleHash } from './checksums.js';
import type { Log } from '../lib/log.js';
import { toolchainModuleVersion } from './module-hash.js';
import { archiveFileName, type Platform } from './platform.js';
import { fetchIndex, indexUrl, type Release } from './releases.js';
import { moduleRequirement } from './requirement.js';
import { pinnedHash } from './sha256-pins.js';
import {
  archiveFor,
  expectedHash,
  expectedTreeHash,
  newestSatisfying,
  noReleaseProblem,
  pickRelease,
  type Expected,
  type ExpectedTree,
} from './resolve.js';
import { displayVersion, semverToGoName, upstreamVersion } from './version.js';

/** The release index, read at most once per step and only when something needs it. */
export class ReleaseIndex {
  private releases?: Promise<Release[]>;
  private read?: Release[];
  constructor(
    private readonly client: HttpClient,
    readonly baseUrl: string,
    private readonly log: Log,
  ) {}

  async get(): Promise<Release[]> {
    this.releases ??= fetchIndex(this.client, this.baseUrl, this.log);
    return (this.read = await this.releases);
  }

  /** The index if it was already read, else undefined. */
  get fetched(): Release[] | undefined {
    return this.read;
  }
}

/**
 * The exact version (semver) a spec names: as given; for a range, the newest of `cached` (the tool
 * cache's recorded versions and the preinstalled ones a known hash can verify) unless check-latest
 * is set; else what the index picks among the releases with an archive for the spec's platform. A
 * problem when the index has none, or the module needs a newer Go than that.
 */
export async function exactVersion(inputs: ToolchainSpec, index: ReleaseIndex, cached: string[], log: Log): Promise<string | InputProblem> {
  const { spec } = inputs;
  let version = spec.kind === 'exact' ? spec.version : undefined;
  if (spec.kind === 'range' && !inputs.checkLatest) {
    version = newestSatisfying(cached, spec.range);
    if (version) log.info(`${spec.range} matches ${displayVersion(version)} in the tool cache (check-latest: true asks the index instead)`);
  }
  if (!version) {
    const releases = await index.get();
    const rel = pickRelease(spec, releases, inputs.platform);
    if (!rel) return noReleaseProblem(inputs.specInput, inputs.specValue, spec, releases, inputs.platform);
    version = rel.version;
  }
  return olderThanModule(inputs, version) ?? version;
}

export interface ArchiveChoice {
  platform: Platform;
  file: string;
  url: string;
  expected: Expected;
}

/**
 * The archive of `version` for `platform` and the hash it must have: the go-sha256 pin, the shipped
 * table, then the index (read only if nothing else vouches for the file). Fails closed: no hash, no
 * archive. A problem when the index lacks the version or go-sha256 pins other files only.
 */
export async function chooseArchive(
  inputs: ToolchainSpec,
  version: string,
  platform: Platform,
  index: ReleaseIndex,
): Promise<ArchiveChoice | InputProblem> {
  const choose = (releases: Release[] | undefined): (Omit<ArchiveChoice, 'expected'> & { expected?: Expected }) | InputProblem => {
    const rel = releases?.find((r) => r.version === version);
    const listed = rel && archiveFor(rel, platform);
    if (releases && !rel) return noReleaseProblem(inputs.specInput, inputs.specValue, inputs.spec, releases, platform);
    if (rel && !listed) {
      throw new ActionError(
        'No archive for this platform',
        `Go ${displayVersion(version)} has no ${platform.goos}/${platform.goarch} archive in the release index at ${indexUrl(index.baseUrl)}.`,
      );
    }
    const officialName = archiveFileName(semverToGoName(version), platform);
    const file = listed?.filename ?? officialName;
    const expected = expectedHash({
      file,
      officialName,
      pins: inputs.pins,
      official: officialHash(officialName),
      indexSha256: listed?.sha256,
      indexUrl: releases && indexUrl(index.baseUrl),
    });
    if (isProblem(expected)) return expected;
    return { platform, file, url: `${index.baseUrl}/${file}`, expected };
  };
  // go-sha256 lines may name a mirror's own file names: then the index says which file is meant.
  if (!index.fetched && inputs.pins.kind === 'files' && !pinnedHash(inputs.pins, archiveFileName(semverToGoName(version), platform)))
    await index.get().catch(() => undefined);
  let chosen = choose(index.fetched);
  if (isProblem(chosen)) return chosen;
  // A mirror without an index (the Microsoft build of Go's, for one) is no reason to stop at the
  // index: nothing vouches for the file either way, and the error says how to pin it.
  let unreadIndex: string | undefined;
  if (!chosen.expected && !index.fetched) {
    const releases = await index.get().catch((e: unknown) => {
      if (!(e instanceof ActionError)) throw e;
      // Its own advice (pin an exact version with go-sha256) is what the error below says anyway.
      unreadIndex = e.message.replace(/\.? Check go-download-base-url.*$/s, '').replace(/\.$/, '');
      return undefined;
    });
    if (releases) chosen = choose(releases);
    if (isProblem(chosen)) return chosen;
  }
  const { expected } = chosen;
  if (!expected) {
    const why = unreadIndex ? `no release index could be read (${unreadIndex})` : 'the release index does not list its SHA-256';
    throw new ActionError(
      'No checksum to verify against',
      `Nothing vouches for ${chosen.file}: it is not an official file name known to this action, and ${why}. Pin it with go-sha256 ("HASH  ${chosen.file}"); the action never installs bytes it cannot verify.`,
    );
  }
  return { ...chosen, expected };
}

/** A release's toolchain module, and the h1 a preinstalled tree of it must hash to (or why none is known). */
export interface TreeChoice {
  /** `v0.0.1-go1.24.4.linux-amd64` */
  moduleVersion: string;
  expected: ExpectedTree;
}

/** What vouches for a preinstalled tree of `version`: go-sha256, then the shipped table. No I/O. */
export function chooseTreeHash(inputs: Pick<ToolchainSpec, 'pins'>, version: string, platform: Platform): TreeChoice {
  const goName = semverToGoName(version);
  const moduleVersion = toolchainModuleVersion(goName, platform);
  const officialName = archiveFileName(goName, platform);
  return {
    moduleVersion,
    expected: expectedTreeHash({
      moduleVersion,
      officialName,
      pins: inputs.pins,
      officialH1: officialModuleHash(moduleVersion),
      official: officialHash(officialName),
    }),
  };
}

function olderThanModule(inputs: ToolchainSpec, version: string): InputProblem | undefined {
  const req = moduleRequirement(inputs.workingDirectory);
  // A revision build is as new as the release it was built from.
  if (req && semver.lt(upstreamVersion(version), req.version)) {
    return {
      input: inputs.specInput,
      value: inputs.specValue,
      problem: `it resolves to Go ${displayVersion(version)}, but ${req.file} says "${req.line}"; with GOTOOLCHAIN=local that module cannot be built`,
      allowed: `Go ${displayVersion(req.version)} or newer (or go-version-file: ${req.file.endsWith('go.work') ? 'go.work' : 'go.mod'})`,
    };
  }
  return undefined;
}
