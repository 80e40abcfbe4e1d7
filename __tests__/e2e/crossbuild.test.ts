// Cross-builds through the bundled action: ten targets, checked binaries run under qemu, failures
// annotated, fail-fast, byte-identical artifacts from two checkouts.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Artifact } from '../../src/artifacts/manifest.js';
import { checkout, hasWine, mirroredFixture, newRunner, runAction, runUnderWine, tryRun, type Runner } from '../support/fixtures.ts';

const { f, pinnedInputs } = await mirroredFixture();

// Bare binaries (archive: none), to run and inspect them; archive: auto, the default, is tested below.
function build(runner: Runner, inputs: Record<string, string>, env: Record<string, string> = {}, cwd?: string) {
  return runAction(runner, { inputs: pinnedInputs({ archive: 'none', ...inputs }), env, cwd });
}

/** `go version -m` of a binary: its build settings, as the installed toolchain reads them. */
function buildInfo(binary: string): string {
  return tryRun(join(f.newer.goroot(), 'bin', 'go'), ['version', '-m', binary], { ...process.env, GOTOOLCHAIN: 'local' }).stdout;
}

const TEN = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/7',
  'linux/amd64/v3',
  'linux/riscv64',
  'windows/amd64',
  'windows/arm64',
  'darwin/arm64',
  'freebsd/amd64',
  'wasip1/wasm',
];

