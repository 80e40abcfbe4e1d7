import { annotate, annotateDirectives, buildSummary, compilerSummary, logBuild } from '../../../src/gobuild/present.js';
import type { BuildResult } from '../../../src/gobuild/run.js';
import type { BuildTask } from '../../../src/gobuild/tasks.js';
import type { Compilers } from '../../../src/cc/choose.js';
import type { Zig } from '../../../src/cc/zig-install.js';
import { recordingLog, t } from '../helpers.js';

const task = (id: string): BuildTask =>
  ({
    id,
    target: t(id),
    artifact: `app-${id.replace(/\//g, '-')}`,
    args: ['build', '-o', '/s/app', '-ldflags=-s -w', '.'],
    env: { GOOS: t(id).goos, GOARCH: t(id).goarch, GOCACHE: '/g', HOME: '/root', SECRET: 'x' },
  }) as unknown as BuildTask;
const result = (id: string, over: Partial<BuildResult> = {}): BuildResult => ({
  task: task(id),
  status: 'ok',
  seconds: 2.04,
  prepareLog: '',
  built: true,
  log: '',
  checked: true,
  ...over,
});

describe('logBuild', () => {
  it('prints one group per build: status and time, the target environment and command, the log, the build-info check', () => {
    const { log, sections } = recordingLog();
    const verified = { problems: [], notes: ['no VCS stamp'], compared: ['GOOS', 'GOARCH'], seconds: 0.1 };
    logBuild(log, result('linux/amd64', { log: 'warning: x\n', verified }), 1, 2);
    expect(sections).toEqual([
      {
        name: '[1/2] linux/amd64: ok, 2.0 s',
        lines: [
          "GOOS=linux GOARCH=amd64 GOCACHE=/g go build -o /s/app '-ldflags=-s -w' .",
          'warning: x',
          'Build info (go version -m, 0.10 s): compared GOOS, GOARCH; no VCS stamp',
        ],
      },
    ]);
  });

  it('says why a build failed or was skipped, with what ran before it and without a command it never ran', () => {
    const { log, sections } = recordingLog();
    logBuild(log, result('linux/arm64', { status: 'skipped', reason: 'fail-fast', built: false, prepareLog: 'zig: primed\n' }), 2, 2);
    expect(sections).toEqual([{ name: '[2/2] linux/arm64: skipped (fail-fast), 2.0 s', lines: ['zig: primed'] }]);
  });
});

describe('annotations', () => {
  it('annotates a compile error once for every build that hit it, at its file in the workspace', () => {
    const { log, annotations } = recordingLog();
    const failed = (id: string) => result(id, { status: 'failed', reason: 'go build exited with 1', log: './main.go:7:2: undefined: x\n' });
    annotate(log, [failed('linux/amd64'), failed('linux/arm64'), result('windows/amd64')], '/w/repo/mod', '/w/repo');
    expect(annotations).toEqual([
      { message: 'undefined: x', at: { title: 'go build linux/amd64, linux/arm64', file: 'mod/main.go', startLine: 7, startColumn: 2 } },
    ]);
  });

  it("annotates a failed go generate directive at its line, as the checkout's path", () => {
    const { log, annotations } = recordingLog();
    annotateDirectives(log, 'gen/x.go:3: running "stringer": exit status 1\nother\n', 'go generate (host)', '/w/repo/mod', '/w/repo');
    expect(annotations).toEqual([
      { message: 'running "stringer": exit status 1', at: { title: 'go generate (host)', file: 'mod/gen/x.go', startLine: 3 } },
    ]);
  });
});

