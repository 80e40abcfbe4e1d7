import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { primeLinks, primeZig, quiet } from '../../../src/cc/prime.js';

describe('primeLinks', () => {
  it('links an executable and a PIE with the libraries Go asks for', () => {
    expect(primeLinks({ triple: 'x86_64-linux-gnu.2.17', libc: 'glibc 2.17' })).toEqual([
      ['cc', '-target', 'x86_64-linux-gnu.2.17', '-o', 'prime-exe', 'prime.c', '-lpthread', '-ldl', '-lm', '-lrt', '-lresolv', '-lutil'],
      [
        'cc',
        '-target',
        'x86_64-linux-gnu.2.17',
        '-fPIE',
        '-pie',
        '-o',
        'prime-pie',
        'prime.c',
        '-lpthread',
        '-ldl',
        '-lm',
        '-lrt',
        '-lresolv',
        '-lutil',
      ],
    ]);
    expect(primeLinks({ triple: 'aarch64-linux-musl', libc: 'musl' })[0]).toEqual([
      'cc',
      '-target',
      'aarch64-linux-musl',
      '-o',
      'prime-exe',
      'prime.c',
    ]);
    const win = primeLinks({ triple: 'x86_64-windows-gnu', libc: 'mingw-w64', flags: ['-Wl,--strip-debug'] })[0];
    expect(win.slice(0, 4)).toEqual(['cc', '-target', 'x86_64-windows-gnu', '-Wl,--strip-debug']);
    expect(win).toContain('-lws2_32');
  });
});

describe('quiet', () => {
  it("says zig's own unused-argument warnings once, with their count", () => {
    const log =
      "zig: building\nzig: warning: argument unused during compilation: '-fbuiltin' [-Wunused-command-line-argument]\nreal error\nzig: warning: argument unused during compilation: '-fno-data-sections' [-Wunused-command-line-argument]\n";
    expect(quiet(log)).toBe(
      'zig: building\nreal error\nzig: 2 "argument unused during compilation" warnings of its own libc build left out\n',
    );
    expect(quiet('zig: building\n')).toBe('zig: building\n');
  });
});

describe('primeZig', () => {
  it('fails with the reason when zig cannot run, and leaves only the cache directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prime-'));
    try {
      const p = await primeZig(join(dir, 'no-zig'), { triple: 'x86_64-linux-gnu.2.17', libc: 'glibc 2.17' }, {}, join(dir, 'cache'));
      expect(p.ok).toBe(false);
      expect(p.log).toContain('ENOENT');
      expect(existsSync(join(dir, 'cache'))).toBe(true);
      expect(readdirSync(join(dir, 'cache'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
