import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isSystemDll, libcProblem } from '../../../src/gobuild/libc-check.js';

const bin = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/binaries/${name}`, import.meta.url)));
const gnu = (glibc: string) => ({ triple: `x86_64-linux-gnu.${glibc}`, libc: `glibc ${glibc}`, glibc });

describe('libcProblem', () => {
  it('holds a linux gnu binary to its glibc floor', () => {
    expect(libcProblem(bin('gnu217'), gnu('2.17'))).toEqual({ checked: 'needs glibc 2.2.5 (floor 2.17)', problem: undefined });
    expect(libcProblem(bin('gnu228-getrandom'), gnu('2.17')).problem).toBe(
      'it needs GLIBC_2.25, newer than the glibc floor 2.17: it would not start on the older systems the floor promises',
    );
    expect(libcProblem(bin('gnu228-getrandom'), gnu('2.28')).problem).toBeUndefined();
  });

  it('wants a musl binary static', () => {
    const musl = { triple: 'aarch64-linux-musl', libc: 'musl' };
    expect(libcProblem(bin('musl-arm64'), musl)).toEqual({ checked: 'static (musl)', problem: undefined });
    expect(libcProblem(bin('gnu217'), musl).problem).toBe('it is not static: interpreter /lib64/ld-linux-x86-64.so.2, needs libc.so.6');
  });

  it('wants a windows binary to import only DLLs of Windows', () => {
    const win = { triple: 'x86_64-windows-gnu', libc: 'mingw-w64' };
    expect(libcProblem(bin('win.exe'), win).problem).toBeUndefined();
    expect(libcProblem(bin('gnu217'), win).problem).toBe('not a PE file whose imports can be read');
    for (const d of ['KERNEL32.dll', 'ws2_32.dll', 'api-ms-win-crt-runtime-l1-1-0.dll', 'ucrtbase.dll']) expect(isSystemDll(d)).toBe(true);
    for (const d of ['libwinpthread-1.dll', 'libgcc_s_seh-1.dll', 'sqlite3.dll']) expect(isSystemDll(d)).toBe(false);
  });
});
