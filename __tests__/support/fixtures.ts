// Shared set-up of the e2e tests: the two local toolchains repacked, a mirror serving them, the
// inputs that install one of them pinned, a GOPROXY for the fixture modules, and helpers to look
// into a runner's tool cache. Jest only: importing it registers an afterAll hook, as do
// mirroredFixture and offlineProxy (index.ts, for the bench and scripts, leaves it all out).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileProxy as serveModule } from './goproxy.ts';
import { type Mirror, type MirrorRelease, startMirror } from './mirror.ts';
import { newRunner as newRunnerIn, type Runner, runAction } from './runner.ts';
import { type Archive, repack, requireToolchains } from './toolchains.ts';
import { WINE, winePrefix } from './wine.ts';

export type { Mirror } from './mirror.ts';
export type { Result, Runner } from './runner.ts';
export type { Archive } from './toolchains.ts';

// Each test file's runners live under one directory, removed after the file: an install is ~280 MB.
// tmpfs where there is one: installs are about the same work there and several times faster.
const base = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'gcb-e2e-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

export function newRunner(): Runner {
  return newRunnerIn(base);
}
export interface Fixture {
  newer: { goName: string; version: string; archive: Archive; goroot: () => string };
  older: { goName: string; version: string; archive: Archive; goroot: () => string };
  /** go-sha256 lines pinning both repacked archives. */
  pins: string;
}

export async function fixture(): Promise<Fixture> {
  const [newer, older] = requireToolchains();
  const [a, b] = [await repack(newer), await repack(older)];
  return {
    newer: { goName: newer.goName, version: newer.version, archive: a, goroot: () => newer.goroot },
    older: { goName: older.goName, version: older.version, archive: b, goroot: () => older.goroot },
    pins: `${a.sha256}  ${a.fileName}\n${b.sha256}  ${b.fileName}`,
  };
}

/** The honest index: both toolchains under their own hashes, plus an unstable release with no file served. */
export function releases(f: Fixture): MirrorRelease[] {
  const file = (a: Archive) => ({ filename: a.fileName, sha256: a.sha256, path: a.path });
  return [
    { version: 'go1.99rc1', stable: false, files: [{ filename: 'go1.99rc1.linux-amd64.tar.gz', sha256: 'f'.repeat(64) }] },
    { version: f.newer.goName, stable: true, files: [file(f.newer.archive)] },
    { version: f.older.goName, stable: true, files: [file(f.older.archive)] },
  ];
}

/**
 * The index as go.dev really serves it: the fixture's toolchains (with source and installer files)
 * amid the live quirks, unstable releases first, then releases before Go 1.6 with empty hashes and
 * a release named `go1` (fixtures/index/live-quirks.json).
 */
export function liveLikeReleases(f: Fixture): MirrorRelease[] {
  const quirks = JSON.parse(readFileSync(join(FIXTURES, 'index', 'live-quirks.json'), 'utf8')) as Record<
    'unstable' | 'old',
    MirrorRelease[]
  >;
  const withExtras = (t: Fixture['newer']) => ({
    version: t.goName,
    stable: true,
    files: [
      { filename: `${t.goName}.src.tar.gz`, os: '', arch: '', kind: 'source', sha256: 'c'.repeat(64) },
      { filename: t.archive.fileName, sha256: t.archive.sha256, path: t.archive.path },
      { filename: `${t.goName}.windows-amd64.msi`, os: 'windows', kind: 'installer', sha256: 'd'.repeat(64) },
    ],
  });
  return [...quirks.unstable, withExtras(f.newer), withExtras(f.older), ...quirks.old];
}

/** What most e2e files start from: the fixture and a mirror serving it, open until the file is done. */
export interface MirroredFixture {
  f: Fixture;
  mirror: Mirror;
  /** The inputs that install the newer toolchain, pinned by go-sha256, from the mirror; `extra` over them. */
  pinnedInputs: (extra?: Record<string, string>) => Record<string, string>;
}

/**
 * The fixture's toolchains and a mirror serving `index(f)` (the honest releases unless said),
 * closed after the file's tests. Awaited at the top of a test file, before its tests are declared.
 */
export async function mirroredFixture(index: (f: Fixture) => MirrorRelease[] = releases): Promise<MirroredFixture> {
  const f = await fixture();
  const mirror = await startMirror(index(f));
  afterAll(() => mirror.close());
  return {
    f,
    mirror,
    pinnedInputs: (extra = {}) => ({ 'go-version': f.newer.version, 'go-sha256': f.pins, 'go-download-base-url': mirror.url, ...extra }),
  };
}

/** Everything in the tool cache, relative paths, so "nothing left behind" is an exact assertion. */
export function toolCacheTree(runner: Runner): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string, depth: number) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      out.push(r);
      if (e.isDirectory() && depth < 3) walk(join(dir, e.name), r, depth + 1);
    }
  };
  walk(runner.toolCache, '', 0);
  return out.sort();
}

export { runAction, startMirror };

export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

/** Copies a fixture module into `dir` and commits it with a fixed date, as a checkout would have it. */
export function checkout(fixtureName: string, dir: string, commitEpoch = 1_700_000_000): string {
  cpSync(join(FIXTURES, fixtureName), dir, { recursive: true });
  const env = {
    ...process.env,
    GIT_AUTHOR_DATE: `@${commitEpoch} +0000`,
    GIT_COMMITTER_DATE: `@${commitEpoch} +0000`,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
  for (const args of [
    ['init', '-q'],
    ['add', '-A'],
    ['commit', '-q', '-m', 'fixture'],
  ])
    execFileSync('git', ['-C', dir, ...args], { env });
  return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD']).toString().trim();
}

/** Runs a command, never throwing: status, stdout and stderr. */
export function tryRun(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(command, args, { env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error as NodeJS.ErrnoException | undefined };
}

export const hasWine = existsSync(WINE);

/** Runs a windows/amd64 program under wine64, in a prefix built once and kept in the temp dir. */
export function runUnderWine(exe: string) {
  const prefix = winePrefix('go-crossbuild-wine-prefix');
  return tryRun(WINE, [exe], { ...process.env, ...prefix.env });
}

/**
 * The environment of a job whose module downloads are served offline: a file:// GOPROXY holding
 * each `[module, version, fixture]`, in a directory of its own, and no checksum database.
 */
export async function offlineProxy(...modules: [module: string, version: string, fixtureName: string][]): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(base, 'goproxy-'));
  let proxy = `file://${dir}`;
  for (const [module, version, fixtureName] of modules) proxy = await fileProxy(dir, module, version, fixtureName);
  return { GOPROXY: proxy, GOSUMDB: 'off' };
}

/** A file:// GOPROXY serving a fixture module at one version. */
export function fileProxy(dir: string, module: string, version: string, fixtureName: string): Promise<string> {
  return serveModule(dir, module, version, join(FIXTURES, fixtureName));
}
