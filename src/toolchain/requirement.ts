// The Go version the module itself requires (its go.mod / go.work `go` line): with
// GOTOOLCHAIN=local a pinned toolchain older than that cannot build it, so say so before downloading.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { readTextFile } from '../lib/files.js';
import { goNameToSemver } from './version.js';

export interface Requirement {
  file: string;
  /** semver of the `go` line. */
  version: string;
  line: string;
}

/** The `go` line of a go.mod/go.work text as semver (`go 1.22` → 1.22.0), or undefined. */
export function goLine(text: string): { version: string; line: string } | undefined {
  const m = /^go\s+(\S+)\s*(?:\/\/.*)?$/m.exec(text);
  const version = m ? goNameToSemver(`go${m[1]}`) : undefined;
  return m && version ? { version, line: `go ${m[1]}` } : undefined;
}

/** The strictest `go` line of the nearest go.work and go.mod above `dir`, as the go command finds them. */
export function moduleRequirement(dir: string): Requirement | undefined {
  const found = ['go.work', 'go.mod'].map((name) => nearest(dir, name)).filter((f): f is string => !!f);
  let best: Requirement | undefined;
  for (const file of found) {
    const g = goLine(readTextFile(file) ?? '');
    if (g && (!best || semver.gt(g.version, best.version))) best = { file, ...g };
  }
  return best;
}

function nearest(dir: string, name: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, name))) return join(d, name);
    if (dirname(d) === d) return undefined;
  }
}
