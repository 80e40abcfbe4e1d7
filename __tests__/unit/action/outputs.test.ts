import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { writeResult } from '../../../src/action/outputs.js';
import type { Artifact } from '../../../src/artifacts/manifest.js';
import { STATE_KEY, type CacheState, type Restored } from '../../../src/cache/keys.js';
import type { RunnerEnv } from '../../../src/lib/runner-env.js';
import type { ToolchainResult } from '../../../src/modes/result.js';
import { GO_MATCHERS } from '../../../src/toolchain/matchers.js';
import type { Toolchain } from '../../../src/toolchain/toolchain.js';
import { keyValues, openStep, pathEntries, type RunnerStep } from './runner-files.js';

const verified: Toolchain = {
  verified: true,
  version: '1.20.0',
  goName: 'go1.20',
  goroot: '/tc/go/1.20.0/x64',
  go: '/tc/go/1.20.0/x64/bin/go',
  gopath: '/home/runner/go',
  file: 'go1.20.linux-amd64.tar.gz',
  url: 'https://go.dev/dl/go1.20.linux-amd64.tar.gz',
  sha256: 'a'.repeat(64),
  hashSource: 'checksum table',
  fromToolCache: false,
};

const onPath: Toolchain = {
  verified: false,
  version: '1.24.1',
  goName: 'go1.24.1',
  goroot: '/usr/lib/go',
  go: '/usr/bin/go',
  gopath: '/home/runner/go',
};

const artifact: Artifact = {
  target: 'linux/amd64',
  goos: 'linux',
  goarch: 'amd64',
  variant: '',
  name: 'app-linux-amd64',
  path: 'dist/app-linux-amd64',
  size: 3,
  sha256: 'b'.repeat(64),
  archive: null,
  binaries: ['app-linux-amd64'],
  cacheHit: true,
  go: '1.20.0',
  checksums: 'SHA256SUMS',
};

const cache = (name: string, matchedKey: string | undefined): Restored => ({
  name,
  kind: 'build',
  path: `/t/gocache/${name}`,
  key: `k-${name}-abc`,
  restoreKeys: [`k-${name}-`],
  restoredBytes: 10,
  ...(matchedKey ? { matchedKey } : {}),
});

