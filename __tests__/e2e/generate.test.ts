// go generate whose generators run on the host: the naive loop's exec format error first, then the
// action's per-target and once modes through the bundled action.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact } from '../../src/artifacts/manifest.js';
import {
  checkout,
  hasWine,
  mirroredFixture,
  newRunner,
  offlineProxy,
  runAction,
  runUnderWine,
  tryRun,
  type Runner,
} from '../support/fixtures.ts';

/** A binfmt_misc handler that runs arm64 binaries through qemu, as some hosts register. */
const BINFMT_ARM64 = existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64');

const { f, pinnedInputs } = await mirroredFixture();
// `go run example.com/remotegen@v1.0.0` is served offline; the checksum database is not asked.
const proxyEnv = await offlineProxy(['example.com/remotegen', 'v1.0.0', 'remotegen']);
const scratch = newRunner();

// Bare binaries (archive: none), to run them; the default archive is tested in crossbuild.test.ts.
function action(runner: Runner, inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runAction(runner, { inputs: pinnedInputs({ archive: 'none', ...inputs }), env: { ...proxyEnv, ...env } });
}

const HOST = 'linux/amd64';
const TARGETS = ['linux/amd64', 'linux/arm64', 'linux/riscv64', 'darwin/arm64', 'windows/amd64', 'freebsd/amd64'];

/** What the fixture's program prints when every generator ran on the host for target `t`. */
function report(t: string): string {
  const saw = `${HOST}, saw ${t}`;
  return [
    `generated for ${t} (${t.split('/')[1]})`,
    `go run ./internal/gen: ${saw}`,
    `go tool stamp: ${HOST}`,
    `go run pkg@version: ${HOST}`,
    `go run a.go b.go: ${saw}`,
    `-command alias, generator importing the module: ${saw}, via naming:1`,
    `bash -c go build: ${HOST}`,
    `go build, then run by path, through go generate recursion: ${saw}`,
    `go run ../../tools/docgen.go: ${saw}`,
    `arm64-only directive: ${t === 'linux/arm64' ? `ran on ${saw}` : 'none'}`,
    // A directive that names its own platform keeps it: an arm64 helper (ELF machine 183) for all.
    'env GOOS=linux GOARCH=arm64 go build, embedded: ELF machine 183',
    '',
  ].join('\n');
}

describe('the naive loop', () => {
  // Each way of writing a directive, run as `GOARCH=arm64 go generate` would on this amd64 host.
  const FORMS: [string, string, string][] = [
    ['go run ./dir', 'internal/gen -goarch', '.'],
    ['go tool NAME', 'go tool stamp', '.'],
    ['go run pkg@version', 'remotegen@', '.'],
    ['go run a.go b.go', 'gen_files.go', '.'],
    ['a -command alias of a generator importing the module', 'importgen', '.'],
    ['bash -c "go build && ./tool"', 'bash -c', '.'],
    ['go build, then run by path, via go generate recursion', 'go generate ./internal/(cmd/extract|extracted)$', '.'],
    ['go run ../../tools/docgen.go', 'docgen', './internal/extracted'],
  ];
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = join(scratch.dir, 'naive');
    checkout('gen', dir);
    env = {
      ...process.env,
      ...proxyEnv,
      GOROOT: f.newer.goroot(),
      GOTOOLCHAIN: 'local',
      GOARCH: 'arm64',
      GOFLAGS: '',
      GOCACHE: join(scratch.dir, 'naive-cache'),
    };
  });

  // A host whose binfmt_misc runs arm64 binaries through qemu does not show the failure: skip, saying why.
  (BINFMT_ARM64 ? it.skip : it).each(FORMS)(
    BINFMT_ARM64
      ? 'skipped: binfmt_misc runs arm64 binaries on this host, so there is no exec format error to show: %s'
      : 'fails with exec format error: %s',
    (_, run, pkg) => {
      const r = tryRun(
        'sh',
        ['-c', 'cd "$1" && "$2" generate -run "$3" "$4"', 'sh', dir, join(f.newer.goroot(), 'bin', 'go'), run, pkg],
        env,
      );
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/exec format error/i);
    },
  );
});

