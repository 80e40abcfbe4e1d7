// inputs → exact release → verified install in the tool cache → self-checked toolchain.
import type { HttpClient } from '@actions/http-client';
import { getExecOutput } from '@actions/exec';
import { join } from 'node:path';
import { ActionError } from '../errors.js';
import type { ToolchainSpec } from './spec.js';
import { checkToolchain, parseGoEnv, toolchainEnv, type GoEnv } from './environment.js';
import { findOnPath } from '../lib/files.js';
import { stallTimeoutMs } from '../lib/http.js';
import { install } from './install.js';
import type { Log } from '../lib/log.js';
import { chooseArchive, exactVersion, type ArchiveChoice, type ReleaseIndex } from './pinning.js';
import { toolCacheArch, type Platform } from './platform.js';
import type { HashSource } from './resolve.js';
import { recordedVersions, removeSlot, slot, verifiedInstall } from './tool-cache.js';
import { releaseOfGoVersion, semverToGoName } from './version.js';

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

/** A pinned release, installed from an archive whose SHA-256 matched, and self-checked. */
export interface VerifiedToolchain extends GoToolchain {
  verified: true;
  file: string;
  url: string;
  sha256: string;
  hashSource: HashSource;
  fromToolCache: boolean;
}

/**
 * The job's own `go`, found on PATH when setup mode has no version to pin (as setup-go does):
 * nothing pinned it and no checksum vouched for it. It has no archive, URL or hash to report.
 */
export interface UnverifiedToolchain extends GoToolchain {
  verified: false;
}

export type Toolchain = VerifiedToolchain | UnverifiedToolchain;

export interface SetupContext {
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
}

/**
 * 1. The exact version and the archive's expected hash (pin, shipped table, then the index).
 * `toolCacheVersions` lets a range settle on an install already there; plan mode passes none.
 */
export async function pinToolchain(spec: ToolchainSpec, index: ReleaseIndex, toolCacheVersions: string[], log: Log): Promise<Pin> {
  const version = await exactVersion(spec, index, toolCacheVersions, log);
  const { file, url, expected } = await chooseArchive(spec, version, spec.platform, index);
  expected.warnings.forEach(log.warning);
  return { version, goName: semverToGoName(version), platform: spec.platform, file, url, expected };
}

/** The versions recorded in the tool cache for this platform: what a range may settle on. */
export function toolCacheVersions(toolCache: string, platform: Platform): string[] {
  return recordedVersions(toolCache, toolCacheArch(platform.goarch));
}

/** Pins and installs in one: setup and build mode. */
export async function setupToolchain(spec: ToolchainSpec, index: ReleaseIndex, ctx: SetupContext): Promise<VerifiedToolchain> {
  return installToolchain(await pinToolchain(spec, index, toolCacheVersions(ctx.toolCache, spec.platform), ctx.log), ctx);
}

/** 2. A verified tool-cache hit, or a fresh verified install; 3. the proof that it is the pinned one. */
export async function installToolchain(pin: Pin, ctx: SetupContext): Promise<VerifiedToolchain> {
  const { version, goName, file, url, expected, platform } = pin;
  const windows = platform.goos === 'windows';
  const exe = windows ? 'go.exe' : 'go';
  const s = slot(ctx.toolCache, version, toolCacheArch(platform.goarch));
  let record = verifiedInstall(s, expected.sha256, exe);
  const fromToolCache = record !== undefined;
  if (record) ctx.log.info(`Using ${goName} from the tool cache (${s.dir}), verified SHA-256 ${expected.sha256}`);
  else
    record = await install(
      ctx.client,
      {
        url,
        file,
        version,
        sha256: expected.sha256,
        toolCache: ctx.toolCache,
        slot: s,
        windows,
        systemRoot: ctx.env.SystemRoot,
        platform: `${platform.goos}/${platform.goarch}`,
        stallMs: stallTimeoutMs(ctx.env),
      },
      ctx.log,
    );

  // 3. Prove the `go` it will run is the pinned one; a fresh install that fails the proof is removed.
  let goEnv: GoEnv;
  try {
    goEnv = await readGoEnv(s.dir, exe, ctx.env);
    checkToolchain(goEnv, version, s.dir);
  } catch (e) {
    if (!fromToolCache) await removeSlot(s);
    throw e;
  }
  return {
    verified: true,
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

async function readGoEnv(goroot: string, exe: string, env: NodeJS.ProcessEnv): Promise<GoEnv> {
  const out = await runGoEnv(join(goroot, 'bin', exe), toolchainEnv(env, goroot, process.platform === 'win32' ? ';' : ':'));
  if (out.exitCode !== 0) {
    throw new ActionError('Toolchain mismatch', `The installed go does not run (go env exited ${out.exitCode}): ${out.stderr.trim()}`);
  }
  return parseGoEnv(out.stdout);
}

function runGoEnv(go: string, env: NodeJS.ProcessEnv) {
  return getExecOutput(go, ['env', '-json', 'GOVERSION', 'GOROOT', 'GOPATH'], {
    env: env as Record<string, string>,
    silent: true,
    ignoreReturnCode: true,
  });
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
  if (out.exitCode !== 0)
    throw new ActionError('Go on PATH does not run', `${go} env exited ${out.exitCode}: ${(out.stderr || out.stdout).trim()}`);
  const goEnv = parseGoEnv(out.stdout);
  const version = releaseOfGoVersion(goEnv.GOVERSION);
  if (!version)
    throw new ActionError(
      'Go on PATH is no release',
      `${go} reports GOVERSION ${JSON.stringify(goEnv.GOVERSION)}, which names no Go release (go env GOVERSION arrived in Go 1.16). Set go-version or go-version-file to install a verified release.`,
    );
  return { verified: false, version, goName: semverToGoName(version), goroot: goEnv.GOROOT, go, gopath: goEnv.GOPATH };
}
