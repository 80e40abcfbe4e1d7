import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPeImports } from '../../../src/binaries/pe-imports.js';

const bin = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/binaries/${name}`, import.meta.url)));

describe('readPeImports', () => {
  it('lists the DLLs of a PE32+ and a PE32 file, as objdump -p does', () => {
    for (const name of ['win.exe', 'win386.exe']) {
      const dlls = readPeImports(bin(name))!;
      expect(dlls).toContain('KERNEL32.dll');
      expect(dlls.some((d) => d.startsWith('api-ms-win-crt-'))).toBe(true);
    }
  });

  it('reads no ELF', () => {
    expect(readPeImports(bin('gnu217'))).toBeUndefined();
  });
});
