// generate: once. `go generate` on the host before any build, with GOOS/GOARCH and the variant
// variables removed (generate.ts says why), for setup mode and build mode alike.
import { ActionError } from '../errors.js';
import { toolchainEnv } from '../toolchain/environment.js';
import type { Toolchain } from '../toolchain/toolchain.js';
import { explainGenerateFailure, hostGenerateEnv, runGenerate } from './generate.js';
import type { BuildContext } from './build-context.js';
import { annotateDirectives } from './present.js';
import { workDirs } from './work-dirs.js';

export async function generateOnHost(tc: Toolchain, packages: string[], tags: string[], ctx: BuildContext): Promise<void> {
  const env = hostGenerateEnv(toolchainEnv(ctx.env, tc.goroot, ctx.pathSep), workDirs(ctx.temp).hostGocache);
  const run = await runGenerate(tc.go, packages, tags, ctx.workingDirectory, env);
  ctx.log.section(
    `go generate ${packages.join(' ')} (once, generators on the host ${ctx.host.goos}/${ctx.host.goarch})`,
    run.log.trim() ? [run.log.trimEnd()] : [],
  );
  if (!run.ok) {
    annotateDirectives(ctx.log, run.log, 'go generate (host)', ctx.workingDirectory, ctx.workspace);
    throw new ActionError(
      'go generate failed',
      explainGenerateFailure(run.log, `the host (${ctx.host.goos}/${ctx.host.goarch})`, ctx.host),
    );
  }
}