describe('writeResult', () => {
  let step: RunnerStep;
  let runner: RunnerEnv;
  beforeEach(() => {
    step = openStep({ GOROOT: undefined, GOCACHE: undefined, GOTOOLCHAIN: undefined });
    runner = {
      env: {},
      workspace: join(step.dir, 'work'),
      temp: join(step.dir, 'temp'),
      toolCache: join(step.dir, 'tool-cache'),
      cpus: 2,
      pathSep: delimiter,
      host: { goos: 'linux', goarch: 'amd64' },
      jobStart: 0,
      event: { name: 'push', ref: 'refs/heads/main', defaultBranch: 'main' },
    };
  });
  afterEach(() => step.close());

  const outputs = () => Object.fromEntries(keyValues(step.files.output));
  const exported = () => keyValues(step.files.env);
  const setup = (r: Partial<ToolchainResult> = {}): ToolchainResult => ({
    mode: 'setup',
    toolchain: verified,
    problemMatchers: false,
    ...r,
  });

  it("gives merge mode's artifacts and checksums file, and nothing else", () => {
    writeResult({ mode: 'merge', artifacts: [artifact], checksumsFile: 'dist/SHA256SUMS' }, runner);
    expect(keyValues(step.files.output)).toEqual([
      ['artifacts', JSON.stringify([artifact])],
      ['checksums-file', 'dist/SHA256SUMS'],
    ]);
    expect([exported(), pathEntries(step.files.path), keyValues(step.files.state), step.stdout]).toEqual([[], [], [], []]);
  });

  it("gives plan mode's matrix, toolchain, targets and Go version, and exports nothing", () => {
    const matrix = {
      include: [
        { shard: 1, targets: 'linux/amd64,linux/arm64' },
        { shard: 2, targets: 'windows/amd64', 'runs-on': 'windows-latest' },
      ],
    };
    const toolchain = { version: '1.24.4', sha256: `${'c'.repeat(64)}  go1.24.4.linux-amd64.tar.gz` };
    writeResult({ mode: 'plan', matrix, toolchain, targets: ['linux/amd64', 'linux/arm64', 'windows/amd64'] }, runner);
    expect(outputs()).toEqual({
      matrix: JSON.stringify(matrix),
      toolchain: JSON.stringify(toolchain),
      targets: 'linux/amd64,linux/arm64,windows/amd64',
      'go-version': '1.24.4',
    });
    expect(JSON.parse(outputs().matrix)).toEqual(matrix);
    expect([exported(), pathEntries(step.files.path), keyValues(step.files.state)]).toEqual([[], [], []]);
  });

  it("gives a verified toolchain's version as Go names it, its GOROOT, archive URL and hash; GOTOOLCHAIN=local; GOROOT/bin first on PATH", () => {
    writeResult(setup(), runner);
    expect(outputs()).toEqual({
      'cache-hit': '',
      'go-version': '1.20', // Go 1.20's first release has no `.0`
      'go-root': verified.goroot,
      'go-sha256': verified.sha256,
      'go-archive-url': verified.url,
    });
    expect(exported()).toEqual([['GOTOOLCHAIN', 'local']]);
    // Each entry is prepended: the last one written is the first on PATH.
    expect(pathEntries(step.files.path)).toEqual(['/home/runner/go/bin', '/tc/go/1.20.0/x64/bin']);
    expect(process.env.PATH?.split(delimiter).slice(0, 2)).toEqual(['/tc/go/1.20.0/x64/bin', '/home/runner/go/bin']);
    expect(keyValues(step.files.state)).toEqual([]);
    expect(step.lines()).toEqual(['go1.20 ready: GOROOT=/tc/go/1.20.0/x64, GOTOOLCHAIN=local']);
  });

  it('leaves the hash and URL of the Go on PATH empty, and says it is unverified', () => {
    writeResult(setup({ toolchain: onPath }), runner);
    expect(outputs()).toMatchObject({ 'go-version': '1.24.1', 'go-root': '/usr/lib/go', 'go-sha256': '', 'go-archive-url': '' });
    expect(step.lines()).toEqual(['go1.24.1 (the go on PATH, /usr/bin/go, unverified) ready: GOROOT=/usr/lib/go, GOTOOLCHAIN=local']);
  });

  it("replaces only a GOROOT the job already has that is another tree's", () => {
    writeResult(setup(), { ...runner, env: { GOROOT: '/opt/hostedtoolcache/go/1.22.0/x64' } });
    expect(exported()).toEqual([
      ['GOROOT', verified.goroot],
      ['GOTOOLCHAIN', 'local'],
    ]);
    step.close();
    step = openStep({ GOROOT: undefined });
    writeResult(setup(), { ...runner, env: { GOROOT: verified.goroot } });
    expect(exported()).toEqual([['GOTOOLCHAIN', 'local']]);
  });

  it('saves the cache state for the post step, and says cache-hit only when every cache matched its key', () => {
    const state = (caches: Restored[]): CacheState => ({ jobStart: 1, readOnly: false, readOnlyWhy: 'push to the default branch', caches });
    const hits = state([cache('modules', 'k-modules-abc'), cache('linux-amd64', 'k-linux-amd64-abc')]);
    writeResult(setup({ cache: hits, gocache: '/t/gocache/setup' }), runner);
    expect(keyValues(step.files.state)).toEqual([[STATE_KEY, JSON.stringify(hits)]]);
    expect(JSON.parse(keyValues(step.files.state)[0][1])).toEqual(hits);
    expect(outputs()['cache-hit']).toBe('true');
    expect(exported()).toEqual([
      ['GOTOOLCHAIN', 'local'],
      ['GOCACHE', '/t/gocache/setup'],
    ]);

    const cacheHit = (caches: Restored[]) => {
      step.close();
      step = openStep();
      writeResult(setup({ cache: state(caches) }), runner);
      return outputs()['cache-hit'];
    };
    expect(cacheHit([cache('modules', 'k-modules-abc'), cache('linux-amd64', 'k-linux-amd64-older')])).toBe('false'); // a restore key
    expect(cacheHit([cache('modules', 'k-modules-abc'), cache('linux-amd64', undefined)])).toBe('false'); // a miss
    expect(cacheHit([])).toBe('false'); // caching on, nothing needed
  });

  it("gives build mode's artifacts and checksums file besides the toolchain's outputs", () => {
    writeResult({ ...setup(), mode: 'build', artifacts: [artifact], checksumsFile: 'dist/SHA256SUMS' }, runner);
    expect(Object.keys(outputs())).toEqual([
      'artifacts',
      'checksums-file',
      'cache-hit',
      'go-version',
      'go-root',
      'go-sha256',
      'go-archive-url',
    ]);
    expect(JSON.parse(outputs().artifacts)).toEqual([artifact]);
    expect(outputs()['checksums-file']).toBe('dist/SHA256SUMS');
  });

  it('registers the Go problem matchers from a file under RUNNER_TEMP, only when asked', () => {
    const file = join(runner.temp, 'go-crossbuild', 'problem-matchers.json');
    writeResult(setup(), runner);
    expect(existsSync(file)).toBe(false);
    expect(step.lines().filter((l) => l.startsWith('::add-matcher::'))).toEqual([]);

    writeResult(setup({ problemMatchers: true }), runner);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(GO_MATCHERS);
    expect(step.lines().filter((l) => l.startsWith('::add-matcher::'))).toEqual([`::add-matcher::${file}`]);
  });
});
