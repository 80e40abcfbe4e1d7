// Ports of the Go minors recorded in ports.json (scripts/update-ports.mjs), so that plan mode can
// expand and check targets without installing Go. Pure.
import semver from 'semver';
import table from './ports.json' with { type: 'json' };
import type { Port } from './targets.js';

const minors = table.minors as Record<string, { readFrom: string; ports: Port[] }>;

/** The recorded ports of a version's minor, or undefined when the table does not know that minor. */
export function recordedPorts(version: string): Port[] | undefined {
  const minor = `${semver.major(version)}.${semver.minor(version)}`;
  return Object.hasOwn(minors, minor) ? minors[minor].ports : undefined;
}
