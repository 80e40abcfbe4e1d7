// inputs → exact release → verified install in the tool cache → self-checked toolchain.
import type { HttpClient } from '@actions/http-client';
import { getExecOutput } from '@actions/exec';
import { join } from 'node:path';
import { ActionError } from '../errors.js';
import type { ToolchainInputs } from '../inputs.js';
import { checkToolchain, parseGoEnv, toolchainEnv, type GoEnv } from './environment.js';
import { stallTimeoutMs } from '../http.js';
import { install, type Log } from './install.js';
import { chooseArchive, exactVersion, ReleaseIndex } from './pinning.js';
import { toolCacheArch } from './platform.js';
import type { HashSource } from './resolve.js';
import { recordedVersions, removeSlot, slot, verifiedInstall } from './tool-cache.js';
import { semverToGoName } from './version.js';

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

export async function setupToolchain(inputs: ToolchainInputs, ctx: SetupContext): Promise<Toolchain> {
  const windows = inputs.platform.goos === 'windows';
  const arch = toolCacheArch(inputs.platform.goarch);
  const exe = windows ? 'go.exe' : 'go';
  const index = new ReleaseIndex(ctx.client, inputs.baseUrl, ctx.log);

  // 1. The exact version and the archive's expected hash (pin, shipped table, then the index).
  const version = await exactVersion(inputs, index, recordedVersions(ctx.toolCache, arch), ctx.log);
  const goName = semverToGoName(version);
  const { file, url, expected } = await chooseArchive(inputs, version, inputs.platform, index);
  expected.warnings.forEach(ctx.log.warning);

  // 2. A verified tool-cache hit, or a fresh verified install.
  const s = slot(ctx.toolCache, version, arch);
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
        platform: `${inputs.platform.goos}/${inputs.platform.goarch}`,
        stallMs: stallTimeoutMs(ctx.env),
      },
      ctx.log,
    );

  // 3. Prove the `go` it will run is the pinned one; a fresh install that fails the proof is removed.
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
