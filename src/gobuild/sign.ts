// The signing step: the `sign` command once per built binary, after the build's checks and before
// anything is archived, summed or described by an SBOM, so that every hash the action publishes is
// of the signed bytes. A command that writes `{signed}` instead of signing in place (osslsigncode
// takes -in and -out) has that file put in the binary's place. Signing may rewrite a binary
// (Authenticode appends a certificate table, a Mach-O signature adds a load command), so the header
// is checked again and the build info is read again: it must still say what the build check read.
import { existsSync } from 'node:fs';
import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import pLimit from 'p-limit';
import { isDeepStrictEqual } from 'node:util';
import { ActionError } from '../errors.js';
import type { BuildInfo } from '../binaries/buildinfo.js';
import { checkable, HEADER_BYTES, mismatch, readHeader } from '../binaries/binary-format.js';
import { fillCommand, type CommandTemplate } from '../lib/command-template.js';
import { findProgram, readHead } from '../lib/files.js';
import { quoteForLog } from '../lib/format.js';
import type { Log } from '../lib/log.js';
import type { InputProblem, Problem } from '../lib/problem.js';
import { run } from '../lib/process.js';
import { targetId, type Target } from '../targets/target.js';
import type { BuildOutcome } from './build-tasks.js';
import { buildSummary, type CacheReport } from './present.js';
import type { BuildResult } from './run.js';

/** The placeholders of `sign`; action.yml and docs/reference.md list each. */
export const SIGN_FIELDS = ['path', 'signed', 'target', 'goos', 'goarch', 'name'];

/** Where a command's program is (what will be started), or the problem naming `input` when it would not start. */
export function findSigningProgram(
  input: string,
  c: CommandTemplate,
  cwd: string,
  env: NodeJS.ProcessEnv,
  pathSep: string,
  windows: boolean,
): string | InputProblem {
  const program = c.args[0];
  const found = findProgram(program, cwd, env.PATH ?? '', pathSep, windows);
  if (found) return found;
  const where = /[/\\]/.test(program) ? `no executable file ${join(cwd, program)}` : `${program} was not found on PATH`;
  return {
    input,
    value: c.text,
    problem: `${where}, so the command could not run`,
    allowed: `a program on the job's PATH (installed by an earlier step), or a path relative to working-directory, on the first line`,
  };
}

/** The values `sign`'s placeholders take for one binary. */
export function signValues(binary: string, target: Target, name: string): Record<string, string> {
  return {
    path: binary,
    signed: signedPath(binary),
    target: targetId(target),
    goos: target.goos,
    goarch: target.goarch,
    name,
  };
}

/** `{signed}`: beside the binary, in a directory of its own, under the binary's own file name (signtool and osslsigncode look at the suffix). */
export function signedPath(binary: string): string {
  return join(dirname(binary), 'signed', basename(binary));
}

/** Whether signing kept the build info: equal to what the build check read, or why not. */
export function buildInfoKept(before: BuildInfo, after: BuildInfo | Problem): string | undefined {
  if ('problem' in after) return `signing left a binary whose build info cannot be read (${after.problem})`;
  return isDeepStrictEqual(before, after) ? undefined : 'signing changed the build info go version -m reads';
}

export interface SignOptions {
  command: CommandTemplate;
  /** The program, as findSigningProgram found it. */
  program: string;
  /** working-directory: relative paths in the command (a key file) resolve there. */
  cwd: string;
  /** The job's environment: the signing tool's own variables (a key's password) come from the step's env. */
  env: NodeJS.ProcessEnv;
  parallel: number;
  /** `go version -m` of a signed binary (buildinfo-verifier.ts readBuildInfo). */
  readInfo(binary: string): Promise<BuildInfo | Problem>;
  log: Log;
}

/** Signs each binary (several at once, up to `parallel`); a failure fails its build. One log group per binary. */
export async function signBuilds(outcome: BuildOutcome, o: SignOptions): Promise<BuildOutcome> {
  const limit = pLimit(o.parallel);
  const ok = outcome.results.filter((r) => r.status === 'ok').length;
  let done = 0;
  o.log.info(`Signing ${ok} binar${ok === 1 ? 'y' : 'ies'} with ${o.command.args[0]}, ${o.parallel} at a time`);
  const results = await Promise.all(
    outcome.results.map((r) =>
      r.status !== 'ok'
        ? r
        : limit(async () => {
            const started = Date.now();
            const { lines, failure } = await signOne(r, o);
            const seconds = (Date.now() - started) / 1000;
            const status = failure ? `FAILED (${failure})` : 'ok';
            o.log.section(`[${++done}/${ok}] sign ${r.task.id}: ${status}, ${seconds.toFixed(1)} s`, lines);
            return failure ? { ...r, status: 'failed' as const, reason: failure, seconds: r.seconds + seconds } : { ...r, signed: true };
          }),
    ),
  );
  return { ...outcome, results };
}

async function signOne(r: BuildResult, o: SignOptions): Promise<{ lines: string[]; failure?: string }> {
  const { binary, target, name } = r.task;
  const values = signValues(binary, target, name);
  await rm(values.signed, { force: true });
  await mkdir(dirname(values.signed), { recursive: true });
  const [, ...args] = fillCommand(o.command, values);
  const ran = await run(o.program, args, { cwd: o.cwd, env: o.env });
  const lines = [[o.program, ...args].map(quoteForLog).join(' '), ...(ran.output.trim() ? [ran.output.trimEnd()] : [])];
  if (!ran.ok) {
    const said = (ran.stderr || ran.stdout).trim().split('\n').at(-1);
    return { lines, failure: `the sign command ${o.command.args[0]} ${ran.failure}${said ? `: ${said.trim()}` : ''}` };
  }
  if (existsSync(values.signed)) {
    // A tool writes its output with its own mode (osslsigncode: 0644): the binary keeps the build's.
    const mode = (await stat(binary)).mode;
    await rename(values.signed, binary);
    await chmod(binary, mode & 0o7777);
    lines.push(`${basename(binary)} replaced by {signed}`);
  }
  if (checkable(target.goos)) {
    const wrong = mismatch(readHeader(await readHead(binary, HEADER_BYTES)), target.goos, target.goarch);
    if (wrong) return { lines, failure: `after the sign command, binary check: ${wrong}` };
  }
  const before = r.verified?.info;
  if (before) {
    const lost = buildInfoKept(before, await o.readInfo(binary));
    if (lost) return { lines, failure: `the sign command ${o.command.args[0]}: ${lost}` };
    lines.push('Build info read again (go version -m): unchanged');
  }
  return { lines };
}

/** After signing: when any binary failed to sign, the summary lists every build and one error names each failure. */
export function refuseFailedSigning(
  outcome: BuildOutcome,
  goVersion: string,
  caches: (t: Target) => CacheReport,
  outputDir: string,
  log: Log,
): void {
  const failed = outcome.results.filter((r) => r.status !== 'ok');
  if (!failed.length) return;
  log.summary(...buildSummary(outcome.results, [], goVersion, caches, outcome.note));
  const list = failed.map((r) => `${r.task.id} ${basename(r.task.binary)} (${r.reason?.replace(/\.$/, '')})`).join(', ');
  throw new ActionError(
    'Signing failed',
    `${failed.length} of ${outcome.results.length} binaries could not be signed: ${list}. Nothing was written to ${outputDir}; see each binary's sign log group.`,
  );
}
