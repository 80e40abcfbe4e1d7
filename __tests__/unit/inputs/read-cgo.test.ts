import { ZIG_PUBLIC_KEY } from '../../../src/cc/zig-release.js';
import { readCgo } from '../../../src/inputs/read-cgo.js';

const src = (inputs: Record<string, string>) => ({ get: (n: string) => inputs[n] ?? '' });

describe('readCgo', () => {
  it('defaults to the managed zig, its default release and key, and the per-architecture glibc floor', () => {
    expect(readCgo(src({}), true, [])).toEqual({
      enabled: true,
      compiler: 'zig',
      zig: { version: '0.15.2', pins: { kind: 'none' }, mirror: undefined, publicKey: ZIG_PUBLIC_KEY, signatureRequired: false },
    });
  });

  it('reads every zig input', () => {
    const c = readCgo(
      src({
        'c-compiler': 'zig',
        glibc: '2.28',
        'zig-version': '0.16.0',
        'zig-sha256': `${'b'.repeat(64)}  zig-x86_64-linux-0.16.0.tar.xz`,
        'zig-download-base-url': 'https://mirror.example/zig/',
        'zig-public-key': ZIG_PUBLIC_KEY,
      }),
      true,
      [],
    );
    expect(c.glibc).toBe('2.28');
    expect(c.zig).toMatchObject({ version: '0.16.0', mirror: 'https://mirror.example/zig', signatureRequired: true });
    expect(c.zig.pins).toEqual({ kind: 'files', byFile: new Map([['zig-x86_64-linux-0.16.0.tar.xz', 'b'.repeat(64)]]) });
  });

  it('lets CC lines through with c-compiler: system or cgo off, not with the managed compiler', () => {
    const env = [{ pattern: 'linux/arm64', key: 'CC', value: 'aarch64-linux-gnu-gcc' }];
    expect(readCgo(src({ 'c-compiler': 'system' }), true, env).compiler).toBe('system');
    expect(readCgo(src({}), false, env).enabled).toBe(false);
    expect(() => readCgo(src({}), true, env)).toThrow(
      /Input env = "linux\/arm64: CC=aarch64-linux-gnu-gcc": CC is set by the managed C compiler/,
    );
    expect(() => readCgo(src({}), true, [{ key: 'ZIG_GLOBAL_CACHE_DIR', value: '/z' }])).toThrow(
      /ZIG_GLOBAL_CACHE_DIR is set by the managed/,
    );
  });

  it('refuses a Go module pin in zig-sha256', () => {
    expect(() => readCgo(src({ 'zig-sha256': 'golang.org/toolchain v0.0.1-go1.24.4.linux-amd64 h1:AAAA=' }), true, [])).toThrow(
      /Input zig-sha256/,
    );
  });
});