describe('ten targets in one job', () => {
  const runner = newRunner();
  let res: Awaited<ReturnType<typeof build>>;
  let artifacts: Artifact[];
  let commit: string;

  beforeAll(async () => {
    commit = checkout('hello', runner.workspace);
    res = await build(runner, { targets: TEN.join(', '), ldflags: '-s -w -X main.version={version}' }, { GITHUB_REF: 'refs/tags/v1.2.3' });
    artifacts = JSON.parse(res.outputs.artifacts ?? '[]');
  }, 600_000);

  it('builds every target and names each artifact after it', () => {
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);
    expect(artifacts.map((a) => a.name)).toEqual([
      'hello-linux-amd64',
      'hello-linux-arm64',
      'hello-linux-arm-7',
      'hello-linux-amd64-v3',
      'hello-linux-riscv64',
      'hello-windows-amd64.exe',
      'hello-windows-arm64.exe',
      'hello-darwin-arm64',
      'hello-freebsd-amd64',
      'hello-wasip1-wasm.wasm',
    ]);
    expect(artifacts.map((a) => a.target)).toEqual(TEN);
    expect(artifacts.find((a) => a.target === 'linux/arm/7')).toMatchObject({
      goos: 'linux',
      goarch: 'arm',
      variant: '7',
      path: 'dist/hello-linux-arm-7',
      archive: null,
    });
  });

  it('writes SHA256SUMS that sha256sum -c accepts, and artifacts.json equal to the output', () => {
    const dist = join(runner.workspace, 'dist');
    expect(res.outputs['checksums-file']).toBe(join(dist, 'SHA256SUMS'));
    const check = tryRun('sh', ['-c', 'cd "$1" && sha256sum -c SHA256SUMS', 'sh', dist]);
    expect(check.status).toBe(0);
    expect(check.stdout.trim().split('\n')).toHaveLength(10);
    expect(JSON.parse(readFileSync(join(dist, 'artifacts.json'), 'utf8'))).toEqual(artifacts);
    for (const a of artifacts) expect(readFileSync(join(runner.workspace, a.path)).length).toBe(a.size);
  });

  it('runs the linux binaries, foreign ones under qemu-user-static, with the stamped version', () => {
    const bin = (t: string) => join(runner.workspace, artifacts.find((a) => a.target === t)!.path);
    expect(tryRun(bin('linux/amd64'), []).stdout).toBe('hello from linux/amd64 version=1.2.3 edition=oss\n');
    expect(tryRun('qemu-aarch64-static', [bin('linux/arm64')]).stdout).toBe('hello from linux/arm64 version=1.2.3 edition=oss\n');
    expect(tryRun('qemu-riscv64-static', [bin('linux/riscv64')]).stdout).toBe('hello from linux/riscv64 version=1.2.3 edition=oss\n');
    expect(tryRun('qemu-arm-static', [bin('linux/arm/7')]).stdout).toBe('hello from linux/arm version=1.2.3 edition=oss\n');
  });

  // A foreign binary cannot run by itself where binfmt_misc has no qemu handler, as on a plain runner.
  (existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64') ? it.skip : it)(
    'cannot run the arm64 binary directly (skipped where binfmt_misc runs it through qemu)',
    () => {
      // bash, not Node: Node's execvp retries an ENOEXEC file as a shell script and hides the error.
      const direct = tryRun('bash', ['-c', '"$0"', join(runner.workspace, artifacts.find((a) => a.target === 'linux/arm64')!.path)]);
      expect([direct.status, direct.stderr]).toEqual([126, expect.stringContaining('Exec format error')]);
    },
  );

  // wine64 is installed by scripts/install-test-deps.sh on Debian; elsewhere this run is skipped.
  (hasWine ? it : it.skip)('runs the windows/amd64 binary under wine64', () => {
    const exe = join(runner.workspace, artifacts.find((a) => a.target === 'windows/amd64')!.path);
    expect(runUnderWine(exe).stdout.replace(/\r\n/g, '\n')).toBe('hello from windows/amd64 version=1.2.3 edition=oss\n');
  });

  it('applies variants and reproducible flags, as the binaries record them', () => {
    const info = (t: string) => buildInfo(join(runner.workspace, artifacts.find((a) => a.target === t)!.path));
    expect(info('linux/arm/7')).toMatch(/build\tGOARM=7\b/);
    expect(info('linux/amd64/v3')).toMatch(/build\tGOAMD64=v3\b/);
    expect(info('linux/amd64')).toMatch(/build\tGOAMD64=v1\b/);
    expect(info('linux/amd64')).toMatch(/build\t-trimpath=true/);
    expect(info('linux/amd64')).toMatch(/build\tCGO_ENABLED=0/);
    expect(info('linux/amd64')).toContain(`build\tvcs.revision=${commit}`);
  });

  it('gives each target its own GOCACHE', () => {
    const caches = readdirSync(join(runner.temp, 'go-crossbuild', 'gocache')).sort();
    expect(caches).toEqual([
      'darwin-arm64',
      'freebsd-amd64',
      'linux-amd64',
      'linux-amd64-v3',
      'linux-arm-7',
      'linux-arm64',
      'linux-riscv64',
      'wasip1-wasm',
      'windows-amd64',
      'windows-arm64',
    ]);
    for (const c of caches) expect(readdirSync(join(runner.temp, 'go-crossbuild', 'gocache', c)).length).toBeGreaterThan(10);
  });

  it('logs one group per target and summarizes every artifact', () => {
    for (const t of TEN) expect(res.stdout).toMatch(new RegExp(`::group::\\[\\d+/10\\] ${t}: ok, [\\d.]+ s`));
    for (const a of artifacts) expect(res.summary).toContain(`<td>${a.name}</td>`);
    expect(res.summary).toContain('Cross-build: 10 of 10 built with Go');
    expect(res.stdout).toContain(`commit=${commit}`);
  });

  it('reuses the per-target caches on a second run', async () => {
    const again = await build(runner, {
      targets: 'linux/amd64, linux/arm64',
      // The first run's dist/ is an untracked directory of the checkout now: a change, to Go.
      'allow-dirty': 'true',
      'output-dir': 'again',
      archive: 'auto',
      tags: 'pro',
      env: 'linux/arm64: GOFLAGS=-ldflags=-X=main.version=arm-only',
    });
    expect(again.code).toBe(0);
    const arts: Artifact[] = JSON.parse(again.outputs.artifacts);
    expect(arts.map((a) => a.path)).toEqual(['again/hello-linux-amd64.tar.gz', 'again/hello-linux-arm64.tar.gz']);
    const extract = (a: Artifact) => {
      const dir = join(runner.temp, `x-${a.goarch}`);
      expect(
        tryRun('sh', ['-c', 'mkdir -p "$1" && tar -xzf "$2" -C "$1" && ls -l "$1"', 'sh', dir, join(runner.workspace, a.path)]).stdout,
      ).toMatch(/-rwxr-xr-x .* hello\n/);
      return join(dir, 'hello');
    };
    // tags reach every build; an env line reaches only its target.
    expect(tryRun(extract(arts[0]), []).stdout).toBe('hello from linux/amd64 version=dev edition=pro\n');
    expect(tryRun('qemu-aarch64-static', [extract(arts[1])]).stdout).toBe('hello from linux/arm64 version=arm-only edition=pro\n');
  });
});

