import { compilerFor, reproducibleFlags, zigEnv, type CgoSpec } from '../../../src/cc/compilers.js';
import { noCgo, t } from '../helpers.js';

const linux = { goos: 'linux', goarch: 'amd64' };
const on: CgoSpec = { ...noCgo, enabled: true };
const triple = (text: string, spec = on, host = linux) => {
  const c = compilerFor(t(text), spec, host);
  return 'problem' in c ? c : c.kind === 'zig' ? [c.target.triple, c.target.cpu, c.target.libc] : c.kind;
};

describe('compilerFor', () => {
  it('gives every linux cgo port a zig triple, glibc 2.17 raised to what zig has for the architecture', () => {
    expect(triple('linux/amd64')).toEqual(['x86_64-linux-gnu.2.17', undefined, 'glibc 2.17']);
    expect(triple('linux/386')).toEqual(['x86-linux-gnu.2.17', undefined, 'glibc 2.17']);
    expect(triple('linux/arm64')).toEqual(['aarch64-linux-gnu.2.17', undefined, 'glibc 2.17']);
    expect(triple('linux/ppc64le')).toEqual(['powerpc64le-linux-gnu.2.19', undefined, 'glibc 2.19']);
    expect(triple('linux/riscv64')).toEqual(['riscv64-linux-gnu.2.27', undefined, 'glibc 2.27']);
    expect(triple('linux/loong64')).toEqual(['loongarch64-linux-gnu.2.36', undefined, 'glibc 2.36']);
    expect(triple('linux/s390x')).toEqual(['s390x-linux-gnu.2.17', undefined, 'glibc 2.17']);
    expect(triple('linux/mips64le')).toEqual(['mips64el-linux-gnuabi64.2.17', undefined, 'glibc 2.17']);
    expect(triple('linux/mips/softfloat')).toEqual(['mips-linux-gnueabi.2.17', undefined, 'glibc 2.17']);
    expect(triple('linux/mipsle')).toEqual(['mipsel-linux-gnueabihf.2.17', undefined, 'glibc 2.17']);
  });

  it('matches 32-bit ARM to GOARM: float ABI and CPU (GOARM=7 is Go’s default)', () => {
    expect(triple('linux/arm')).toEqual(['arm-linux-gnueabihf.2.17', 'generic+v7a+vfp3-d32+thumb2-neon', 'glibc 2.17']);
    expect(triple('linux/arm/6')).toEqual(['arm-linux-gnueabihf.2.17', 'generic+v6+strict_align+vfp2-d32', 'glibc 2.17']);
    expect(triple('linux/arm/5')).toEqual(['arm-linux-gnueabi.2.17', 'generic+v5te+soft_float+strict_align', 'glibc 2.17']);
    expect(triple('linux/arm/7/musl')).toEqual(['arm-linux-musleabihf', 'generic+v7a+vfp3-d32+thumb2-neon', 'musl']);
  });

  it('links musl statically and windows with MinGW', () => {
    expect(triple('linux/amd64/musl')).toEqual(['x86_64-linux-musl', undefined, 'musl']);
    expect(triple('linux/amd64/v3/musl')).toEqual(['x86_64-linux-musl', undefined, 'musl']);
    expect(triple('windows/amd64')).toEqual(['x86_64-windows-gnu', undefined, 'mingw-w64']);
    expect(triple('windows/386')).toEqual(['x86-windows-gnu', undefined, 'mingw-w64']);
    expect(triple('windows/arm64')).toEqual(['aarch64-windows-gnu', undefined, 'mingw-w64']);
  });

  it('holds a glibc that was set to it, or says which architecture it does not fit', () => {
    expect(triple('linux/amd64', { ...on, glibc: '2.28' })).toEqual(['x86_64-linux-gnu.2.28', undefined, 'glibc 2.28']);
    expect(triple('linux/riscv64', { ...on, glibc: '2.17' })).toEqual({
      problem: 'zig links linux/riscv64 against glibc 2.27 or newer, and glibc is 2.17',
    });
  });

  it("leaves darwin to a macOS runner's own compiler, and says why elsewhere", () => {
    expect(triple('darwin/arm64', on, { goos: 'darwin', goarch: 'arm64' })).toBe('system');
    expect(triple('darwin/arm64')).toEqual({ problem: expect.stringContaining("a cgo build of darwin needs Apple's SDK") });
    expect(triple('freebsd/amd64')).toEqual({ problem: 'zig has no C library for freebsd, and this runner is linux' });
    expect(triple('freebsd/amd64', on, { goos: 'freebsd', goarch: 'amd64' })).toBe('system');
    expect(triple('linux/mips64/softfloat')).toEqual({ problem: 'zig has no soft-float C library for mips64' });
  });

  it('uses nothing with cgo off, and the job’s own compiler with c-compiler: system', () => {
    expect(triple('linux/arm64', noCgo)).toBe('none');
    expect(triple('darwin/arm64', { ...on, compiler: 'system' })).toBe('system');
  });
});

describe('zigEnv', () => {
  it('spells CC and CXX as Go splits them, and gives the target its own zig cache', () => {
    const c = compilerFor(t('linux/arm'), on, linux);
    if ('problem' in c || c.kind !== 'zig') throw new Error('no zig');
    expect(zigEnv('/t/zig/0.15.2/x64/zig', c.target, '/tmp/zc/linux-arm')).toEqual({
      CC: '/t/zig/0.15.2/x64/zig cc -target arm-linux-gnueabihf.2.17 -mcpu=generic+v7a+vfp3-d32+thumb2-neon',
      CXX: '/t/zig/0.15.2/x64/zig c++ -target arm-linux-gnueabihf.2.17 -mcpu=generic+v7a+vfp3-d32+thumb2-neon',
      ZIG_GLOBAL_CACHE_DIR: '/tmp/zc/linux-arm',
      ZIG_LOCAL_CACHE_DIR: '/tmp/zc/linux-arm',
    });
    const w = { triple: 'x86_64-windows-gnu', libc: 'mingw-w64' };
    expect(zigEnv('C:\\Program Files\\zig\\zig.exe', { ...w, flags: reproducibleFlags(w) }, 'D:\\c').CC).toBe(
      "'C:\\Program Files\\zig\\zig.exe' cc -target x86_64-windows-gnu -Wl,--strip-debug",
    );
    expect(reproducibleFlags({ triple: 'x86_64-linux-gnu.2.17', libc: 'glibc 2.17' })).toEqual([]);
  });
});
