// cgo cross-builds through the bundled action with the managed zig: a verified zig (pinned, signed
// with a key the test makes, served by a local mirror), each target's C compiler, the C-library
// checks, binaries run under qemu and Wine, per-target zig caches restored by a later job, two clean
// jobs on the same paths giving the same SHA256SUMS, and every way a zig download can be wrong.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact } from '../../src/artifacts/manifest.js';
import { startCacheService, type CacheService as Service } from '../support/cache-service.ts';
import { newRunner as newRunnerAt, runAction, runJob, type Runner } from '../support/runner.ts';
import {
  checkout,
  hasWine,
  mirroredFixture,
  newRunner,
  runUnderWine,
  startMirror,
  toolCacheTree,
  tryRun,
  type Mirror,
} from '../support/fixtures.ts';
import { minisign, newTestKey, TEST_ZIG_VERSION, writeSignature, zigArchive, type TestKey, type ZigArchive } from '../support/zig.ts';

const { f, pinnedInputs } = await mirroredFixture();
let zigMirror: Mirror;
let zig: ZigArchive;
let key: TestKey;
const scratch = newRunner();
const TARGETS = ['linux/amd64', 'linux/arm64', 'linux/amd64/musl', 'windows/amd64'];

beforeAll(async () => {
  zig = zigArchive();
  key = newTestKey();
  const sig = writeSignature(join(scratch.dir, 'sig'), `${zig.fileName}.minisig`, minisign(key, zig.path, zig.fileName));
  zigMirror = await startMirror([
    {
      version: 'zig',
      stable: true,
      files: [
        { filename: zig.fileName, sha256: zig.sha256, path: zig.path },
        { filename: `${zig.fileName}.minisig`, sha256: '', path: sig },
      ],
    },
  ]);
}, 300_000);
afterAll(() => zigMirror.close());

/** The inputs of a cgo build with the test zig, pinned and signed; bare binaries (archive: none), to inspect them. */
function cgoInputs(over: Record<string, string> = {}): Record<string, string> {
  return pinnedInputs({
    archive: 'none',
    cgo: 'true',
    'zig-version': TEST_ZIG_VERSION,
    'zig-sha256': `${zig.sha256}  ${zig.fileName}`,
    'zig-download-base-url': zigMirror.url,
    'zig-public-key': key.publicKey,
    ...over,
  });
}

/** One job on a runner recreated at `path` (a hosted runner's next job has the same paths). */
async function job(path: string, service: Service | undefined, inputs: Record<string, string>) {
  const runner = newRunnerAt(undefined, join(scratch.dir, path));
  checkout('cgoapp', runner.workspace);
  const res = await runJob(runner, {
    inputs: cgoInputs({ targets: TARGETS.join(', '), generate: 'per-target', ...inputs }),
    env: { ...(service ? service.env() : {}), GO_CROSSBUILD_CACHE_TIMEOUT_SECONDS: '60' },
  });
  return { ...res, runner };
}

/** zig's built C libraries, start files and runtimes in a runner's zig caches, relative. */
function libcArtifacts(runner: Runner): string[] {
  const root = join(runner.temp, 'go-crossbuild', 'zig-cache');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^(libc\.so\.6|libc\.a|crt1\.o|crt2\.o|libmingw32\.a|libcompiler_rt\.a)$/.test(e.name)) out.push(p.slice(root.length + 1));
    }
  };
  if (existsSync(root)) walk(root);
  return out.sort();
}

const artifactsOf = (out: Record<string, string>) => JSON.parse(out.artifacts ?? '[]') as Artifact[];
const sums = (runner: Runner) => readFileSync(join(runner.workspace, 'dist', 'SHA256SUMS'), 'utf8');

