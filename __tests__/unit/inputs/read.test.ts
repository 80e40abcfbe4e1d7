// readInputs through a fake input source: the mode, the Go on PATH, what each mode assembles from the
// readers (each tested beside its own module), and the whole bad-input corpus.
import { InputError } from '../../../src/errors.js';
import { join } from 'node:path';
import { readBuildSpec } from '../../../src/inputs/read-build.js';
import { readInputs } from '../../../src/inputs/read.js';
import { readShardSpec } from '../../../src/inputs/read-shards.js';
import { DEFAULT_BASE_URL } from '../../../src/inputs/read-toolchain.js';
import { TARGETS_ALLOWED } from '../../../src/targets/target.js';
import { BAD_INPUTS } from '../../support/bad-inputs.ts';
import { fakeSource, inputError, t } from '../helpers.js';

const repo = '/runner/work/repo';
const read = (inputs: Record<string, string>) => readInputs(fakeSource(inputs));
const refused = (inputs: Record<string, string>) => inputError(() => read({ 'go-version': '1.24.4', ...inputs }));
const MODES_ALLOWED =
  "auto (build with targets, else setup), setup (install Go only), build, plan (matrix and toolchain for shards), merge (shards' outputs into one set)";

describe('mode', () => {
  it('auto is build with targets, else setup', () => {
    expect(read({ 'go-version': '1.24.4' }).mode).toBe('setup');
    expect(read({ 'go-version': '1.24.4', mode: ' auto ' }).mode).toBe('setup');
    expect(read({ 'go-version': '1.24.4', targets: 'linux/amd64' }).mode).toBe('build');
    expect(read({ 'go-version': '1.24.4', targets: 'linux/amd64', mode: 'auto' }).mode).toBe('build');
  });

  it('takes each explicit mode that fits the targets', () => {
    expect(read({ 'go-version': '1.24.4', mode: 'setup' }).mode).toBe('setup');
    expect(read({ 'go-version': '1.24.4', mode: 'build', targets: 'linux/amd64' }).mode).toBe('build');
    expect(read({ 'go-version': '1.24.4', mode: 'plan', targets: 'linux/amd64' }).mode).toBe('plan');
    expect(read({ mode: 'merge' }).mode).toBe('merge');
    expect(read({ mode: 'merge', targets: 'linux/amd64' }).mode).toBe('merge');
  });

  it('refuses an unknown mode, case included', () => {
    for (const mode of ['Build', 'release'])
      expect(refused({ mode })).toMatchObject({
        input: 'mode',
        value: mode,
        message: `Input mode = "${mode}": unknown mode. Allowed: ${MODES_ALLOWED}`,
        allowed: MODES_ALLOWED,
      });
  });

  it('refuses setup mode with targets, and build or plan mode without', () => {
    expect(refused({ mode: 'setup', targets: 'linux/amd64' })).toMatchObject({
      input: 'mode',
      value: 'setup',
      message: expect.stringContaining('setup installs Go only, but targets is set'),
      allowed: 'mode: build (or auto) to build the targets, or no targets',
    });
    for (const mode of ['build', 'plan'])
      expect(refused({ mode, targets: ' ' })).toMatchObject({
        input: 'targets',
        value: '',
        message: expect.stringContaining(`mode: ${mode} needs targets`),
        allowed: TARGETS_ALLOWED,
      });
  });

  it('is judged before the toolchain: a plan without targets or version is refused for its targets', () => {
    expect(inputError(() => read({ mode: 'plan' })).input).toBe('targets');
  });
});

