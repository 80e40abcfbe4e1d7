// inputs → exact release → verified install in the tool cache (or a preinstalled tree verified file
// by file) → self-checked toolchain.
import type { HttpClient } from '@actions/http-client';
import { join } from 'node:path';
import { ActionError } from '../errors.js';
import type { ToolchainSpec } from './toolchain-spec.js';
import { checkToolchain, parseGoEnv, toolchainEnv, type GoEnv } from './environment.js';
import { findOnPath } from '../lib/files.js';
import { stallTimeoutMs } from '../lib/http.js';
import { fastToolCache } from './drive.js';
import { install } from './install.js';
import type { Log } from '../lib/log.js';
import { run } from '../lib/process.js';
import { isProblem, type InputProblem } from '../lib/problem.js';
import { TOOLCHAIN_MODULE } from './module-hash.js';
import { chooseArchive, chooseTreeHash, exactVersion, type ArchiveChoice, type ReleaseIndex, type TreeChoice } from './pinning.js';
import { toolCacheArch, type Platform } from './platform.js';
import { checkTree } from './preinstalled.js';
import type { HashSource } from './resolve.js';
import {
  isPreinstalled,
  preinstalledVersions,
  recordedVersions,
  removeSlot,
  slot,
  verifiedInstall,
  type ToolCacheSlot,
} from './tool-cache.js';
import { displayVersion, releaseOfGoVersion, semverToGoName } from './version.js';

/** What every later step needs of the job's Go, whichever way it came. */
interface GoToolchain {
  /** semver, `1.24.4`. */
  version: string;
  goName: string;
  goroot: string;
  /** The `go` executable of the toolchain: every later step runs this one. */
  go: string;
  gopath: string;
}

/** A pinned release, installed from an archive whose SHA-256 matched, or a preinstalled tree that matched its module hash; self-checked. */
export interface VerifiedToolchain extends GoToolchain {
  verified: true;
  /** The archive, its URL and SHA-256; empty when a preinstalled tree was used (no archive was). */
  file: string;
  url: string;
  sha256: string;
  hashSource: HashSource;
  fromToolCache: boolean;
  /** Set when a preinstalled tree was used: the toolchain module hash it matched. */
  moduleHash?: ModuleHash;
}

/** The toolchain module hash a preinstalled tree matched, and what vouched for it. */
export interface ModuleHash {
  /** `golang.org/toolchain@v0.0.1-go1.24.4.linux-amd64` */
  module: string;
  h1: string;
  source: 'go-sha256' | 'checksum table';
}

/**
 * The job's own `go`, found on PATH when setup mode has no version to pin (as setup-go does):
 * nothing pinned it and no checksum vouched for it. It has no archive, URL or hash to report.
 */
export interface UnverifiedToolchain extends GoToolchain {
  verified: false;
}

export type Toolchain = VerifiedToolchain | UnverifiedToolchain;

export interface InstallContext {
  client: HttpClient;
  toolCache: string;
  env: NodeJS.ProcessEnv;
  log: Log;
}

/** The exact release and the archive's expected hash, chosen before anything is downloaded. */
export interface Pin {
  version: string;
  goName: string;
  platform: Platform;
  file: string;
  url: string;
  expected: ArchiveChoice['expected'];
  /** What a preinstalled tree of the release must hash to. */
  tree: TreeChoice;
}

/**
 * 1. The exact version and the archive's expected hash (pin, shipped table, then the index).
 * `toolCacheVersions` lets a range settle on an install already there; plan mode passes none.
 */
export async function pinToolchain(
  spec: ToolchainSpec,
  index: ReleaseIndex,
  toolCacheVersions: string[],
  log: Log,
): Promise<Pin | InputProblem> {
  const version = await exactVersion(spec, index, toolCacheVersions, log);
  if (isProblem(version)) return version;
  const archive = await chooseArchive(spec, version, spec.platform, index);
  if (isProblem(archive)) return archive;
  const { file, url, expected } = archive;
  expected.warnings.forEach(log.warning);
  const tree = chooseTreeHash(spec, version, spec.platform);
  return { version, goName: semverToGoName(version), platform: spec.platform, file, url, expected, tree };
}

const goExe = (p: Platform) => (p.goos === 'windows' ? 'go.exe' : 'go');

/**
 * The tool cache's versions for this platform that a range may settle on: those this action
 * recorded, and preinstalled ones for which a hash to verify them is known. None is hashed here:
 * only the version chosen is, when it is installed.
 */
export function toolCacheVersions(toolCache: string, spec: Pick<ToolchainSpec, 'platform' | 'pins'>): string[] {
  const arch = toolCacheArch(spec.platform.goarch);
  const verifiable = preinstalledVersions(toolCache, arch, goExe(spec.platform)).filter(
    (v) => 'h1' in chooseTreeHash(spec, v, spec.platform).expected,
  );
  return [...new Set([...recordedVersions(toolCache, arch), ...verifiable])];
}

type Source = Pick<VerifiedToolchain, 'file' | 'url' | 'sha256' | 'hashSource' | 'fromToolCache' | 'moduleHash'>;

/**
 * 2. A verified tool-cache hit, a preinstalled tree that matches its module hash, or a fresh
 * verified install (which replaces a preinstalled tree that does not match); 3. the proof that it
 * is the pinned one.
 */
