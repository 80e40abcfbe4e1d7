// cgo with the managed zig (issue 22): the action's cold per-target cgo builds against a hand-written
// loop of `CC="zig cc -target …" go build` with the same zig and Go, each target with an empty
// GOCACHE and zig cache (goal <= 1.1x); then a warm job on a fresh runner at the same paths, its
// build and zig caches restored from a local cache service, against the cold job (goal <= 0.15x).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { newRunner, runJob, startCacheService, startMirror } from '../__tests__/support/index.ts';
import { TEST_ZIG_VERSION, zigArchive } from '../__tests__/support/zig.ts';
import { mirroredToolchain } from './setup.ts';
import { table, timeCommand } from './stats.ts';

const FIXTURE = new URL('../__tests__/fixtures/cgoapp', import.meta.url).pathname;
// A release's usual set: glibc and static musl linux, arm64, windows.
const TARGETS: [string, string, string, string][] = [
  ['linux/amd64', 'linux', 'amd64', 'x86_64-linux-gnu.2.17'],
  ['linux/amd64/musl', 'linux', 'amd64', 'x86_64-linux-musl'],
  ['linux/arm64', 'linux', 'arm64', 'aarch64-linux-gnu.2.17'],
  ['windows/amd64', 'windows', 'amd64', 'x86_64-windows-gnu'],
];

export async function benchCgo() {
  const { tc, mirror, inputs: setup } = await mirroredToolchain();
  const zig = zigArchive();
  const zigMirror = await startMirror([
    { version: 'zig', stable: true, files: [{ filename: zig.fileName, sha256: zig.sha256, path: zig.path }] },
  ]);
  const service = await startCacheService();
  const base = newRunner();
  const inputs = {
    ...setup,
    cgo: 'true',
    'zig-version': TEST_ZIG_VERSION,
    'zig-sha256': `${zig.sha256}  ${zig.fileName}`,
    'zig-download-base-url': zigMirror.url,
    targets: TARGETS.map((t) => t[0]).join(','),
    parallel: '2',
  };
  const job = async (at: string, env: Record<string, string> = {}, keepTools = false, targets = inputs.targets) => {
    await timeCommand('sync', []);
    const runner = newRunner(undefined, at);
    if (keepTools) cpSync(join(base.dir, 'tools'), runner.toolCache, { recursive: true });
    cpSync(FIXTURE, runner.workspace, { recursive: true });
    const { main, post } = await runJob(runner, { inputs: { ...inputs, targets }, env });
    if (main.code !== 0 || (post && post.code !== 0))
      throw new Error(`${main.stdout.slice(-3000)}\n${main.stderr.slice(-2000)}\n${post?.stdout.slice(-2000) ?? ''}`);
    return { runner, seconds: main.seconds, hit: main.outputs['cache-hit'], stdout: main.stdout };
  };
  try {
    // Installs Go and zig once; the cold comparison starts from a tool cache that has both.
    const first = await job(join(base.dir, 'install'), {}, false, 'linux/amd64');
    cpSync(first.runner.toolCache, join(base.dir, 'tools'), { recursive: true });
    const zigExe = join(base.dir, 'tools', 'zig', TEST_ZIG_VERSION, 'x64', 'zig');
    const go = join(base.dir, 'tools', 'go', tc.version, 'x64', 'bin', 'go');

    // The loop a user would write, sequentially, each target on empty caches.
    const loopDir = join(base.dir, 'loop');
    let loop = 0;
    for (const [, goos, goarch, triple] of TARGETS) {
      const zc = join(loopDir, `zig-${triple}`);
      mkdirSync(zc, { recursive: true });
      await timeCommand('sync', []);
      loop += await timeCommand(go, ['build', '-trimpath', '-o', join(loopDir, `out-${triple}`), '.'], {
        cwd: FIXTURE,
        env: {
          ...process.env,
          GOTOOLCHAIN: 'local',
          GOROOT: join(base.dir, 'tools', 'go', tc.version, 'x64'),
          GOOS: goos,
          GOARCH: goarch,
          CGO_ENABLED: '1',
          CC: `${zigExe} cc -target ${triple}`,
          CXX: `${zigExe} c++ -target ${triple}`,
          GOCACHE: join(loopDir, `gocache-${triple}`),
          ZIG_GLOBAL_CACHE_DIR: zc,
          ZIG_LOCAL_CACHE_DIR: zc,
        },
      });
    }
    const cold = await job(join(base.dir, 'cold'), {}, true);
    const saved = await job(join(base.dir, 'runner'), service.env());
    const warm = await job(join(base.dir, 'runner'), service.env());
    console.log(`\n## cgo with the managed zig (${TARGETS.map((t) => t[0]).join(', ')}; cgoapp fixture, zig ${TEST_ZIG_VERSION})`);
    // What a warm job spends, step by step: the fixed costs that do not shrink with the build.
    for (const l of warm.stdout
      .split('\n')
      .filter((l) => /(Verified SHA-256|Using zig|cache hit|restored|zig: ready|Wrote \d+ artifacts)/.test(l)))
      console.log(`  warm: ${l.trim()}`);
    table([
      ['run', 'wall s', 'cache-hit', 'ratio', 'goal'],
      ['hand-written CC="zig cc -target …" go build loop, empty caches', loop.toFixed(1), '', '1.00', ''],
      [
        'action, cold builds (Go and zig in the tool cache)',
        cold.seconds.toFixed(1),
        cold.hit ?? '',
        (cold.seconds / loop).toFixed(3),
        '<= 1.1 x loop',
      ],
      ['action, cold job (installs Go and zig, saves caches)', saved.seconds.toFixed(1), saved.hit ?? '', '1.00', ''],
      [
        'action, warm job on a fresh runner (caches restored)',
        warm.seconds.toFixed(1),
        warm.hit ?? '',
        (warm.seconds / saved.seconds).toFixed(3),
        '<= 0.15 x cold job',
      ],
    ]);
    return { loop, cold: cold.seconds, coldJob: saved.seconds, warm: warm.seconds };
  } finally {
    await service.close();
    await mirror.close();
    await zigMirror.close();
    rmSync(base.dir, { recursive: true, force: true });
  }
}