describe('the summary', () => {
  it('gives darwin/universal, which has no build of its own, a row after the builds', () => {
    const blocks = buildSummary(
      [result('darwin/amd64'), result('darwin/arm64')],
      [{ target: 'darwin/universal', name: 'app-darwin-universal.tar.gz', size: 4096, sha256: 'cd'.repeat(32) }],
      '1.24.4',
      () => ({ hit: null, cell: 'off' }),
    );
    expect(blocks[0]).toEqual({ heading: 'Cross-build: 2 of 2 built with Go 1.24.4' });
    expect((blocks[1] as { table: string[][] }).table.at(-1)).toEqual([
      'darwin/universal',
      'app-darwin-universal.tar.gz',
      '4.0 KiB',
      '<code>cdcdcdcdcdcdcdcd</code>',
      '',
      '',
      'ok, assembled from darwin/amd64 and darwin/arm64; header and build info of each slice checked',
    ]);
  });

  it('lists every build with its artifact, size, hash, time, cache and what was checked', () => {
    const blocks = buildSummary(
      [
        result('linux/amd64', { verified: { problems: [], notes: [], compared: [], seconds: 0, info: {} as never } }),
        result('linux/arm64', { status: 'failed', reason: 'go build exited with 1' }),
      ],
      [{ name: 'app-linux-amd64', size: 2048, sha256: 'ab'.repeat(32) }],
      '1.24.4',
      (x) => ({ hit: x.goarch === 'amd64', cell: x.goarch === 'amd64' ? 'hit, 1.0 MiB' : 'miss' }),
      'Generators: 1 host build (go run gen.go), 0 reused.',
    );
    expect(blocks).toEqual([
      { heading: 'Cross-build: 1 of 2 built with Go 1.24.4' },
      {
        table: [
          ['Target', 'Artifact', 'Size', 'SHA-256', 'Time', 'Cache restored', 'Status'],
          [
            'linux/amd64',
            'app-linux-amd64',
            '2.0 KiB',
            '<code>abababababababab</code>',
            '2.0 s',
            'hit, 1.0 MiB',
            'ok, header and build info checked',
          ],
          ['linux/arm64', '', '', '', '2.0 s', 'miss', 'failed: go build exited with 1'],
        ],
      },
      { text: 'Generators: 1 host build (go run gen.go), 0 reused.' },
    ]);
  });

  it('gives each binary of several packages its row, named by package, beside the archive they share', () => {
    const binary = (pkg: string) => {
      const r = result('linux/amd64');
      return { ...r, task: { ...r.task, id: `linux/amd64 ${pkg}`, artifact: 'relay-linux-amd64.tar.gz' } };
    };
    const [, table] = buildSummary(
      [binary('./cmd/server'), binary('./cmd/client')],
      [{ name: 'relay-linux-amd64.tar.gz', size: 4096, sha256: 'cd'.repeat(32) }],
      '1.24.4',
      () => ({ hit: null, cell: 'off' }),
    );
    expect('table' in table && table.table.slice(1).map((row) => row.slice(0, 2))).toEqual([
      ['linux/amd64 ./cmd/server', 'relay-linux-amd64.tar.gz'],
      ['linux/amd64 ./cmd/client', 'relay-linux-amd64.tar.gz'],
    ]);
  });

  it("shows the managed zig, how it was verified, and each target's compiler", () => {
    const zig = {
      version: '0.15.2',
      file: 'zig-x86_64-linux-0.15.2.tar.xz',
      sha256: 'cd'.repeat(32),
      source: 'checksum table',
      signature: 'verified',
      fromToolCache: true,
      url: 'u',
      zig: '/z',
    } as Zig;
    const compilers = {
      needsZig: true,
      of: (x: ReturnType<typeof t>) =>
        x.goos === 'linux'
          ? { kind: 'zig', target: { triple: 'arm-linux-gnueabihf.2.17', cpu: 'generic+v7a', libc: 'glibc 2.17' } }
          : { kind: 'none' },
    } as Compilers;
    const blocks = compilerSummary(zig, [t('linux/arm/7'), t('js/wasm')], compilers);
    expect(blocks[0]).toEqual({ heading: 'C compiler (cgo)' });
    expect(blocks[1]).toEqual({
      table: [
        ['zig', 'Archive', 'SHA-256', 'Verified against', 'Source'],
        [
          '0.15.2',
          'zig-x86_64-linux-0.15.2.tar.xz',
          `<code>${'cd'.repeat(32)}</code>`,
          'checksum table; minisign signature checked',
          'tool cache',
        ],
      ],
    });
    expect(blocks[2]).toEqual({
      table: [
        ['Target', 'C compiler', 'C library'],
        ['linux/arm/7', '<code>zig cc -target arm-linux-gnueabihf.2.17 -mcpu=generic+v7a</code>', 'glibc 2.17'],
        ['js/wasm', 'none (cgo off)', ''],
      ],
    });
  });
});
