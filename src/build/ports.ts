// The installed toolchain's ports: `go tool dist list -json`.
import { getExecOutput } from '@actions/exec';
import { ActionError } from '../errors.js';
import type { Port } from '../targets.js';

export async function readPorts(go: string, env: Record<string, string>): Promise<Port[]> {
  const out = await getExecOutput(go, ['tool', 'dist', 'list', '-json'], { env, silent: true, ignoreReturnCode: true });
  if (out.exitCode !== 0) throw new ActionError('go tool dist list failed', out.stderr.trim());
  return JSON.parse(out.stdout) as Port[];
}
