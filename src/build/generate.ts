// `go generate` whose generators run on the host.
//
// once: one run before any build, with GOOS/GOARCH and the variant variables removed, so that a
// job-level GOARCH cannot make generators cross-compiled, on the host GOCACHE.
//
// per-target: a run per target with the target's GOOS/GOARCH (build constraints select its files,
// $GOARCH expands to it) and `go_<goos>_<goarch>_exec` on PATH: the go command hands every
// cross-compiled `go run`/`go tool` binary to it, and it rebuilds and runs the program for the host
// (crossexec/main.go, compiled here with the pinned toolchain).
import { getExecOutput } from '@actions/exec';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ActionError } from '../errors.js';
import type { Target } from '../targets.js';
import type { Platform } from '../toolchain/platform.js';
import { TARGET_ENV } from './settings.js';

export type GenerateMode = 'none' | 'once' | 'per-target';

/** The wrapper's source, shipped beside dist/ in the action's checkout. */
export const CROSSEXEC_SOURCE = fileURLToPath(new URL('../crossexec/main.go', import.meta.url));

export function execName(t: Pick<Target, 'goos' | 'goarch'>, hostGoos: string): string {
  return `go_${t.goos}_${t.goarch}_exec${hostGoos === 'windows' ? '.exe' : ''}`;
}

/** The environment of a generate run for the host: inherited target variables removed. */
export function hostGenerateEnv(base: NodeJS.ProcessEnv, hostGocache: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !TARGET_ENV.includes(k)) env[k] = v;
  return { ...env, GOCACHE: hostGocache };
}

/**
 * The environment of a per-target generate run: the target's build environment, the exec wrapper
 * directory first on PATH, and where the wrapper keeps host builds and their GOCACHE.
 */
export function targetGenerateEnv(
  buildEnv: Record<string, string>,
  execDir: string,
  hostTools: string,
  hostGocache: string,
  pathSep: string,
): Record<string, string> {
  const pathKey = Object.keys(buildEnv).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  return {
    ...buildEnv,
    [pathKey]: `${execDir}${pathSep}${buildEnv[pathKey] ?? ''}`,
    GO_CROSSBUILD_HOST_TOOLS: hostTools,
    GO_CROSSBUILD_HOST_GOCACHE: hostGocache,
  };
}

/** Compiles the wrapper for the host and installs it under each target's exec name. */
export async function installExecWrappers(
  go: string,
  env: NodeJS.ProcessEnv,
  hostGocache: string,
  targets: Target[],
  host: Platform,
  dir: string,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const built = join(dir, `crossexec${host.goos === 'windows' ? '.exe' : ''}`);
  const out = await getExecOutput(go, ['build', '-trimpath', '-o', built, CROSSEXEC_SOURCE], {
    // A lone file, built outside any module or workspace of the user's.
    env: { ...hostGenerateEnv(env, hostGocache), CGO_ENABLED: '0', GOFLAGS: '', GOWORK: 'off' },
    cwd: dirname(CROSSEXEC_SOURCE),
    silent: true,
    ignoreReturnCode: true,
  });
  if (out.exitCode !== 0)
    throw new ActionError('go generate set-up failed', `Could not build the exec wrapper for per-target generate: ${out.stderr.trim()}`);
  for (const t of targets) if (t.goos !== host.goos || t.goarch !== host.goarch) await copyFile(built, join(dir, execName(t, host.goos)));
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
  const child = spawn(go, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { ok: code === 0, log };
}

/** Why a generate run failed, in words a user can act on. */
export function explainGenerateFailure(log: string, where: string, host: Platform): string {
  const directive = /^(?<file>[^\s:]+\.go):(?<line>\d+): running "(?<cmd>[^"]+)": (?<err>.+)$/m.exec(log)?.groups;
  const at = directive ? ` at ${directive.file}:${directive.line} (running "${directive.cmd}": ${directive.err})` : '';
  let text = `go generate failed for ${where}${at}.`;
  if (/exec format error/i.test(log)) {
    text +=
      ` A program built for another platform was executed directly on this ${host.goos}/${host.goarch} runner: a generator ran a binary it built itself (or a prebuilt one), which no go_GOOS_GOARCH_exec wrapper sees.` +
      ` Way out: have that step build for the host (GOOS=$(go env GOHOSTOS) GOARCH=$(go env GOHOSTARCH)), use generate: once if the generated code does not depend on the target, or run it under an emulator.`;
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