describe('the default archive, through an artifact upload and download', () => {
  const runner = newRunner();
  beforeAll(() => checkout('hello', runner.workspace));

  /**
   * What upload-artifact and download-artifact do to a file (their README: "Permission loss"): the
   * bytes arrive, the mode does not; download-artifact writes 0644.
   */
  const transfer = (from: string, dir: string) => {
    mkdirSync(dir, { recursive: true });
    const to = join(dir, basename(from));
    copyFileSync(from, to);
    chmodSync(to, 0o644);
    return to;
  };

  it('is auto: archives that keep the executable bit, which a bare binary loses', async () => {
    const res = await runAction(runner, { inputs: pinnedInputs({ targets: 'linux/amd64, windows/amd64' }) });
    expect(res.errors).toEqual([]);
    const arts: Artifact[] = JSON.parse(res.outputs.artifacts);
    expect(arts.map((a) => [a.path, a.archive])).toEqual([
      ['dist/hello-linux-amd64.tar.gz', 'tar.gz'],
      ['dist/hello-windows-amd64.zip', 'zip'],
    ]);
    const downloaded = join(runner.temp, 'downloaded');
    const tgz = transfer(join(runner.workspace, arts[0].path), downloaded);
    const zip = transfer(join(runner.workspace, arts[1].path), downloaded);

    const fromTar = join(runner.temp, 'from-tar');
    mkdirSync(fromTar);
    expect(tryRun('tar', ['-xzf', tgz, '-C', fromTar]).status).toBe(0);
    expect(statSync(join(fromTar, 'hello')).mode & 0o777).toBe(0o755);
    expect(tryRun(join(fromTar, 'hello'), []).stdout).toMatch(/^hello from linux\/amd64 version=\S+ edition=oss\n$/);

    const fromZip = join(runner.temp, 'from-zip');
    expect(tryRun('unzip', ['-q', zip, '-d', fromZip]).status).toBe(0);
    expect(statSync(join(fromZip, 'hello.exe')).mode & 0o777).toBe(0o755);

    // The same transfer of a bare binary: it arrives, and cannot run.
    const bare = await runAction(runner, {
      inputs: pinnedInputs({ targets: 'linux/amd64', archive: 'none', 'output-dir': 'bare', 'allow-dirty': 'true' }),
    });
    expect(bare.errors).toEqual([]);
    const binary = transfer(join(runner.workspace, 'bare', 'hello-linux-amd64'), join(runner.temp, 'downloaded-bare'));
    expect(tryRun(binary, []).error?.code).toBe('EACCES');
  });
});

