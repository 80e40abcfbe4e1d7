// The runner's side of @actions/core for the action/ tests: the step's GITHUB_* files in a temp
// directory, what the step wrote to stdout (workflow commands, log lines), and process.env and
// process.exitCode put back afterwards. Not a test file (jest runs only *.test.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunnerStep {
  dir: string;
  files: { output: string; env: string; path: string; state: string };
  /** Every chunk written to process.stdout while the step was open. */
  stdout: string[];
  /** stdout as lines, without the empty last one. */
  lines(): string[];
  /** Puts back process.env, process.exitCode and process.stdout.write, and removes the directory. */
  close(): void;
}

/** Opens a step: GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and GITHUB_STATE point at empty files in a temp directory. */
export function openStep(env: Record<string, string | undefined> = {}): RunnerStep {
  const savedEnv = { ...process.env };
  const savedExitCode = process.exitCode;
  const dir = mkdtempSync(join(tmpdir(), 'gcb-runner-'));
  const files = { output: join(dir, 'output'), env: join(dir, 'env'), path: join(dir, 'path'), state: join(dir, 'state') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  Object.assign(process.env, { GITHUB_OUTPUT: files.output, GITHUB_ENV: files.env, GITHUB_PATH: files.path, GITHUB_STATE: files.state });
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const stdout: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    return true;
  }) as typeof process.stdout.write;
  return {
    dir,
    files,
    stdout,
    lines: () => stdout.join('').split(/\r?\n/).slice(0, -1),
    close() {
      process.stdout.write = write;
      for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
      Object.assign(process.env, savedEnv);
      process.exitCode = savedExitCode;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The `name<<DELIMITER` entries of a file command (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE), in the
 * order written, each delimiter checked to close its own entry.
 */
export function keyValues(file: string): [string, string][] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const out: [string, string][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const m = /^([^<]+)<<(ghadelimiter_[\w-]+)$/.exec(lines[i]);
    if (!m) throw new Error(`${file}: line ${i + 1} is not a name<<delimiter line: ${lines[i]}`);
    const end = lines.indexOf(m[2], i + 1);
    if (end < 0) throw new Error(`${file}: ${m[1]} is not closed by its delimiter`);
    out.push([m[1], lines.slice(i + 1, end).join('\n')]);
    i = end;
  }
  return out;
}

/** GITHUB_PATH's entries, in the order written. */
export function pathEntries(file: string): string[] {
  return readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
}
