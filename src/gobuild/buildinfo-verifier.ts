// The build-info check's I/O: `go version -m` of each built binary with the pinned Go, the
// toolchain's variant defaults (`go env` with no GOENV file), the checkout's HEAD, and, only when a
// check fails, where the wrong value came from (the GOENV file, `git status`). The comparing is
// buildinfo-check.ts's.
import { basename, dirname } from 'node:path';
import { parseBuildInfoJson, parseBuildInfoText, type BuildInfo } from '../binaries/buildinfo.js';
import { readTextFile } from '../lib/files.js';
import type { Problem } from '../lib/problem.js';
import { run } from '../lib/process.js';
import { VARIANT_VARIABLES, variantVariable, type Target } from '../targets/target.js';
import {
  checkBuildInfo,
  describeChanges,
  describeFinding,
  type CleanTree,
  goVersionArgs,
  jsonBuildInfo,
  NO_VARIANT_WHY,
  variantSource,
  type Finding,
} from './buildinfo-check.js';

export interface Verified {
  /** Why the target fails; empty when the build info says what was asked. */
  problems: string[];
  /** What was not checked, and why. */
  notes: string[];
  /** The fields compared. */
  compared: string[];
  /** The build info, when Go could read it: what the SBOM is written from. */
  info?: BuildInfo;
  seconds: number;
}

/** What a build-info check needs of a task. */
export interface Checkable {
  target: Target;
  binary: string;
  /** The build's environment: where a variant's value came from is looked up in it. */
  env: Record<string, string>;
}

export interface VerifyOptions {
  go: string;
  /** The job's environment with the toolchain's (toolchainEnv). */
  env: Record<string, string>;
  /** The pinned toolchain, semver. */
  goVersion: string;
  trimpath: boolean;
  cgo: boolean;
  cleanTree: CleanTree;
  /** The checkout's HEAD (gitHead), undefined outside a git checkout. */
  head: string | undefined;
  workingDirectory: string;
  /** generate: once ran in the checkout: a modified tree may be its output. */
  generatedInCheckout: boolean;
}

/** The checkout's HEAD, as Go's VCS stamping would see it; undefined outside a git checkout. */
export async function gitHead(dir: string, env: Record<string, string>): Promise<string | undefined> {
  const r = await run('git', ['-C', dir, 'rev-parse', 'HEAD'], { env, cwd: dir });
  return r.ok && /^[0-9a-f]{40,64}$/.test(r.stdout.trim()) ? r.stdout.trim() : undefined;
}

/** `git status --porcelain` of the module's repository, as Go's VCS stamping judges it; '' when git cannot say. */
export async function gitStatus(dir: string, env: Record<string, string>): Promise<string> {
  const r = await run('git', ['-C', dir, 'status', '--porcelain'], { env, cwd: dir });
  return r.ok ? r.stdout : '';
}

/** The environment without GOFLAGS: a job's GOFLAGS=-json must not change what `go version` prints. */
function withoutGoflags(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => k !== 'GOFLAGS'));
}

/** `go version -m` of a binary with the pinned Go, parsed; or why not, said without the binary's directory. */
export async function readBuildInfo(
  go: string,
  env: Record<string, string>,
  goVersion: string,
  binary: string,
): Promise<BuildInfo | Problem> {
  const read = await run(go, goVersionArgs(goVersion, binary), { env: withoutGoflags(env), cwd: dirname(binary) });
  if (!read.ok) {
    // `PATH: could not read Go build info from PATH: why`, said without the staging paths.
    const last = (read.stderr.trim() || `go version ${read.failure}`).split('\n').at(-1) ?? '';
    return { problem: `could not read the build info with go version -m: ${last.split(binary).join(basename(binary))}` };
  }
  const info = jsonBuildInfo(goVersion) ? parseBuildInfoJson(read.stdout) : parseBuildInfoText(read.stdout);
  return 'problem' in info ? { problem: `could not parse what go version -m printed: ${info.problem}` } : info;
}

export function buildInfoVerifier(o: VerifyOptions): (task: Checkable) => Promise<Verified> {
  const quiet = withoutGoflags(o.env);
  const defaults = new Map<string, Promise<string | undefined>>();
  // The variable's value for a target that names no variant, as the toolchain alone decides it:
  // no GOENV file, none of the variables inherited. Once per GOARCH.
  const defaultOf = (goarch: string, key: string) => {
    if (!defaults.has(goarch)) {
      const env = Object.fromEntries(Object.entries(quiet).filter(([k]) => !VARIANT_VARIABLES.includes(k)));
      defaults.set(
        goarch,
        run(o.go, ['env', key], { env: { ...env, GOENV: 'off', GOARCH: goarch }, cwd: o.workingDirectory }).then((r) =>
          r.ok ? r.stdout.trim() : undefined,
        ),
      );
    }
    return defaults.get(goarch)!;
  };

  // Only for a finding: where its value came from, so that the message says what to change.
  const explain = async (f: Finding, task: Checkable): Promise<Finding> => {
    if (f.why === NO_VARIANT_WHY) {
      const r = await run(o.go, ['env', 'GOENV'], { env: withoutGoflags(task.env), cwd: o.workingDirectory });
      const path = r.ok ? r.stdout.trim() : '';
      return { ...f, why: `${f.why}; ${variantSource(f.key, path || undefined, path ? readTextFile(path) : undefined)}` };
    }
    if (f.key === 'vcs.modified') {
      return { ...f, why: `${f.why}; ${describeChanges(await gitStatus(o.workingDirectory, quiet), o.generatedInCheckout)}` };
    }
    return f;
  };

  return async (task) => {
    const started = Date.now();
    const done = (v: Omit<Verified, 'seconds'>): Verified => ({ ...v, seconds: (Date.now() - started) / 1000 });
    const { target } = task;
    const info = await readBuildInfo(o.go, quiet, o.goVersion, task.binary);
    if ('problem' in info) {
      // debug/buildinfo reads ELF, PE, Mach-O, XCOFF and Plan 9 objects; Go 1.23 and 1.24 say
      // "unrecognized file format" of a wasm module. There is nothing to check: say so.
      if (target.goarch === 'wasm') {
        const why = info.problem.slice(info.problem.lastIndexOf(': ') + 2);
        return done({ problems: [], notes: [`go version -m cannot read a wasm binary's build info (${why}): not checked`], compared: [] });
      }
      return done({ problems: [info.problem], notes: [], compared: [] });
    }
    const variable = variantVariable(target.goarch);
    const checked = checkBuildInfo(
      {
        target,
        defaultVariant: variable && !target.variant ? await defaultOf(target.goarch, variable) : undefined,
        trimpath: o.trimpath,
        cgo: o.cgo,
        head: o.head,
        cleanTree: o.cleanTree,
        goVersion: o.goVersion,
      },
      info,
    );
    const findings = await Promise.all(checked.findings.map((f) => explain(f, task)));
    return done({ problems: findings.map(describeFinding), notes: checked.notes, compared: checked.compared, info });
  };
}