describe('a cgo release from one linux runner', () => {
  let service: Service;
  let first: Awaited<ReturnType<typeof job>>;
  let second: Awaited<ReturnType<typeof job>>;
  let firstLibc: string[];
  let firstSums: string;
  let secondSums: string;
  beforeAll(async () => {
    service = await startCacheService();
    first = await job('release', service, {});
    firstSums = first.main.code === 0 ? sums(first.runner) : '';
    firstLibc = libcArtifacts(first.runner);
    second = await job('release', service, {});
    secondSums = second.main.code === 0 ? sums(second.runner) : '';
  }, 1_500_000);
  afterAll(() => service.close());

  it('builds every target with zig, a gnu and a musl linux/amd64 among them', () => {
    expect(first.main.errors).toEqual([]);
    expect(first.main.code).toBe(0);
    const artifacts = artifactsOf(first.main.outputs);
    expect(artifacts.map((a) => [a.target, a.name, a.libc])).toEqual([
      ['linux/amd64', 'cgoapp-linux-amd64', 'glibc 2.17'],
      ['linux/arm64', 'cgoapp-linux-arm64', 'glibc 2.17'],
      ['linux/amd64/musl', 'cgoapp-linux-amd64-musl', 'musl'],
      ['windows/amd64', 'cgoapp-windows-amd64.exe', 'mingw-w64'],
    ]);
    expect(first.main.stdout).toContain(`Verified the minisign signature of ${zig.fileName} (key ${key.keyId.toString('hex')})`);
    expect(first.main.stdout).toContain(
      `CC='${join(first.runner.toolCache, 'zig', TEST_ZIG_VERSION, 'x64', 'zig')} cc -target x86_64-linux-gnu.2.17'`,
    );
    expect(first.main.summary).toContain('C compiler (cgo)');
    expect(first.main.summary).toContain('<code>zig cc -target aarch64-linux-gnu.2.17</code>');
    expect(first.main.summary).toContain('<code>zig cc -target x86_64-linux-musl</code>');
    expect(first.main.summary).toContain('zig-sha256; minisign signature checked');
  });

  it('checks each binary: a glibc floor, a static musl, system DLLs only, and CGO_ENABLED=1 in its build info', () => {
    const dist = join(first.runner.workspace, 'dist');
    for (const t of TARGETS)
      expect(first.main.summary).toMatch(new RegExp(`<td>${t}</td>.*ok, header and C library and build info checked`));
    // Independent of the action's readers: binutils.
    const glibc = (bin: string) =>
      [...execFileSync('readelf', ['-V', bin], { encoding: 'utf8' }).matchAll(/GLIBC_(\d+)\.(\d+)/g)].map(
        (m) => Number(m[1]) * 1000 + Number(m[2]),
      );
    for (const bin of ['cgoapp-linux-amd64', 'cgoapp-linux-arm64']) expect(Math.max(...glibc(join(dist, bin)))).toBeLessThanOrEqual(2017);
    const musl = execFileSync('readelf', ['-l', '-d', join(dist, 'cgoapp-linux-amd64-musl')], { encoding: 'utf8' });
    expect(musl).not.toContain('INTERP');
    expect(musl).not.toContain('(NEEDED)');
    const dlls = [
      ...execFileSync('objdump', ['-p', join(dist, 'cgoapp-windows-amd64.exe')], { encoding: 'utf8' }).matchAll(/DLL Name: (\S+)/g),
    ].map((m) => m[1].toLowerCase());
    expect(dlls.length).toBeGreaterThan(0);
    expect(dlls.filter((d) => !/^(kernel32|msvcrt|ws2_32|advapi32|ntdll|winmm|userenv|bcrypt|api-ms-win-[\w.-]+)\.dll$/.test(d))).toEqual(
      [],
    );
    const go = join(f.newer.goroot(), 'bin', 'go');
    for (const bin of readdirSync(dist).filter((n) => n.startsWith('cgoapp-')))
      expect(tryRun(go, ['version', '-m', join(dist, bin)], { ...process.env, GOTOOLCHAIN: 'local' }).stdout).toContain('CGO_ENABLED=1');
  });

  it('runs every binary: on the host, under qemu and under Wine; the generator ran on the host without the target CC', () => {
    const dist = join(first.runner.workspace, 'dist');
    const says = (out: string) => {
      expect(out).toContain('cgoapp: add(2, 3) = 5');
      expect(out).toContain('cgoapp: C says hello from C');
      expect(out).toContain('cgoapp: generator ran on linux/amd64 with CC=""');
    };
    says(tryRun(join(dist, 'cgoapp-linux-amd64'), []).stdout);
    says(tryRun(join(dist, 'cgoapp-linux-amd64-musl'), []).stdout);
    says(tryRun('qemu-aarch64-static', ['-L', '/usr/aarch64-linux-gnu', join(dist, 'cgoapp-linux-arm64')]).stdout);
    if (hasWine) says(runUnderWine(join(dist, 'cgoapp-windows-amd64.exe')).stdout);
    else console.log('wine64 not installed: the windows/amd64 binary was checked, not run');
  });

  it('a later job restores each target zig cache with its build cache: no C library is built again, same artifacts', () => {
    expect(first.post?.code).toBe(0);
    const keys = service.keys();
    for (const slug of ['linux-amd64', 'linux-arm64', 'linux-amd64-musl', 'windows-amd64'])
      expect(keys.filter((k) => new RegExp(`-zigcache-${slug}-[0-9a-f]{16}-[0-9a-f]{16}$`).test(k))).toHaveLength(1);
    expect(second.main.code).toBe(0);
    expect(second.main.outputs['cache-hit']).toBe('true');
    expect(second.main.summary).toContain('hit');
    expect(second.main.summary).toContain('zig: hit');
    // zig's C libraries, start files and runtime came from the cache: a rebuild would have made new
    // cache entries (zig keys them by their inputs), so the set is what the first job left.
    expect(libcArtifacts(second.runner)).toEqual(firstLibc);
    expect(firstLibc.length).toBeGreaterThan(4);
    expect(secondSums).toBe(firstSums);
  });

  it('two clean jobs on the same runner paths give the same SHA256SUMS', async () => {
    const clean = await job('release', undefined, { cache: 'false' });
    expect(clean.main.code).toBe(0);
    expect(sums(clean.runner)).toBe(firstSums);
  }, 900_000);
});

