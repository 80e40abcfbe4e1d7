import { jobTasks } from '../../../src/gobuild/job-tasks.js';
import type { CCompiler } from '../../../src/cc/compilers.js';
import type { Toolchain } from '../../../src/toolchain/toolchain.js';
import { accepted, buildSpec, refusal, stamp, t } from '../helpers.js';

const tc = { version: '1.24.4', goroot: '/tc/go', go: '/tc/go/bin/go' } as Toolchain;
const ctx = {
  temp: '/rt',
  env: { PATH: '/bin' },
  pathSep: ':',
  cpus: 4,
  workingDirectory: '/w',
} as unknown as Parameters<typeof jobTasks>[9];
const none = { of: (): CCompiler => ({ kind: 'none' }) };
const noGenerate = { mode: 'none' as const, packages: [] };
const one = [{ pkg: '.', name: 'app' }];

describe('jobTasks', () => {
  it('makes one task per target × package, each with its GOCACHE under RUNNER_TEMP, workers bounded by the tasks', () => {
    const targets = [t('linux/amd64'), t('linux/arm/7')];
    const job = accepted(jobTasks(buildSpec({ parallel: 8 }), noGenerate, tc, targets, one, 'app', stamp, [], none, ctx));
    expect(job.tasks.map((x) => [x.id, x.artifact, x.gocache])).toEqual([
      ['linux/amd64', 'app-linux-amd64.tar.gz', '/rt/go-crossbuild/gocache/linux-amd64'],
      ['linux/arm/7', 'app-linux-arm-7.tar.gz', '/rt/go-crossbuild/gocache/linux-arm-7'],
    ]);
    expect(job.workers).toBe(2);
    expect(job.gocache(targets[1])).toBe('/rt/go-crossbuild/gocache/linux-arm-7');
    // Four cores over two builds: -p 2 each. The toolchain's GOROOT leads PATH in every task.
    expect(job.tasks[0].args.join(' ')).toContain('-p 2');
    expect(job.tasks[0].env.GOROOT).toBe('/tc/go');
    expect(job.hostGocache).toBeUndefined();
    expect(job.compiler(targets[0])).toBeUndefined();
  });

  it("gives generate the host's GOCACHE, and a cgo target zig's fixed per-target cache (flags for a reproducible windows build)", () => {
    const zigOf = (target: ReturnType<typeof t>): CCompiler =>
      target.goos === 'windows'
        ? { kind: 'zig', target: { triple: 'x86_64-windows-gnu', libc: 'mingw-w64' } }
        : { kind: 'system', why: 'the runner compiles it' };
    const job = accepted(
      jobTasks(
        buildSpec(),
        { mode: 'once', packages: ['./...'] },
        tc,
        [t('windows/amd64'), t('linux/amd64')],
        one,
        'app',
        stamp,
        [],
        { of: zigOf, zig: '/z/zig' },
        ctx,
      ),
    );
    expect(job.hostGocache).toBe('/rt/go-crossbuild/gocache/host');
    expect(job.compiler(t('windows/amd64'))).toEqual({
      zig: '/z/zig',
      cache: '/rt/go-crossbuild/zig-cache/windows-amd64',
      target: { triple: 'x86_64-windows-gnu', libc: 'mingw-w64', flags: ['-Wl,--strip-debug'] },
    });
    expect(job.compiler(t('linux/amd64'))).toBeUndefined();
    expect(job.tasks[0].compiler?.cache).toBe('/rt/go-crossbuild/zig-cache/windows-amd64');
  });

  it('refuses per-target generate on a Go older than 1.18, naming the input', () => {
    const old = { ...tc, version: '1.17.13' } as Toolchain;
    const e = refusal(
      jobTasks(buildSpec(), { mode: 'per-target', packages: ['./...'] }, old, [t('linux/amd64')], one, 'app', stamp, [], none, ctx),
    );
    expect([e.input, e.value]).toEqual(['generate', 'per-target']);
  });
});
