// `go generate` whose generators run on the host.
//
// once: one run before any build, with GOOS/GOARCH and the variant variables removed, so that a
// job-level GOARCH cannot make generators cross-compiled, on the host GOCACHE.
//
// per-target: a run per target, in that target's copy of the sources (source-copies.ts), with the target's
// environment (build constraints select its files, $GOARCH expands to it) and GOROOT pointing at
// a GOROOT of the action's own whose bin/go is crossexec: `go generate` resolves a directive's `go`
// there first, so every program a directive builds to run is built for, and run on, the host
// (crossexec/main.go says how and why).
import { copyFile, cp, mkdir, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { ActionError } from '../errors.js';
import type { InputProblem } from '../lib/problem.js';
import { displayVersion, upstreamVersion } from '../toolchain/version.js';
import type { Platform } from '../toolchain/platform.js';
import { TARGET_ENV } from './settings.js';
import { COMPILER_ENV } from '../cc/compilers.js';
import { run } from '../lib/process.js';

export type GenerateMode = 'none' | 'once' | 'per-target';

/** The shim's sources, shipped beside dist/ in the action's checkout. */
export const CROSSEXEC_DIR = fileURLToPath(new URL('../crossexec', import.meta.url));

/** The environment of a generate run for the host: inherited target variables removed. */
export function hostGenerateEnv(base: NodeJS.ProcessEnv, hostGocache: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !TARGET_ENV.includes(k)) env[k] = v;
  return { ...env, GOCACHE: hostGocache };
}

/** Oldest Go that per-target generate runs with: the shim builds generators with -buildvcs=false. */
export const PER_TARGET_MIN_GO = '1.18.0';

/** Why per-target generate cannot use this toolchain (semver), or undefined. */
export function perTargetProblem(version: string): InputProblem | undefined {
  if (!semver.lt(upstreamVersion(version), PER_TARGET_MIN_GO)) return undefined;
  return {
    input: 'generate',
    value: 'per-target',
    problem: `needs Go ${displayVersion(PER_TARGET_MIN_GO)} or newer, and the toolchain is Go ${displayVersion(version)}`,
    allowed: 'a newer go-version, or generate: once',
  };
}

/** Where per-target generate keeps what its runs share. */
export interface GenerateDirs {
  /** The GOROOT whose bin/go is the shim; every other entry links to the real GOROOT. */
  shimRoot: string;
  /** Host builds of generators, one directory per program, and events.log. */
  hostTools: string;
  hostGocache: string;
}

/**
 * The environment of one target's generate run: the target's build environment, GOROOT set to the
 * shim's (so `go generate` resolves directives' `go` to the shim and puts its bin first on PATH), and
 * what the shim needs to build generators for the host.
 */
export function targetGenerateEnv(
  buildEnv: Record<string, string>,
  goroot: string,
  dirs: GenerateDirs,
  tree: string,
): Record<string, string> {
  // The target's managed C compiler is for its build: generators are host programs.
  const env = Object.fromEntries(Object.entries(buildEnv).filter(([k]) => !COMPILER_ENV.includes(k)));
  return {
    ...env,
    GOROOT: dirs.shimRoot,
    GO_CROSSBUILD_TARGET: `${buildEnv.GOOS}/${buildEnv.GOARCH}`,
    GO_CROSSBUILD_GOROOT: goroot,
    GO_CROSSBUILD_HOST_TOOLS: dirs.hostTools,
    GO_CROSSBUILD_HOST_GOCACHE: dirs.hostGocache,
    GO_CROSSBUILD_TREE: tree,
  };
}

/**
 * Builds the shim for the host with the pinned toolchain, as `<shimRoot>/bin/go`, and links every
 * other entry of the real GOROOT beside it (junctions and copies on Windows, where file links need
 * privileges).
 */
