import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compareVersions, newestGlibc, readElfDynamic } from '../../../src/binaries/elf-dynamic.js';

const bin = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/binaries/${name}`, import.meta.url)));

describe('readElfDynamic', () => {
  it('reads the interpreter, the libraries and the glibc versions of a 64-bit little-endian binary', () => {
    const d = readElfDynamic(bin('gnu217'))!;
    expect(d.interpreter).toBe('/lib64/ld-linux-x86-64.so.2');
    expect(d.needed).toContain('libc.so.6');
    expect(newestGlibc(d)).toBe('2.2.5');
    expect(newestGlibc(readElfDynamic(bin('gnu228-getrandom'))!)).toBe('2.25');
  });

  it('reads a 32-bit big-endian binary', () => {
    const d = readElfDynamic(bin('mips-gnu217'))!;
    expect(d.interpreter).toBe('/lib/ld.so.1');
    expect(d.needed).toContain('libc.so.6');
    expect(newestGlibc(d)).toMatch(/^2\./);
  });

  it('finds nothing dynamic in a static musl binary, and nothing at all in a PE', () => {
    expect(readElfDynamic(bin('musl-arm64'))).toEqual({ needed: [], versions: {} });
    expect(readElfDynamic(bin('win.exe'))).toBeUndefined();
  });

  it('orders versions numerically', () => {
    expect(['2.17', '2.3.2', '2.2.5', '2.34'].sort(compareVersions)).toEqual(['2.2.5', '2.3.2', '2.17', '2.34']);
  });
});
