// What the action edge gives every mode, and the plumbing modes share: none of it is a step.
import type { HttpClient } from '@actions/http-client';
import { privateModulesEnv, type PrivateModulesSpec } from '../gobuild/private-modules.js';
import type { Log } from '../lib/log.js';
import type { RunnerEnv } from '../lib/runner-env.js';
import { toolchainEnv } from '../toolchain/environment.js';
import { ReleaseIndex } from '../toolchain/pinning.js';
import type { ToolchainSpec } from '../toolchain/toolchain-spec.js';
import type { InstallContext, Toolchain } from '../toolchain/toolchain.js';
import { describeSpec } from '../toolchain/version.js';

/** What every mode that installs Go is given by the action edge. */
export interface ModeContext {
  runner: RunnerEnv;
  client: HttpClient;
  log: Log;
}

/** What a mode that downloads nothing is given: setup with the Go on PATH. */
export type LocalContext = Pick<ModeContext, 'runner' | 'log'>;

export function installContext(ctx: ModeContext): InstallContext {
  return { client: ctx.client, toolCache: ctx.runner.toolCache, env: ctx.runner.env, log: ctx.log };
}

/** The one release index of a step: plan mode reads it once for every platform it pins. */
export function releaseIndex(spec: ToolchainSpec, ctx: ModeContext): ReleaseIndex {
  ctx.log.info(`Go ${describeSpec(spec.spec)} from ${spec.specInput}: ${spec.specValue}`);
  return new ReleaseIndex(ctx.client, spec.baseUrl, ctx.log);
}

/** The environment later `go` commands of this step run with: the job's, with the pinned toolchain. */
export function goEnvOf(tc: Toolchain, runner: RunnerEnv): Record<string, string> {
  return toolchainEnv(runner.env, tc.goroot, runner.pathSep) as Record<string, string>;
}

/**
 * The context with the private modules' environment (GOPRIVATE, and the credential as git
 * configuration) in the runner's, for every go command of the step; each form of the credential
 * masked first. `env` is what setup mode exports for the job's later steps.
 */
export function withPrivateModules<C extends LocalContext>(
  ctx: C,
  spec: PrivateModulesSpec | undefined,
): { ctx: C; env: Record<string, string> | undefined } {
  if (!spec) return { ctx, env: undefined };
  const { env, secrets } = privateModulesEnv(spec, ctx.runner.env);
  secrets.forEach(ctx.log.secret);
  const credential = spec.credential ? `, with the credential of private-modules-token for their hosts over HTTPS` : '';
  ctx.log.info(`Private modules: GOPRIVATE=${env.GOPRIVATE}${credential}.`);
  return { ctx: { ...ctx, runner: { ...ctx.runner, env: { ...ctx.runner.env, ...env } } }, env };
}
