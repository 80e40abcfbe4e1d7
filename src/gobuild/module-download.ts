// `go mod download` once before the builds, so that parallel builds do not each fetch the modules;
// not for a vendored module, nor without a go.mod. git refusing a private module's host is one
// error that says which credential, rather than the end of go's output.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ActionError } from '../errors.js';
import { mustRun, ProcessError } from '../lib/process.js';
import { toolchainEnv } from '../toolchain/environment.js';
import type { Toolchain } from '../toolchain/toolchain.js';
import type { BuildContext } from './build-context.js';
import { authFailureMessage, gitAuthFailure, type PrivateModulesSpec } from './private-modules.js';

export async function downloadModules(tc: Toolchain, ctx: BuildContext, privateModules?: PrivateModulesSpec): Promise<void> {
  const dir = ctx.workingDirectory;
  if (existsSync(join(dir, 'vendor', 'modules.txt')) || !existsSync(join(dir, 'go.mod'))) return;
  const env = toolchainEnv(ctx.env, tc.goroot, ctx.pathSep) as Record<string, string>;
  // A failure throws with the command and the end of what go said.
  await ctx.log.group('go mod download', async () => {
    try {
      await mustRun(tc.go, ['mod', 'download'], { cwd: dir, env, onLine: (line) => ctx.log.info(line) });
    } catch (e) {
      const refused = e instanceof ProcessError ? gitAuthFailure(e.ran.output) : undefined;
      if (refused) throw new ActionError('Private module fetch refused', authFailureMessage(refused, privateModules));
      throw e;
    }
  });
}
