// `go mod download` once before the builds, so that parallel builds do not each fetch the modules;
// not for a vendored module, nor without a go.mod.
import { exec } from '@actions/exec';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toolchainEnv } from '../toolchain/environment.js';
import type { Toolchain } from '../toolchain/toolchain.js';
import type { BuildContext } from './host-generate.js';

export async function downloadModules(tc: Toolchain, ctx: BuildContext): Promise<void> {
  const dir = ctx.workingDirectory;
  if (existsSync(join(dir, 'vendor', 'modules.txt')) || !existsSync(join(dir, 'go.mod'))) return;
  const env = toolchainEnv(ctx.env, tc.goroot, ctx.pathSep) as Record<string, string>;
  await ctx.log.group('go mod download', () => exec(tc.go, ['mod', 'download'], { cwd: dir, env }));
}