describe('inputs that shape the build', () => {
  const runner = newRunner();
  beforeAll(() => checkout('hello', runner.workspace));

  it("builds several packages with cgo (the runner's own C compiler), PIE, no trimpath, a custom name and directory, one at a time", async () => {
    const res = await build(runner, {
      targets: 'linux/amd64',
      package: '., ./cmd/helper',
      'artifact-name': '{name}_{goos}_{goarch}{variant}{ext}',
      'output-dir': 'out/bin',
      reproducible: 'false',
      cgo: 'true',
      'c-compiler': 'system',
      'build-flags': '-buildmode=pie -gcflags "-N -l"',
      ldflags: '-X main.version=flag-{commit}',
      parallel: '1',
    });
    expect(res.errors).toEqual([]);
    expect(res.stdout).toContain('Building 2 binaries (2 packages × 1 target) with');
    expect(res.stdout).toContain(', 1 at a time: linux/amd64 ., linux/amd64 ./cmd/helper');
    const arts: Artifact[] = JSON.parse(res.outputs.artifacts);
    expect(arts.map((a) => a.path)).toEqual(['out/bin/hello_linux_amd64', 'out/bin/helper_linux_amd64']);
    const hello = join(runner.workspace, arts[0].path);
    const info = buildInfo(hello);
    expect(info).toMatch(/build\t-buildmode=pie/);
    expect(info).toMatch(/build\t-gcflags="-N -l"/);
    expect(info).toMatch(/build\tCGO_ENABLED=1/);
    expect(info).not.toContain('-trimpath');
    expect(tryRun(hello, []).stdout).toMatch(/^hello from linux\/amd64 version=flag-[0-9a-f]{40} edition=oss\n$/);
    expect(tryRun(join(runner.workspace, arts[1].path), []).stdout).toBe('helper\n');
  });

  it('builds a package named by its import path in the module, which the package check leaves to go', async () => {
    const res = await build(runner, {
      targets: 'linux/amd64',
      package: 'example.com/hello/cmd/helper',
      'output-dir': 'byimport',
      'allow-dirty': 'true',
    });
    expect(res.errors).toEqual([]);
    const arts: Artifact[] = JSON.parse(res.outputs.artifacts);
    expect(arts.map((a) => a.path)).toEqual(['byimport/helper-linux-amd64']);
    expect(tryRun(join(runner.workspace, arts[0].path), []).stdout).toBe('helper\n');
  });

  it('names the binary after binary-name', async () => {
    // The builds before left their output-dirs in the checkout, untracked: changes, to Go.
    const res = await build(runner, { targets: 'linux/amd64', 'binary-name': 'greeter', 'output-dir': 'named', 'allow-dirty': 'true' });
    expect(JSON.parse(res.outputs.artifacts).map((a: Artifact) => a.name)).toEqual(['greeter-linux-amd64']);
  });

  it('expands first-class, minus exclusions', async () => {
    const res = await build(runner, {
      targets: 'first-class',
      'exclude-targets': 'windows/*, darwin/*',
      'output-dir': 'fc',
      'allow-dirty': 'true',
    });
    expect(res.errors).toEqual([]);
    expect(JSON.parse(res.outputs.artifacts).map((a: Artifact) => a.target)).toEqual([
      'linux/386',
      'linux/amd64',
      'linux/arm',
      'linux/arm64',
    ]);
  });
});

describe('failures', () => {
  const runner = newRunner();
  beforeAll(() => checkout('broken', runner.workspace));

  it('annotates a target that does not compile, builds the others, and writes no artifacts', async () => {
    const res = await build(runner, { targets: 'linux/amd64, windows/amd64, windows/arm64' });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/::group::\[\d\/3\] linux\/amd64: ok/);
    expect(res.stdout).toMatch(/::group::\[\d\/3\] windows\/amd64: FAILED \(go build exited with 1\)/);
    const annotations = res.errors.filter((e) => e.includes('file='));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(
      /^::error title=go build windows\/(amd64%2C windows\/arm64|arm64%2C windows\/amd64),file=greeting_windows\.go,line=4,col=\d+::cannot use 42/,
    );
    expect(res.errors.at(-1)).toMatch(/title=Build failed::2 of 3 builds did not succeed: windows\/amd64 .*windows\/arm64/);
    expect(existsSync(join(runner.workspace, 'dist'))).toBe(false);
    expect(res.summary).toContain('Cross-build: 1 of 3 built');
  });

  it('stops at the first failure with fail-fast', async () => {
    const res = await build(runner, {
      targets: 'windows/amd64, linux/amd64, linux/arm64, darwin/arm64',
      'fail-fast': 'true',
      parallel: '1',
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/::group::\[1\/4\] windows\/amd64: FAILED/);
    for (const t of ['linux/amd64', 'linux/arm64', 'darwin/arm64'])
      expect(res.stdout).toMatch(new RegExp(`::group::\\[\\d/4\\] ${t}: skipped \\(fail-fast: windows/amd64 failed\\)`));
    expect(res.stdout).not.toContain('GOOS=linux');
  });
});

