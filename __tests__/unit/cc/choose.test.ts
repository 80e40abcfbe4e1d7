import { chooseCc, chooseCompilers, compilerId } from '../../../src/cc/choose.js';
import { noCgo, refusal, t } from '../helpers.js';

const on = { ...noCgo, enabled: true };
const linux = { goos: 'linux', goarch: 'amd64' };

describe('chooseCompilers', () => {
  it('gives each target its compiler, and says whether zig is needed', () => {
    const c = chooseCompilers([t('linux/arm64'), t('windows/amd64')], on, linux);
    if ('problem' in c) throw new Error(c.problem);
    expect(c.needsZig).toBe(true);
    expect(c.of(t('linux/arm64'))).toMatchObject({ kind: 'zig', target: { triple: 'aarch64-linux-gnu.2.17' } });
    expect(c.of(t('linux/amd64/musl'))).toEqual({ kind: 'none' });
    const mac = chooseCompilers([t('darwin/arm64')], on, { goos: 'darwin', goarch: 'arm64' });
    expect('problem' in mac ? mac : mac.needsZig).toBe(false);
  });

  it('names the first target that cannot be built on this runner, as a problem of targets with the ways out', () => {
    const e = refusal(chooseCompilers([t('linux/amd64'), t('darwin/amd64'), t('ios/arm64')], on, linux));
    expect(e.input).toBe('targets');
    expect(e.value).toBe('darwin/amd64');
    expect(e.message).toContain("with cgo: true, a cgo build of darwin needs Apple's SDK");
    expect(e.allowed).toContain('runs-on: "darwin/*: macos-latest"');
    expect(refusal(chooseCompilers([t('freebsd/amd64')], on, linux)).allowed).toContain("targets of the runner's own OS");
  });

  it('chooses the zig archive only when zig compiles some target, and passes its problem on', () => {
    expect(chooseCc([t('linux/amd64')], noCgo, linux)).not.toHaveProperty('zigArchive');
    expect(chooseCc([t('linux/amd64')], on, linux)).toMatchObject({ zigArchive: { file: 'zig-x86_64-linux-0.15.2.tar.xz' } });
    const pins = { kind: 'files' as const, byFile: new Map([['zig-aarch64-linux-0.15.2.tar.xz', 'c'.repeat(64)]]) };
    const e = refusal(chooseCc([t('linux/amd64')], { ...on, zig: { ...on.zig, pins } }, linux));
    expect(e.message).toBe(
      'Input zig-sha256 = "zig-aarch64-linux-0.15.2.tar.xz": no line pins zig-x86_64-linux-0.15.2.tar.xz, the zig archive this runner needs (lines pin zig-aarch64-linux-0.15.2.tar.xz). Allowed: a "HASH  FILENAME" line for the archive each runner needs',
    );
  });

  it('keys a compiler by zig version, archive hash, triple, CPU and flags', () => {
    const zig = { version: '0.15.2', sha256: 'ab' };
    expect(compilerId(zig, { triple: 'arm-linux-gnueabihf.2.17', cpu: 'generic+v6', libc: 'glibc 2.17' })).toBe(
      'zig 0.15.2 ab arm-linux-gnueabihf.2.17 -mcpu=generic+v6',
    );
    expect(compilerId(zig, { triple: 'x86_64-windows-gnu', libc: 'mingw-w64', flags: ['-Wl,--strip-debug'] })).toBe(
      'zig 0.15.2 ab x86_64-windows-gnu -Wl,--strip-debug',
    );
  });
});
