// Little fixtures shared by the unit tests. Not a test file (jest runs only *.test.ts).
import type { BuildSettings, Stamp } from '../../src/gobuild/settings.js';
import type { BuildSpec } from '../../src/gobuild/build-spec.js';
import { DEFAULT_ARTIFACT_NAME, DEFAULT_CHECKSUM_NAME } from '../../src/gobuild/artifact-names.js';
import { parseTarget, type Target } from '../../src/targets/target.js';
import type { CgoSpec } from '../../src/cc/compilers.js';
import type { Annotation, Log, SummaryBlock } from '../../src/lib/log.js';
import { DEFAULT_ZIG_VERSION, ZIG_PUBLIC_KEY } from '../../src/cc/zig-release.js';
import { InputError } from '../../src/errors.js';
import type { Inputs } from '../../src/inputs/read.js';
import type { RunnerEnv } from '../../src/lib/runner-env.js';
import { join } from 'node:path';
import type { InputSource } from '../../src/inputs/input-source.js';
import { isProblem, type InputProblem, type Problem } from '../../src/lib/problem.js';

/** A target from its text, for tests whose texts are known to parse. */
export const t = (text: string) => parseTarget(text) as Target;

export const stamp: Stamp = { version: '1.2.3', tag: 'v1.2.3', commit: 'abc1234def', date: '2023-11-14T22:13:20Z', epoch: 1_700_000_000 };

export const settings: BuildSettings = {
  ldflags: '-s -w -X main.version={version}',
  tags: ['pro', 'netgo'],
  buildFlags: [],
  env: [],
  cgo: false,
  trimpath: true,
};

/** cgo off, as the inputs read it by default. */
export const noCgo: CgoSpec = {
  enabled: false,
  compiler: 'zig',
  zig: { version: DEFAULT_ZIG_VERSION, pins: { kind: 'none' }, publicKey: ZIG_PUBLIC_KEY, signatureRequired: false },
};

/** A cross-build as the inputs give it by default, for one package in the module directory. */
export const buildSpec = (over: Partial<BuildSpec> = {}): BuildSpec => ({
  targets: [],
  exclude: [],
  packages: ['.'],
  artifactName: DEFAULT_ARTIFACT_NAME,
  checksumName: DEFAULT_CHECKSUM_NAME,
  outputDir: '/w/dist',
  settings,
  reproducible: true,
  parallel: 2,
  failFast: false,
  archiveFiles: [],
  archive: 'auto',
  sbom: 'none',
  allowDirty: false,
  cgo: noCgo,
  ...over,
});

/** A Log that keeps what it is told (lines, log groups, annotations, summary blocks) for a test to read. */
export function recordingLog() {
  const info: string[] = [];
  const warnings: string[] = [];
  const sections: { name: string; lines: string[] }[] = [];
  const annotations: { message: string; at: Annotation }[] = [];
  const summary: SummaryBlock[] = [];
  const log: Log = {
    info: (m) => info.push(m),
    warning: (m) => warnings.push(m),
    debug: () => undefined,
    annotate: (message, at) => annotations.push({ message, at }),
    group: (_, fn) => fn(),
    section: (name, lines) => sections.push({ name, lines }),
    secret: () => undefined,
    summary: (...blocks) => summary.push(...blocks),
  };
  return { log, info, warnings, sections, annotations, summary };
}

/** A judgement's value; fails the test with the problem when there is one. */
export function accepted<T>(x: T): Exclude<T, Problem> {
  if (isProblem(x)) throw new Error(`refused: ${x.problem}`);
  return x as Exclude<T, Problem>;
}

/** A judgement's input problem, worded as the action words it; fails the test when it was accepted. */
export function refusal(x: unknown): InputError {
  if (!isProblem(x) || !('input' in x)) throw new Error(`accepted: ${JSON.stringify(x)}`);
  return InputError.of(x as InputProblem);
}

/**
 * An InputSource for the input readers: the inputs as given ('' when unset), the workspace
 * /runner/work/repo (it and every path below it are directories), RUNNER_TEMP /runner/temp plus
 * `env`, a linux/amd64 host with 2 CPUs, and `files` (by absolute path) as the only files.
 */
export function fakeSource(
  inputs: Record<string, string>,
  files: Record<string, string> = {},
  env: Record<string, string> = {},
): InputSource {
  const cwd = '/runner/work/repo';
  return {
    get: (name) => inputs[name] ?? '',
    env: { RUNNER_TEMP: '/runner/temp', ...env },
    cwd,
    host: { goos: 'linux', goarch: 'amd64' },
    readText: (p) => files[p],
    isDirectory: (p) => p === cwd || p.startsWith(`${cwd}/`),
    cpus: 2,
  };
}

/** The InputError a reader throws; fails the test when it returns, or throws anything else. */
export function inputError(read: () => unknown): InputError {
  let value: unknown;
  try {
    value = read();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`accepted: ${JSON.stringify(value)}`);
}

/**
 * A mode's inputs pinning Go 1.24.4, which the shipped checksum and port tables know, with a closed
 * port as the mirror: a step that fetched anything would fail with another error.
 */
export function offlineInputs(workingDirectory: string, over: Partial<Inputs> = {}): Inputs {
  return {
    mode: 'build',
    spec: { kind: 'exact', version: '1.24.4' },
    specInput: 'go-version',
    specValue: '1.24.4',
    pins: { kind: 'none' },
    baseUrl: 'http://127.0.0.1:9/dl',
    checkLatest: false,
    platform: { goos: 'linux', goarch: 'amd64' },
    workingDirectory,
    generate: { mode: 'none', packages: [] },
    cache: { enabled: false, readOnly: 'auto', onRelease: false, dependencyPath: [], keySuffix: '' },
    problemMatchers: true,
    warnings: [],
    ...over,
  };
}

/** A linux/amd64 runner whose temp directory and tool cache are under `dir`. */
export function runnerAt(dir: string): RunnerEnv {
  return {
    env: {},
    workspace: dir,
    temp: join(dir, 'tmp'),
    toolCache: join(dir, 'tc'),
    cpus: 2,
    pathSep: ':',
    host: { goos: 'linux', goarch: 'amd64' },
    jobStart: 0,
    event: { name: undefined, ref: undefined, defaultBranch: undefined },
  };
}
