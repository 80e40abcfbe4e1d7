// inputs → exact release → verified install in the tool cache → self-checked toolchain.
import type { HttpClient } from '@actions/http-client';
import { getExecOutput } from '@actions/exec';
import { join } from 'node:path';
import semver from 'semver';
import { ActionError, InputError } from '../errors.js';
import type { Inputs } from '../inputs.js';
import { officialHash } from './checksums.js';
import { checkToolchain, parseGoEnv, toolchainEnv, type GoEnv } from './environment.js';
import { install, type Log } from './install.js';
import { archiveFileName, toolCacheArch } from './platform.js';
import { fetchIndex, indexUrl, type Release } from './releases.js';
import { moduleRequirement } from './requirement.js';
import { archiveFor, expectedHash, newestSatisfying, noReleaseError, pickRelease, type HashSource } from './resolve.js';
import { recordedVersions, removeSlot, slot, verifiedInstall } from './tool-cache.js';
import { displayVersion, semverToGoName } from './version.js';

export interface Toolchain {
  /** semver, `1.24.4`. */
  version: string;
  goName: string;
  goroot: string;
  /** The `go` executable of the toolchain: every later step runs this one. */
  go: string;
  gopath: string;
  file: string;
  url: string;
  sha256: string;
  hashSource: HashSource;
  fromToolCache: boolean;
}

export interface SetupContext {
  client: HttpClient;
  toolCache: string;
  env: NodeJS.ProcessEnv;
  log: Log;
}

export async function setupToolchain(inputs: Inputs, ctx: SetupContext): Promise<Toolchain> {
  const windows = inputs.platform.goos === 'windows';
  const arch = toolCacheArch(inputs.platform.goarch);
  const exe = windows ? 'go.exe' : 'go';
  let releases: Release[] | undefined;
  const index = async () => (releases ??= await fetchIndex(ctx.client, inputs.baseUrl, ctx.log.warning));

  // 1. The exact version: given, found in the tool cache for a range, or picked from the index.
  const { spec } = inputs;
  let version = spec.kind === 'exact' ? spec.version : undefined;
  if (spec.kind === 'range' && !inputs.checkLatest) {
    version = newestSatisfying(recordedVersions(ctx.toolCache, arch), spec.range);
    if (version)
      ctx.log.info(`${spec.range} matches ${displayVersion(version)} in the tool cache (check-latest: true asks the index instead)`);
  }
  if (!version) {
    const rel = pickRelease(spec, await index());
    if (!rel) throw noReleaseError(inputs.specInput, inputs.specValue, spec, await index());
    version = rel.version;
  }
  const goName = semverToGoName(version);
  requireNotOlderThanModule(inputs, version);

  // 2. The archive and the hash it must have: pin, shipped table, then (if still unknown) the index.
  const choose = () => {
    const rel = releases?.find((r) => r.version === version);
    const listed = rel && archiveFor(rel, inputs.platform);
    if (releases && !rel) throw noReleaseError(inputs.specInput, inputs.specValue, spec, releases);
    if (rel && !listed) {
      throw new ActionError(
        'No archive for this platform',
        `Go ${displayVersion(version!)} has no ${inputs.platform.goos}/${inputs.platform.goarch} archive in the release index at ${indexUrl(inputs.baseUrl)}.`,
      );
    }
    const file = listed?.filename ?? archiveFileName(goName, inputs.platform);
    const url = `${inputs.baseUrl}/${file}`;
    const expected = expectedHash(file, inputs.pins, officialHash(file), listed?.sha256, releases && indexUrl(inputs.baseUrl));
    return { file, url, expected };
  };
  let chosen = choose();
  if (!chosen.expected && !releases) {
    await index();
    chosen = choose();
  }
  const { file, url, expected } = chosen;
  if (!expected) {
    throw new ActionError(
      'No checksum to verify against',
      `Nothing vouches for ${file}: it is not an official file name known to this action, and the release index does not list its SHA-256. Pin it with go-sha256 ("HASH  ${file}"); the action never installs bytes it cannot verify.`,
    );
  }
  expected.warnings.forEach(ctx.log.warning);

  // 3. A verified tool-cache hit, or a fresh verified install.
  const s = slot(ctx.toolCache, version, arch);
  let record = verifiedInstall(s, expected.sha256, exe);
  const fromToolCache = record !== undefined;
  if (record) ctx.log.info(`Using ${goName} from the tool cache (${s.dir}), verified SHA-256 ${expected.sha256}`);
  else
    record = await install(
      ctx.client,
      { url, file, version, sha256: expected.sha256, toolCache: ctx.toolCache, slot: s, windows, systemRoot: ctx.env.SystemRoot },
      ctx.log,
    );

  // 4. Prove the `go` it will run is the pinned one; a fresh install that fails the proof is removed.
  let goEnv: GoEnv;
  try {
    goEnv = await readGoEnv(s.dir, exe, ctx.env);
    checkToolchain(goEnv, goName, s.dir);
  } catch (e) {
    if (!fromToolCache) await removeSlot(s);
    throw e;
  }
  return {
    version,
    goName,
    goroot: s.dir,
    go: join(s.dir, 'bin', exe),
    gopath: goEnv.GOPATH,
    file,
    url: record.url,
    sha256: expected.sha256,
    hashSource: expected.source,
    fromToolCache,
  };
}

function requireNotOlderThanModule(inputs: Inputs, version: string): void {
  const req = moduleRequirement(inputs.workingDirectory);
  if (req && semver.lt(version, req.version)) {
    throw new InputError(
      inputs.specInput,
      inputs.specValue,
      `it resolves to Go ${displayVersion(version)}, but ${req.file} says "${req.line}"; with GOTOOLCHAIN=local that module cannot be built`,
      `Go ${displayVersion(req.version)} or newer (or go-version-file: ${req.file.endsWith('go.work') ? 'go.work' : 'go.mod'})`,
    );
  }
}

async function readGoEnv(goroot: string, exe: string, env: NodeJS.ProcessEnv): Promise<GoEnv> {
  const out = await getExecOutput(join(goroot, 'bin', exe), ['env', '-json', 'GOVERSION', 'GOROOT', 'GOPATH'], {
    env: toolchainEnv(env, goroot, process.platform === 'win32' ? ';' : ':') as Record<string, string>,
    silent: true,
    ignoreReturnCode: true,
  });
  if (out.exitCode !== 0) {
    throw new ActionError('Toolchain mismatch', `The installed go does not run (go env exited ${out.exitCode}): ${out.stderr.trim()}`);
  }
  return parseGoEnv(out.stdout);
}