describe('no version: the Go on PATH', () => {
  it('is what setup mode uses, with the other setup inputs read as usual', () => {
    const inputs = readInputs(fakeSource({ cache: 'false', generate: 'once', 'working-directory': 'sub' }));
    expect(inputs).toEqual({
      mode: 'setup',
      goOnPath: true,
      workingDirectory: '/runner/work/repo/sub',
      generate: { mode: 'once', packages: ['./...'] },
      cache: { enabled: false, readOnly: 'auto', onRelease: false, dependencyPath: [], keySuffix: '' },
      problemMatchers: true,
      warnings: [],
    });
    expect(readInputs(fakeSource({ mode: 'setup' }))).toMatchObject({ mode: 'setup', goOnPath: true });
  });

  it('warns about the inputs that only steer a download, after those the mode ignores, and refuses a hash it cannot check', () => {
    const inputs = readInputs(
      fakeSource({ 'go-download-base-url': 'https://mirror.example/go', token: 't', 'check-latest': 'true', architecture: 'arm64' }),
    );
    expect(inputs.warnings).toEqual([
      'go-download-base-url, token, architecture, check-latest are ignored: neither go-version nor go-version-file is set, so the Go on PATH is used.',
    ]);
    expect(readInputs(fakeSource({ 'check-latest': 'false' })).warnings).toEqual([]);
    expect(read({ shards: '2', architecture: 'arm64' }).warnings).toEqual([
      'shards is ignored: only plan mode reads them.',
      'architecture is ignored: neither go-version nor go-version-file is set, so the Go on PATH is used.',
    ]);
    expect(inputError(() => read({ 'go-sha256': 'a'.repeat(64) })).input).toBe('go-sha256');
  });

  it('refuses a working-directory that is not there, and generate per-target (there are no targets)', () => {
    expect(inputError(() => read({ 'working-directory': '../elsewhere' })).input).toBe('working-directory');
    expect(inputError(() => read({ generate: 'per-target' }))).toMatchObject({ input: 'generate', value: 'per-target' });
    expect(inputError(() => read({ 'problem-matchers': 'no' }))).toMatchObject({ input: 'problem-matchers', value: 'no' });
  });

  it('is never what build or plan mode uses', () => {
    for (const mode of ['build', 'plan']) {
      const e = refused({ 'go-version': '', mode, targets: 'linux/amd64' });
      expect(e).toMatchObject({ input: 'go-version', value: '' });
      expect(e.message).toContain(`${mode} mode needs a pinned toolchain`);
      expect(e.allowed).toMatch(
        /^go-version \(an exact version .*\) or go-version-file \(go\.mod, go\.work, \.go-version, \.tool-versions\)$/,
      );
    }
    expect(refused({ 'go-version': '', targets: 'linux/amd64' }).message).toContain('build mode needs a pinned toolchain');
  });
});