describe('generate: per-target, every form of directive', () => {
  const runner = newRunner();
  let res: Awaited<ReturnType<typeof action>>;
  let artifacts: Artifact[];
  const bin = (t: string) => join(runner.workspace, artifacts.find((a) => a.target === t)!.path);

  beforeAll(async () => {
    checkout('gen', runner.workspace);
    // A target C toolchain that must never reach a generator's host build (the generator imports
    // net, which uses cgo on the host): it fails loudly if it is ever run.
    const crossCC = join(runner.dir, 'aarch64-cross-gcc');
    writeFileSync(crossCC, '#!/bin/sh\necho "the cross C compiler was used for a host build" >&2\nexit 1\n', { mode: 0o755 });
    res = await action(runner, { targets: TARGETS.join(', '), generate: 'per-target', env: `CC=${crossCC}` });
    artifacts = JSON.parse(res.outputs.artifacts ?? '[]');
  }, 900_000);

  it('builds every target, several at a time', () => {
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);
    expect(artifacts.map((a) => a.target)).toEqual(TARGETS);
    expect(res.stdout).toMatch(/with go1\.\d+\.\d+, [2-9]\d* at a time/);
  });

  it("generated each target's code on the host: linux binaries under qemu", () => {
    expect(tryRun(bin('linux/amd64'), []).stdout).toBe(report('linux/amd64'));
    expect(tryRun('qemu-aarch64-static', [bin('linux/arm64')]).stdout).toBe(report('linux/arm64'));
    expect(tryRun('qemu-riscv64-static', [bin('linux/riscv64')]).stdout).toBe(report('linux/riscv64'));
  });

  (hasWine ? it : it.skip)('and the windows binary under wine', () => {
    expect(runUnderWine(bin('windows/amd64')).stdout.replace(/\r\n/g, '\n')).toBe(report('windows/amd64'));
  });

  it('and the darwin and freebsd binaries carry what their generators wrote', () => {
    for (const t of ['darwin/arm64', 'freebsd/amd64']) {
      const bytes = readFileSync(bin(t)).toString('latin1');
      expect(bytes).toContain(`${t} (${t.split('/')[1]})`);
      expect(bytes).toContain(`${HOST}, saw ${t}, via naming:1`);
      expect(bytes).not.toContain(`saw ${t === 'darwin/arm64' ? 'freebsd' : 'darwin'}/`);
    }
  });

  it('built each generator for the host once for the whole job', () => {
    const line = res.stdout.split('\n').find((l) => l.startsWith('Generators: '));
    expect(line).toMatch(/^Generators: 8 host builds \(.*\), \d+ reused\.$/);
    expect(line).not.toContain('×');
    for (const g of [
      'go run ./internal/gen',
      'go tool stamp',
      'go run example.com/remotegen@v1.0.0',
      'go run gen_files.go gen_helpers.go',
    ]) {
      expect(line).toContain(g);
    }
    expect(res.summary).toContain('Generators: 8 host builds');
  });

  it("logs each target's generate with where its generators ran", () => {
    for (const t of TARGETS) {
      expect(res.stdout).toContain(`go generate ./... for ${t}, in a copy of the sources; generators run on the host ${HOST}`);
      expect(res.stdout).toContain(`go-crossbuild: go run gen_files.go gen_helpers.go for ${t} runs on the host ${HOST}`);
    }
    expect(res.stdout).toMatch(/files? generated for linux\/arm64: .*zz_extra_arm64\.go/);
  });

  it('leaves the checkout as it was: no generated file, no tool binary', () => {
    const status = tryRun('git', ['-C', runner.workspace, 'status', '--porcelain', '--untracked-files=all']).stdout;
    expect(status.split('\n').filter((l) => l && !l.endsWith('dist/') && !l.includes(' dist/'))).toEqual([]);
  });
});