export async function installGenerateShim(
  go: string,
  goroot: string,
  env: NodeJS.ProcessEnv,
  dirs: GenerateDirs,
  host: Platform,
): Promise<void> {
  const windows = host.goos === 'windows';
  const exe = windows ? '.exe' : '';
  await rm(dirs.shimRoot, { recursive: true, force: true });
  await mkdir(join(dirs.shimRoot, 'bin'), { recursive: true });
  await rm(join(dirs.hostTools, 'events.log'), { force: true });
  const out = await run(go, ['build', '-trimpath', '-o', join(dirs.shimRoot, 'bin', `go${exe}`), '.'], {
    // Its own module, outside any module or workspace of the user's.
    env: { ...hostGenerateEnv(env, dirs.hostGocache), CGO_ENABLED: '0', GOFLAGS: '', GOWORK: 'off' },
    cwd: CROSSEXEC_DIR,
  });
  if (!out.ok)
    throw new ActionError(
      'go generate shim failed',
      `Could not build the go shim for per-target generate: ${out.stderr.trim() || `go build ${out.failure}`}`,
    );
  const link = async (from: string, to: string) => {
    if (!windows) return symlink(from, to);
    if (!(await stat(from)).isDirectory()) return copyFile(from, to);
    // Junctions need NTFS; on a volume or system without them (Wine has none), a copy serves.
    await symlink(from, to, 'junction').catch(() => cp(from, to, { recursive: true }));
  };
  for (const e of await readdir(goroot)) if (e !== 'bin') await link(join(goroot, e), join(dirs.shimRoot, e));
  for (const e of await readdir(join(goroot, 'bin')))
    if (e !== `go${exe}`) await link(join(goroot, 'bin', e), join(dirs.shimRoot, 'bin', e));
}

export interface HostBuilds {
  /** Links made, per generator (`go run gen.go`, `go tool stamp`, `go build ./cmd/x`). */
  built: Map<string, number>;
  /** Runs that found the generator's host build up to date. */
  reused: number;
}

/** Reads the shim's events.log: `built|reused TAB what TAB goos/goarch` lines. Pure on the text. */
export function countHostBuilds(text: string): HostBuilds {
  const built = new Map<string, number>();
  let reused = 0;
  for (const line of text.split('\n')) {
    const [state, what] = line.split('\t');
    if (state === 'built') built.set(what, (built.get(what) ?? 0) + 1);
    else if (state === 'reused') reused++;
  }
  return { built, reused };
}

export async function readHostBuilds(dirs: GenerateDirs): Promise<HostBuilds> {
  return countHostBuilds(await readFile(join(dirs.hostTools, 'events.log'), 'utf8').catch(() => ''));
}

export interface GenerateRun {
  ok: boolean;
  log: string;
}

/**
 * Runs `go generate -x [-tags] <packages>` (tags select files, as in the build); the output is kept
 * whole for the target's log group.
 */
export async function runGenerate(
  go: string,
  packages: string[],
  tags: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<GenerateRun> {
  const args = ['generate', '-x', ...(tags.length ? [`-tags=${tags.join(',')}`] : []), ...packages];
  const r = await run(go, args, { cwd, env });
  // A failed exit is explained by the output; one that never started, or was killed, is said here.
  return { ok: r.ok, log: r.ok || r.exitCode !== null ? r.output : `${r.output}go generate ${r.failure}\n` };
}

/** Why a generate run failed, in words a user can act on. */
export function explainGenerateFailure(log: string, where: string, host: Platform): string {
  const directive = /^(?<file>[^\s:]+\.go):(?<line>\d+): running "(?<cmd>[^"]+)": (?<err>.+)$/m.exec(log)?.groups;
  const at = directive ? ` at ${directive.file}:${directive.line} (running "${directive.cmd}": ${directive.err})` : '';
  let text = `go generate failed for ${where}${at}.`;
  if (/exec format error/i.test(log)) {
    text +=
      ` A program built for another platform was executed directly on this ${host.goos}/${host.goarch} runner: the directive runs a prebuilt binary, or one built outside the go command (every program that go run, go tool, go build or go install makes for a directive is built for the host).` +
      ` Way out: build that program for the host (GOOS=$(go env GOHOSTOS) GOARCH=$(go env GOHOSTARCH)), use generate: once if the generated code does not depend on the target, or run it under an emulator.`;
  }
  return text;
}

/** Annotations for failing directives: `file.go:LINE: running "cmd": ...`. */
export function failedDirectives(log: string): { file: string; line: number; message: string }[] {
  return [...log.matchAll(/^(?<file>[^\s:]+\.go):(?<line>\d+): (?<message>running "[^"]+": .+)$/gm)].map((m) => ({
    file: m.groups!.file,
    line: Number(m.groups!.line),
    message: m.groups!.message,
  }));
}