describe('target errors found against the toolchain', () => {
  const runner = newRunner();
  beforeAll(() => checkout('hello', runner.workspace));

  it.each([
    ['linux/amd46', 'targets', /linux\/amd46 is not a port of this Go toolchain \(did you mean linux\/amd64\?\)\. Ports: aix\/ppc64/],
    ['windows/*', 'targets', /"windows\/\*" is not goos\/goarch/],
  ])('%s', async (targets, input, message) => {
    const res = await build(runner, { targets });
    expect(res.code).toBe(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toContain(`title=Invalid input ${input}::`);
    expect(res.errors[0]).toMatch(message);
    expect(existsSync(join(runner.workspace, 'dist'))).toBe(false);
    // Found after the install, yet nothing was exported: GOROOT, PATH and outputs come last.
    expect(res.env).toEqual({});
    expect(res.path).toEqual([]);
    expect(res.outputs).toEqual({});
  });

  it('refuses an exclusion that leaves nothing', async () => {
    const res = await build(runner, { targets: 'windows/amd64, windows/arm64', 'exclude-targets': 'windows/*' });
    expect(res.errors).toEqual([expect.stringMatching(/title=Invalid input exclude-targets::.*excludes every target/)]);
  });

  it('refuses an artifact name that renders .., before building, touching nothing', async () => {
    const res = await build(runner, { targets: 'linux/amd64', 'artifact-name': '{variant}..' });
    expect(res.errors).toEqual([
      expect.stringMatching(/title=Invalid input artifact-name::.*renders names that are not a plain file name: "\.\." \(linux\/amd64\)/),
    ]);
    expect(existsSync(join(runner.workspace, 'dist'))).toBe(false);
    expect(existsSync(join(runner.workspace, 'go.mod'))).toBe(true);
  });

  it('refuses artifact names that collide', async () => {
    const res = await build(runner, { targets: 'linux/arm/6, linux/arm/7', 'artifact-name': '{name}-{goos}-{goarch}' });
    expect(res.errors).toEqual([
      expect.stringMatching(/title=Invalid input artifact-name::.*hello-linux-arm \(linux\/arm\/6, linux\/arm\/7\)/),
    ]);
  });
});

describe('reproducible', () => {
  it('gives byte-identical artifacts from two checkouts in different places and time zones, versioned names and archive-files included', async () => {
    const sums: string[] = [];
    const dirs: string[] = [];
    for (const [dirName, tz] of [
      ['checkout-one', 'UTC'],
      ['elsewhere/checkout-two', 'America/New_York'],
    ]) {
      const runner = newRunner();
      const dir = join(runner.workspace, dirName);
      checkout('hello', join(dir));
      const res = await build(
        runner,
        {
          targets: 'linux/arm64, windows/amd64',
          archive: 'auto',
          'working-directory': dirName,
          'artifact-name': '{name}_{version}_{goos}_{goarch}',
          'archive-files': 'LICENSE\ncompletions/',
        },
        { TZ: tz, GITHUB_REF: 'refs/tags/v1.2.3' },
      );
      expect(res.code).toBe(0);
      sums.push(readFileSync(join(dir, 'dist', 'SHA256SUMS'), 'utf8'));
      dirs.push(join(dir, 'dist'));
    }
    expect(sums[0]).toMatch(/^[0-9a-f]{64} {2}hello_1\.2\.3_linux_arm64\.tar\.gz\n[0-9a-f]{64} {2}hello_1\.2\.3_windows_amd64\.zip\n$/);
    expect(sums[1]).toBe(sums[0]);
    const tarList = tryRun('tar', ['-tvzf', join(dirs[0], 'hello_1.2.3_linux_arm64.tar.gz')]).stdout;
    expect(
      tarList
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.split(/\s+/)[0], l.split(/\s+/).at(-1)]),
    ).toEqual([
      ['-rwxr-xr-x', 'hello'],
      ['-rw-r--r--', 'LICENSE'],
      ['-rw-r--r--', 'completions/hello.bash'],
    ]);
    expect(
      tryRun('unzip', ['-Z1', join(dirs[0], 'hello_1.2.3_windows_amd64.zip')])
        .stdout.split('\n')
        .filter(Boolean),
    ).toEqual(['hello.exe', 'LICENSE', 'completions/hello.bash']);
  });

  it('refuses archive-files that match nothing, before building, writing nothing', async () => {
    const runner = newRunner();
    checkout('hello', runner.workspace);
    const res = await build(runner, { targets: 'linux/amd64', archive: 'auto', 'archive-files': 'LICENSE, NOTICE' });
    expect(res.code).toBe(1);
    expect(res.errors).toEqual([
      expect.stringContaining(`title=Invalid input archive-files::Input archive-files = "LICENSE, NOTICE": NOTICE matches no file in`),
    ]);
    expect(existsSync(join(runner.workspace, 'dist'))).toBe(false);
  });
});