describe('generate: per-target failures', () => {
  it('names the directive, the target and the reason when a generator cannot run on the host', async () => {
    const runner = newRunner();
    checkout('gen', runner.workspace);
    // A generator committed as an arm64 binary.
    const go = join(f.newer.goroot(), 'bin', 'go');
    const built = tryRun('sh', ['-c', 'cd "$1" && GOARCH=arm64 "$2" build -o tools/prebuilt ./cmd/stamp', 'sh', runner.workspace, go], {
      ...process.env,
      GOROOT: f.newer.goroot(),
      GOTOOLCHAIN: 'local',
      GOFLAGS: '',
      GOCACHE: join(runner.dir, 'prebuilt-cache'),
    });
    expect(built.status).toBe(0);
    const res = await action(runner, { targets: 'linux/arm64', generate: 'per-target', tags: 'prebuilt' });
    expect(res.code).toBe(1);
    const directive = res.errors.find((e) => e.includes('file=prebuilt.go'));
    expect(directive).toMatch(
      /^::error title=go generate linux\/arm64,file=prebuilt.go,line=7::running "\.\/tools\/prebuilt": fork\/exec \.\/tools\/prebuilt: exec format error/,
    );
    expect(res.errors.at(-1)).toMatch(
      /go generate failed for linux\/arm64 at prebuilt.go:7 \(running "\.\/tools\/prebuilt": .*exec format error\)\. A program built for another platform was executed directly on this linux\/amd64 runner: the directive runs a prebuilt binary.*Way out:/,
    );
    expect(existsSync(join(runner.workspace, 'dist'))).toBe(false);
    expect(existsSync(join(runner.workspace, 'zz_platform.go'))).toBe(false);
  });

  it('refuses per-target without targets and unknown modes', async () => {
    const runner = newRunner();
    const a = await action(runner, { generate: 'per-target' });
    expect(a.errors).toEqual([expect.stringMatching(/title=Invalid input generate::.*per-target needs targets/)]);
    const b = await action(runner, { generate: 'always', targets: 'linux/amd64' });
    expect(b.errors).toEqual([expect.stringMatching(/title=Invalid input generate::Input generate = "always": unknown mode/)]);
  });
});

describe('generate: once', () => {
  it('runs the generators on the host even with GOARCH=arm64 in the job environment', async () => {
    const runner = newRunner();
    checkout('gen', runner.workspace);
    // What generate: once writes lands in the checkout, untracked here: allow-dirty lets it build.
    const res = await action(
      runner,
      { targets: 'linux/arm64', generate: 'once', 'allow-dirty': 'true' },
      { GOARCH: 'arm64', GOOS: 'linux' },
    );
    expect(res.errors).toEqual([]);
    expect(res.stdout).toContain(`(once, generators on the host ${HOST})`);
    expect(res.stdout).not.toContain('go-crossbuild:');
    const [a] = JSON.parse(res.outputs.artifacts) as Artifact[];
    // Once means the host's view: go generate sets the host's GOARCH, the arm64-only directive is not run.
    // And the file extract names after the platform is the host's, so an arm64 build leaves it out:
    // the case per-target exists for.
    expect(tryRun('qemu-aarch64-static', [join(runner.workspace, a.path)]).stdout).toBe(
      report(HOST).replace(/(through go generate recursion: ).*/, '$1not generated'),
    );
  });

  it('runs alone, without targets', async () => {
    const runner = newRunner();
    checkout('gen', runner.workspace);
    const res = await action(runner, { generate: 'once', 'generate-packages': '.' }, { GOARCH: 'arm64' });
    expect(res.errors).toEqual([]);
    expect(readFileSync(join(runner.workspace, 'zz_platform.go'), 'utf8')).toContain(`generatorRanOn = "${HOST}"`);
  });
});
