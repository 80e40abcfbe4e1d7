// The one port policy: the ports a Go version supports. The table in ports.json
// (scripts/update-ports.mjs) answers for the minors it records, so targets are checked before
// anything is downloaded; for any other minor the installed toolchain is asked.
import semver from 'semver';
import { ActionError } from '../errors.js';
import { run } from '../lib/process.js';
import table from './ports.json' with { type: 'json' };
import type { Port } from './target.js';

const minors = table.minors as Record<string, { readFrom: string; ports: Port[] }>;

/** The recorded ports of a version's minor, or undefined when the table does not know that minor. */
export function recordedPorts(version: string): Port[] | undefined {
  const minor = `${semver.major(version)}.${semver.minor(version)}`;
  return Object.hasOwn(minors, minor) ? minors[minor].ports : undefined;
}

/** The installed toolchain's ports: `go tool dist list -json`. */
export async function installedPorts(go: string, env: Record<string, string>): Promise<Port[]> {
  const out = await run(go, ['tool', 'dist', 'list', '-json'], { env });
  if (!out.ok) throw new ActionError('go tool dist list failed', out.stderr.trim() || `go tool dist list ${out.failure}`);
  return JSON.parse(out.stdout) as Port[];
}
