// What the job sees once the toolchain is installed: GOROOT, PATH, GOTOOLCHAIN=local; and the
// proof that the `go` it will run is the pinned one.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { ActionError } from '../errors.js';
import { isRevision, reportedGoVersion, semverToGoName } from './version.js';

export interface GoEnv {
  GOVERSION: string;
  GOROOT: string;
  GOPATH: string;
}

/** The environment every later `go` runs with: the job's own, with the pinned toolchain forced. */
export function toolchainEnv(base: NodeJS.ProcessEnv, goroot: string, pathSep: string): NodeJS.ProcessEnv {
  return { ...base, GOROOT: goroot, GOTOOLCHAIN: 'local', PATH: `${join(goroot, 'bin')}${pathSep}${base.PATH ?? ''}` };
}

/** Parses `go env -json GOVERSION GOROOT GOPATH`. */
export function parseGoEnv(json: string): GoEnv {
  const v = JSON.parse(json) as Partial<GoEnv>;
  return { GOVERSION: v.GOVERSION ?? '', GOROOT: v.GOROOT ?? '', GOPATH: v.GOPATH ?? '' };
}

/**
 * Fails unless the installed `go` reports the pinned version (semver) and the installed GOROOT. A
 * revision build must report exactly the upstream release it was built from (`1.25.0-1`:
 * `go1.25.0`), since that is what its VERSION file says: nothing looser.
 */
export function checkToolchain(env: GoEnv, version: string, goroot: string): void {
  const problems: string[] = [];
  const expected = reportedGoVersion(version);
  if (env.GOVERSION !== expected) {
    const why = isRevision(version) ? ` (the Go release that the revision build ${semverToGoName(version)} was built from)` : '';
    problems.push(`go env GOVERSION is ${JSON.stringify(env.GOVERSION)}, expected ${expected}${why}`);
  }
  if (canonical(env.GOROOT) !== canonical(goroot)) problems.push(`go env GOROOT is ${JSON.stringify(env.GOROOT)}, expected ${goroot}`);
  if (problems.length) {
    throw new ActionError(
      'Toolchain mismatch',
      `The installed Go is not the pinned one: ${problems.join('; ')}. A GOTOOLCHAIN switch or a foreign GOROOT would build with another compiler; nothing was exported.`,
    );
  }
}

function canonical(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}
