import { chooseCompilers, compilerId } from '../../../src/cc/choose.js';
import { noCgo, t } from '../helpers.js';

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

  it('names the first target that cannot be built on this runner', () => {
    expect(chooseCompilers([t('linux/amd64'), t('darwin/amd64'), t('ios/arm64')], on, linux)).toEqual({
      problem: expect.stringContaining("Apple's SDK"),
      target: t('darwin/amd64'),
    });
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