describe('what each mode assembles', () => {
  it('setup with a version: the toolchain, the job inputs, no build', () => {
    expect(read({ 'go-version': '1.24.4', 'go-version-file': 'go.mod', 'cache-read-only': 'true', 'problem-matchers': 'false' })).toEqual({
      mode: 'setup',
      spec: { kind: 'exact', version: '1.24.4' },
      specInput: 'go-version',
      specValue: '1.24.4',
      pins: { kind: 'none' },
      baseUrl: DEFAULT_BASE_URL,
      auth: undefined,
      checkLatest: false,
      platform: { goos: 'linux', goarch: 'amd64' },
      workingDirectory: repo,
      build: undefined,
      generate: { mode: 'none', packages: ['./...'] },
      cache: { enabled: true, readOnly: true, onRelease: false, dependencyPath: [], keySuffix: '' },
      problemMatchers: false,
      warnings: ['Both go-version (1.24.4) and go-version-file (go.mod) are set; using go-version.'],
    });
    expect(inputError(() => read({ 'go-version': '1.24.4', generate: 'per-target' })).input).toBe('generate');
  });

  it('build: the build spec read in the module directory, and generate per-target allowed', () => {
    const inputs = { 'go-version': '1.24.4', targets: 'linux/amd64,windows/arm64', 'working-directory': 'sub', generate: 'per-target' };
    const got = read(inputs);
    expect(got).toMatchObject({ mode: 'build', workingDirectory: `${repo}/sub`, generate: { mode: 'per-target' } });
    expect('build' in got && got.build).toEqual(readBuildSpec(fakeSource(inputs), `${repo}/sub`));
    expect('build' in got && got.build?.targets).toEqual([t('linux/amd64'), t('windows/arm64')]);
    expect('build' in got && got.build?.outputDir).toBe(`${repo}/sub/dist`);
  });

  it('plan: the shards over that same build spec', () => {
    const inputs = { 'go-version': '1.24.4', mode: 'plan', targets: 'first-class', shards: '3', 'runs-on': 'darwin/*: macos-latest' };
    const got = read(inputs);
    if (got.mode !== 'plan') throw new Error(`not a plan: ${JSON.stringify(got)}`);
    expect(got.plan).toEqual(readShardSpec(fakeSource(inputs), readBuildSpec(fakeSource(inputs), repo)));
    expect(got.plan.shards).toBe(3);
    expect(Object.keys(got).filter((k) => ['build', 'generate', 'cache', 'problemMatchers'].includes(k))).toEqual([]);
  });

  it('plan: neither reads nor refuses generate, the cache inputs or problem-matchers, which table.ts says it ignores', () => {
    const job = {
      generate: 'sometimes',
      'generate-packages': '-run=x',
      cache: 'maybe',
      'cache-read-only': 'pr',
      'cache-on-release': 'x',
      'problem-matchers': 'no',
    };
    expect(read({ 'go-version': '1.24.4', mode: 'plan', targets: 'linux/amd64', ...job }).mode).toBe('plan');
    for (const [name, value] of Object.entries(job))
      expect(inputError(() => read({ 'go-version': '1.24.4', targets: 'linux/amd64', [name]: value })).input).toBe(name);
  });

  it('merge: the merge spec only, with no version needed and the toolchain inputs ignored unread', () => {
    expect(read({ mode: 'merge', 'go-version': 'banana', targets: 'linux/amd64', 'output-dir': 'out' })).toEqual({
      mode: 'merge',
      workingDirectory: repo,
      outputDir: `${repo}/out`,
      outputText: 'out',
      targets: [t('linux/amd64')],
      warnings: ['go-version is ignored: merge mode installs no Go.'],
    });
    expect(inputError(() => read({ mode: 'merge', targets: 'all' })).message).toContain('merge mode has no toolchain to expand all');
  });

  it('puts the warnings about ignored inputs before those of the readers', () => {
    expect(read({ 'go-version': '1.24.4', 'go-version-file': 'go.mod', shards: '2' }).warnings).toEqual([
      'shards is ignored: only plan mode reads them.',
      'Both go-version (1.24.4) and go-version-file (go.mod) are set; using go-version.',
    ]);
  });
});

describe('the bad-input corpus', () => {
  const cwd = '/runner/work/repo';
  const read = (c: (typeof BAD_INPUTS)[string]) => {
    const files = Object.fromEntries(Object.entries(c.files ?? {}).map(([name, text]) => [join(cwd, name), text]));
    return () =>
      readInputs({
        get: (name) => c.inputs[name] ?? '',
        env: { RUNNER_TEMP: '/runner/temp', ...c.env },
        cwd,
        host: { goos: 'linux', goarch: 'amd64' },
        readText: (p) => files[p],
        isDirectory: (p) => p === cwd || Object.keys(files).some((f) => f.startsWith(`${p}/`)),
        cpus: 2,
      });
  };

  it.each(Object.entries(BAD_INPUTS).filter(([, c]) => !c.late))('refuses %s, naming the input and the value', (_name, c) => {
    let error: unknown;
    try {
      read(c)();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    expect(e.input).toBe(c.input);
    expect(e.message).toMatch(/^Input .* = ".*": .*\. Allowed: /s);
    for (const s of c.says) expect(e.message).toContain(s);
    for (const secret of c.never ?? []) expect(e.message).not.toContain(secret);
  });

  it.each(Object.entries(BAD_INPUTS).filter(([, c]) => c.late))('leaves %s to the action: reading the inputs accepts it', (_name, c) => {
    expect(read(c)).not.toThrow();
  });
});
