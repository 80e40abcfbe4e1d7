// Runs the build tasks in a bounded pool. Each build's output is kept whole and handed to `onDone`,
// so logs are grouped per target however the builds interleave.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import pLimit from 'p-limit';
import { readHead } from '../lib/files.js';
import { start, type Running } from '../lib/process.js';
import { checkable, HEADER_BYTES, mismatch, readHeader } from '../binaries/binary-format.js';
import type { BuildTask } from './tasks.js';
import type { Verified } from './buildinfo-verifier.js';
import { libcProblem } from './libc-check.js';

export type BuildStatus = 'ok' | 'failed' | 'skipped';

export interface BuildResult {
  task: BuildTask;
  status: BuildStatus;
  seconds: number;
  /** The output of what ran before the build (per-target generate), kept apart from the compiler's. */
  prepareLog: string;
  /** go build was started (false when skipped or when the step before it failed). */
  built: boolean;
  log: string;
  /** Why it failed, or why it was skipped. */
  reason?: string;
  /** The header was read and matched; false for ports whose format is not read (plan9, aix). */
  checked: boolean;
  /** The build-info check, when it ran (after the header's). */
  verified?: Verified;
  /** The C-library check of a managed cgo build: what it found (`needs glibc 2.3.2 (floor 2.17)`). */
  libc?: string;
  /** The sign command ran on it and its checks passed again (sign.ts). */
  signed?: boolean;
}

/** What ran before a build: its log, why it failed, and flags for that task's `go build`. */
export interface Prepared {
  ok: boolean;
  log: string;
  reason?: string;
  /** Per-target generate's -overlay. */
  flags?: string[];
}

export interface RunOptions {
  go: string;
  cwd: string;
  parallel: number;
  failFast: boolean;
  /** Runs before a task's build (per-target generate); its log heads the task's log. */
  prepare?(task: BuildTask): Promise<Prepared>;
  /** Checks a built binary's build info; its problems fail the target like a build error. */
  verify?(task: BuildTask): Promise<Verified>;
  onDone(r: BuildResult): void;
}

export async function runBuilds(tasks: BuildTask[], o: RunOptions): Promise<BuildResult[]> {
  const limit = pLimit(o.parallel);
  const running = new Set<Running>();
  let stopped: string | undefined;
  return Promise.all(
    tasks.map((task) =>
      limit(async () => {
        const r: BuildResult = stopped
          ? {
              task,
              status: 'skipped',
              seconds: 0,
              prepareLog: '',
              built: false,
              log: '',
              reason: `fail-fast: ${stopped} failed`,
              checked: false,
            }
          : await buildOne(task, o, running, () => stopped);
        if (r.status === 'failed' && o.failFast && !stopped) {
          stopped = task.id;
          for (const child of running) child.kill();
        }
        o.onDone(r);
        return r;
      }),
    ),
  );
}

async function buildOne(task: BuildTask, o: RunOptions, running: Set<Running>, stoppedBy: () => string | undefined): Promise<BuildResult> {
  const started = Date.now();
  const prepared: Prepared = o.prepare ? await o.prepare(task) : { ok: true, log: '' };
  if (!prepared.ok)
    return {
      task,
      status: 'failed',
      seconds: (Date.now() - started) / 1000,
      prepareLog: prepared.log,
      built: false,
      log: '',
      reason: prepared.reason,
      checked: false,
    };
  await mkdir(dirname(task.binary), { recursive: true });
  await mkdir(task.gocache, { recursive: true });
  const [verb, ...rest] = task.args;
  const child = start(o.go, [verb, ...(prepared.flags ?? []), ...rest], { cwd: o.cwd, env: task.env });
  running.add(child);
  const ran = await child.done;
  running.delete(child);
  const seconds = (Date.now() - started) / 1000;
  const result = { task, seconds, prepareLog: prepared.log, built: true, log: ran.output };
  if (!ran.ok) {
    const by = stoppedBy();
    if (ran.signal && by) return { ...result, status: 'skipped', reason: `fail-fast: ${by} failed`, checked: false };
    return { ...result, status: 'failed', reason: `go build ${ran.failure}`, checked: false };
  }
  const checked = checkable(task.target.goos);
  if (checked) {
    const wrong = mismatch(readHeader(await readHead(task.binary, HEADER_BYTES)), task.target.goos, task.target.goarch);
    if (wrong) return { ...result, status: 'failed', reason: `binary check: ${wrong}`, checked: true };
  }
  // What the managed compiler promises of the C library: a glibc floor, a static musl, system DLLs only.
  const libc = task.compiler && libcProblem(await readFile(task.binary), task.compiler.target);
  if (libc?.problem) return { ...result, status: 'failed', reason: `C library check: ${libc.problem}`, checked, libc: libc.checked };
  const checks = { checked, ...(libc ? { libc: libc.checked } : {}) };
  // The build info knows what the header cannot (the variant, -trimpath, cgo, VCS, the Go version).
  const verified = o.verify && (await o.verify(task));
  if (verified?.problems.length) return { ...result, status: 'failed', reason: verified.problems.join('; '), ...checks, verified };
  return { ...result, status: 'ok', ...checks, ...(verified ? { verified } : {}) };
}