export async function installToolchain(pin: Pin, ctx: InstallContext): Promise<VerifiedToolchain> {
  const { version, goName, file, url, expected, platform } = pin;
  const windows = platform.goos === 'windows';
  const exe = goExe(platform);
  const s = slot(ctx.toolCache, version, toolCacheArch(platform.goarch));
  const archive = { file, sha256: expected.sha256, hashSource: expected.source };
  let source: Source;
  const record = verifiedInstall(s, expected.sha256, exe);
  const moduleHash = !record && isPreinstalled(s, exe) ? await verifyPreinstalled(pin, s, ctx.log) : undefined;
  if (record) {
    ctx.log.info(`Using ${goName} from the tool cache (${s.dir}), verified SHA-256 ${expected.sha256}`);
    source = { ...archive, url: record.url, fromToolCache: true };
  } else if (moduleHash) {
    source = { file: '', url: '', sha256: '', hashSource: 'toolchain module hash', fromToolCache: true, moduleHash };
  } else {
    const installed = await install(
      ctx.client,
      {
        url,
        file,
        version,
        sha256: expected.sha256,
        tool: { label: `Go ${displayVersion(version)}`, topDir: 'go', entry: 'bin', urlInput: 'go-download-base-url' },
        toolCache: ctx.toolCache,
        slot: s,
        fastRoot: fastToolCache(ctx.toolCache, ctx.env, windows),
        platform: `${platform.goos}/${platform.goarch}`,
        stallMs: stallTimeoutMs(ctx.env),
      },
      ctx.log,
    );
    source = { ...archive, url: installed.url, fromToolCache: false };
  }

  // 3. Prove the `go` it will run is the pinned one; a fresh install that fails the proof is removed.
  let goEnv: GoEnv;
  try {
    goEnv = await readGoEnv(s.dir, exe, ctx.env);
    checkToolchain(goEnv, version, s.dir);
  } catch (e) {
    if (!source.fromToolCache) await removeSlot(s);
    throw e;
  }
  return { verified: true, version, goName, goroot: s.dir, go: join(s.dir, 'bin', exe), gopath: goEnv.GOPATH, ...source };
}

/**
 * The module hash a preinstalled tree matched, or undefined (said in one line) when no hash is
 * known for it or it does not match: the verified archive then replaces it.
 */
async function verifyPreinstalled(pin: Pin, s: ToolCacheSlot, log: Log): Promise<ModuleHash | undefined> {
  const { moduleVersion, expected } = pin.tree;
  const refused = (why: string) =>
    `Preinstalled Go ${displayVersion(pin.version)} at ${s.dir} cannot be verified: ${why}; installing the verified archive`;
  // No hash known is expected for releases newer than the table: information, not a warning.
  if ('problem' in expected) {
    log.info(refused(expected.problem));
    return undefined;
  }
  const check = await checkTree(s.dir, moduleVersion, expected.h1);
  if ('problem' in check) {
    log.warning(refused(check.problem));
    return undefined;
  }
  const module = `${TOOLCHAIN_MODULE}@${moduleVersion}`;
  log.info(
    `Using preinstalled ${pin.goName} at ${s.dir}: verified against the toolchain module hash ${expected.h1} of ${module} ` +
      `(from ${expected.source}; ${check.files} files in ${check.seconds.toFixed(1)} s; the ${check.uncovered} under api/, doc/, misc/, test/ are outside the module, not covered)`,
  );
  return { module, h1: expected.h1, source: expected.source };
}

async function readGoEnv(goroot: string, exe: string, env: NodeJS.ProcessEnv): Promise<GoEnv> {
  const out = await runGoEnv(join(goroot, 'bin', exe), toolchainEnv(env, goroot, process.platform === 'win32' ? ';' : ':'));
  if (!out.ok) {
    throw new ActionError('Toolchain mismatch', `The installed go does not run (go env ${out.failure}): ${out.stderr.trim()}`);
  }
  return parseGoEnv(out.stdout);
}

function runGoEnv(go: string, env: NodeJS.ProcessEnv) {
  return run(go, ['env', '-json', 'GOVERSION', 'GOROOT', 'GOPATH'], { env });
}

/**
 * The first `go` on the job's PATH, unverified, or undefined when there is none. It is asked with
 * GOTOOLCHAIN=local, as every later step runs it (action/outputs.ts exports that): a go.mod
 * `toolchain` line must not make it answer for another release.
 */
export async function goOnPath(env: NodeJS.ProcessEnv, pathSep: string, windows: boolean): Promise<UnverifiedToolchain | undefined> {
  const go = findOnPath('go', env.PATH ?? '', pathSep, windows);
  if (!go) return undefined;
  const out = await runGoEnv(go, { ...env, GOTOOLCHAIN: 'local' });
  if (!out.ok) throw new ActionError('Go on PATH does not run', `${go} env ${out.failure}: ${(out.stderr || out.stdout).trim()}`);
  const goEnv = parseGoEnv(out.stdout);
  const version = releaseOfGoVersion(goEnv.GOVERSION);
  if (!version)
    throw new ActionError(
      'Go on PATH is no release',
      `${go} reports GOVERSION ${JSON.stringify(goEnv.GOVERSION)}, which names no Go release (go env GOVERSION arrived in Go 1.16). Set go-version or go-version-file to install a verified release.`,
    );
  return { verified: false, version, goName: semverToGoName(version), goroot: goEnv.GOROOT, go, gopath: goEnv.GOPATH };
}
