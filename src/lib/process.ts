// Every process the action starts goes through here: a file and an argument array, never a shell,
// so an argument (a path with spaces, a tag with `$` or `;`) reaches the program as it was given.
// node:child_process directly rather than @actions/exec: one API covers captured runs and the
// streaming pipes (zstd into the tar parser, a download into tar), a timeout and a kill handle;
// arguments are not rewritten for cmd.exe on Windows; and nothing reaches the runner's stdout
// behind the Log port. Windows: `go`, `git`, `tar` resolve to their `.exe` through PATH as without
// a shell; a `.cmd` or `.bat` cannot run without one (Node refuses it), and none is run.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { quoteForLog } from './format.js';

export interface RunOptions {
  /** Defaults to this process's. */
  cwd?: string;
  /** The whole environment, not merged into this process's; undefined inherits it. */
  env?: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. Without it stdin is empty: a process never waits on the runner's. */
  input?: string | Buffer;
  /** After this long the process is killed (SIGTERM, SIGKILL if it lingers) and the result says it timed out. */
  timeoutMs?: number;
  /** Each line of output as it arrives (without its line end), for a log group that shows progress. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface StartOptions extends RunOptions {
  /** stdin is the caller's to write and end (a download streamed into tar); not with `input`. */
  pipeStdin?: boolean;
  /** stdout is the caller's to read (zstd's decompressed bytes), as bytes; it is then not captured. */
  streamStdout?: boolean;
}

/** How a process ended. Never thrown: `ok` says whether it succeeded, `failure` why not. */
export interface Ran {
  /** The command as a log line shows it: `go env GOMODCACHE`. */
  command: string;
  /** It ran, exited 0 and did not time out. */
  ok: boolean;
  /**
   * Why not `ok`, to follow the program's name in a message: `exited with 1`, `was killed by
   * SIGTERM`, `timed out after 30 s`, `could not be started: zstd was not found (ENOENT)`. Undefined when ok.
   */
  failure?: string;
  /** Null when it was killed, or never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** False when it could not be started (not found, not executable, no such working directory). */
  started: boolean;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived: what a log shows. */
  output: string;
}

/** A started process. */
export interface Running {
  /** With `pipeStdin`: its stdin. A process that quits early makes writes fail quietly; its exit tells. */
  stdin: Writable | null;
  /** With `streamStdout`: its stdout, as bytes. */
  stdout: Readable | null;
  kill(signal?: NodeJS.Signals): void;
  /** Settles once the process ended and its captured output was read; never rejects. */
  done: Promise<Ran>;
}

/** What a timed-out process gets between SIGTERM and SIGKILL (go build removes its work directory). */
const KILL_GRACE_MS = 5000;

/** Runs `file` with `args` to its end, capturing its output. Never rejects: see `Ran`. */
export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<Ran> {
  return start(file, args, options).done;
}

/** A failed run, thrown by mustRun: the message names the command, why, and the end of what it said. */
export class ProcessError extends Error {
  constructor(readonly ran: Ran) {
    const said = (ran.stderr || ran.stdout).trim().split('\n').slice(-5).join('\n');
    super(`${ran.command} ${ran.failure}${said ? `: ${said}` : ''}`);
  }
}

/** run, for callers that cannot go on without the result: a failure throws a ProcessError. */
export async function mustRun(file: string, args: readonly string[], options: RunOptions = {}): Promise<Ran> {
  const ran = await run(file, args, options);
  if (!ran.ok) throw new ProcessError(ran);
  return ran;
}

/** Starts `file` with `args`; for the callers that stream stdin or stdout, or kill what they started. */
export function start(file: string, args: readonly string[], o: StartOptions = {}): Running {
  const command = [file, ...args].map(quoteForLog).join(' ');
  let child: ChildProcess;
  try {
    child = spawn(file, args, {
      cwd: o.cwd,
      env: o.env,
      shell: false,
      stdio: [o.pipeStdin || o.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    // Some refusals throw at once (EINVAL for a .bat on Windows): reported like ENOENT.
    return {
      stdin: o.pipeStdin ? new Writable({ write: (_c, _e, cb) => cb() }) : null,
      stdout: o.streamStdout ? Readable.from([]) : null,
      kill: () => undefined,
      done: Promise.resolve(notStarted(command, file, o.cwd, e as NodeJS.ErrnoException)),
    };
  }

  let stdout = '';
  let stderr = '';
  let output = '';
  const capture = (stream: Readable, name: 'stdout' | 'stderr') => {
    stream.setEncoding('utf8'); // decodes a character split across chunks whole
    let partial = '';
    stream.on('data', (text: string) => {
      if (name === 'stdout') stdout += text;
      else stderr += text;
      output += text;
      if (!o.onLine) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) o.onLine(line.replace(/\r$/, ''), name);
    });
    stream.on('end', () => {
      if (partial && o.onLine) o.onLine(partial.replace(/\r$/, ''), name);
    });
  };
  if (!o.streamStdout) capture(child.stdout!, 'stdout');
  capture(child.stderr!, 'stderr');
  // EPIPE when the process exits without reading all of its input: its exit says what happened.
  child.stdin?.on('error', () => undefined);
  if (o.input !== undefined) child.stdin?.end(o.input);

  let timedOut = false;
  let grace: NodeJS.Timeout | undefined;
  const timer =
    o.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          child.kill('SIGTERM');
          grace = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
        }, o.timeoutMs);

  const done = new Promise<Ran>((resolve) => {
    child.on('error', (e: NodeJS.ErrnoException) => {
      // Also emitted when a kill fails; only a process that never started ends here.
      if (child.pid !== undefined) return;
      clearTimeout(timer);
      resolve(notStarted(command, file, o.cwd, e));
    });
    // A killed process's children may hold its pipes open, which would hold 'close' back for good.
    child.on('exit', () => {
      if (!timedOut) return;
      child.stdout?.destroy();
      child.stderr?.destroy();
    });
    child.on('close', (exitCode: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      clearTimeout(grace);
      if (child.pid === undefined) return; // never started: reported by 'error'
      const failure = timedOut
        ? `timed out after ${(o.timeoutMs ?? 0) / 1000} s`
        : signal
          ? `was killed by ${signal}`
          : exitCode !== 0
            ? `exited with ${exitCode}`
            : undefined;
      resolve({ command, ok: !failure, failure, exitCode, signal, timedOut, started: true, stdout, stderr, output });
    });
  });

  return {
    stdin: o.pipeStdin ? child.stdin : null,
    stdout: o.streamStdout ? child.stdout : null,
    kill: (signal) => void child.kill(signal),
    done,
  };
}

function notStarted(command: string, file: string, cwd: string | undefined, e: NodeJS.ErrnoException): Ran {
  // Node says `spawn FILE ENOENT` for a missing working directory too: say which is missing.
  const why =
    e.code === 'ENOENT' && cwd !== undefined && !existsSync(cwd)
      ? `its working directory ${cwd} does not exist`
      : e.code === 'ENOENT'
        ? `${file} was not found (ENOENT)`
        : e.message;
  const failure = `could not be started: ${why}`;
  return { command, ok: false, failure, exitCode: null, signal: null, timedOut: false, started: false, stdout: '', stderr: '', output: '' };
}