describe('the zig install', () => {
  /** A fresh runner, one linux/amd64 cgo build; the zig mirror with `faults`. */
  async function install(
    inputs: Record<string, string> = {},
    faults: Parameters<typeof startMirror>[1] = {},
    files?: { name: string; path: string; sha256: string }[],
  ) {
    const served = files ?? [
      { name: zig.fileName, path: zig.path, sha256: zig.sha256 },
      { name: `${zig.fileName}.minisig`, path: join(scratch.dir, 'sig', `${zig.fileName}.minisig`), sha256: '' },
    ];
    const m = await startMirror(
      [{ version: 'zig', stable: true, files: served.map((s) => ({ filename: s.name, sha256: s.sha256, path: s.path })) }],
      faults,
    );
    const runner = newRunner();
    checkout('cgoapp', runner.workspace);
    try {
      const res = await runAction(runner, { inputs: cgoInputs({ targets: 'linux/amd64', 'zig-download-base-url': m.url, ...inputs }) });
      return { res, runner, downloads: m.downloads().map((r) => r.url) };
    } finally {
      await m.close();
    }
  }
  /** The tool cache holds Go only, and no staging is left anywhere in it. */
  const noZig = (runner: Runner) => expect(toolCacheTree(runner).filter((p) => !p.startsWith('go'))).toEqual([]);

  it('is reused from the tool cache by a later job on the same runner (no download)', async () => {
    const runner = newRunner();
    checkout('cgoapp', runner.workspace);
    const inputs = cgoInputs({ targets: 'linux/amd64' });
    const one = await runAction(runner, { inputs });
    expect(one.errors).toEqual([]);
    expect(one.code).toBe(0);
    expect(existsSync(join(runner.toolCache, 'zig', TEST_ZIG_VERSION, 'x64.complete'))).toBe(true);
    const before = zigMirror.downloads().length;
    const two = await runAction(runner, { inputs });
    expect(two.errors).toEqual([]);
    expect(two.code).toBe(0);
    expect(two.stdout).toContain(`Using zig ${TEST_ZIG_VERSION} from the tool cache`);
    expect(zigMirror.downloads().length).toBe(before);
  }, 600_000);

  it('refuses a tampered archive, leaving nothing behind', async () => {
    const { res, runner } = await install({}, { flipByteOf: zig.fileName });
    expect(res.code).toBe(1);
    expect(res.errors).toEqual([expect.stringMatching(/^::error title=SHA-256 mismatch::.*zig-linux-x86_64/)]);
    noZig(runner);
    expect(existsSync(join(runner.workspace, 'dist'))).toBe(false);
  }, 300_000);

  it('refuses a truncated archive', async () => {
    const { res, runner } = await install({}, { truncate: zig.fileName });
    expect(res.code).toBe(1);
    expect(res.errors).toEqual([expect.stringMatching(/^::error title=Download failed::Could not download zig /)]);
    noZig(runner);
  }, 300_000);

  it('refuses a signature by another key, and one that names another file', async () => {
    const other = newTestKey();
    const forged = writeSignature(join(scratch.dir, 'forged'), `${zig.fileName}.minisig`, minisign(other, zig.path, zig.fileName));
    const a = await install({}, {}, [
      { name: zig.fileName, path: zig.path, sha256: zig.sha256 },
      { name: `${zig.fileName}.minisig`, path: forged, sha256: '' },
    ]);
    expect(a.res.errors).toEqual([expect.stringMatching(/^::error title=zig signature mismatch::.*made with key [0-9a-f]{16}, not/)]);
    noZig(a.runner);
    const renamed = writeSignature(
      join(scratch.dir, 'renamed'),
      `${zig.fileName}.minisig`,
      minisign(key, zig.path, 'zig-x86_64-linux-0.15.2.tar.xz'),
    );
    const b = await install({}, {}, [
      { name: zig.fileName, path: zig.path, sha256: zig.sha256 },
      { name: `${zig.fileName}.minisig`, path: renamed, sha256: '' },
    ]);
    expect(b.res.errors).toEqual([expect.stringMatching(/trusted comment names zig-x86_64-linux-0.15.2.tar.xz, not/)]);
    noZig(b.runner);
  }, 600_000);

  it('with zig-public-key, refuses an archive served without a signature', async () => {
    const { res, runner, downloads } = await install({}, {}, [{ name: zig.fileName, path: zig.path, sha256: zig.sha256 }]);
    expect(res.errors).toEqual([expect.stringMatching(/^::error title=zig signature missing::zig-public-key is set/)]);
    expect(downloads).toEqual([`/${zig.fileName}.minisig`]);
    noZig(runner);
  }, 300_000);

  it('refuses a lying mirror: this build served as zig 0.15.2, without a pin, does not match the shipped hash', async () => {
    const official = zigArchive('zig-x86_64-linux-0.15.2.tar.xz');
    const { res, runner } = await install({ 'zig-version': '', 'zig-sha256': '', 'zig-public-key': '' }, {}, [
      { name: official.fileName, path: official.path, sha256: official.sha256 },
    ]);
    expect(res.errors).toEqual([
      expect.stringMatching(
        /^::error title=SHA-256 mismatch::zig-x86_64-linux-0.15.2.tar.xz .*expected 02aa270f183da276e5b5920b1dac44a63f1a49e55050ebde3aecc9eb82f93239/,
      ),
    ]);
    noZig(runner);
  }, 300_000);

  it('refuses a mislabelled archive: pinned as 0.15.2, its zig says otherwise, and the install is removed', async () => {
    const official = zigArchive('zig-x86_64-linux-0.15.2.tar.xz');
    const { res, runner } = await install(
      { 'zig-version': '0.15.2', 'zig-sha256': `${official.sha256}  ${official.fileName}`, 'zig-public-key': '' },
      {},
      [{ name: official.fileName, path: official.path, sha256: official.sha256 }],
    );
    expect(res.warnings.join('\n')).toContain("but zig's official hash of zig-x86_64-linux-0.15.2.tar.xz is 02aa270f");
    expect(res.errors).toEqual([
      expect.stringMatching(
        new RegExp(`^::error title=zig mismatch::.*says it is ${TEST_ZIG_VERSION.replace(/[.+]/g, '\\$&')}, not 0\\.15\\.2`),
      ),
    ]);
    noZig(runner);
  }, 300_000);
});
