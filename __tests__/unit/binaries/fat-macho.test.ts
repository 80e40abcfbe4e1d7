import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFat, readFat, sliceBytes, writeFat } from '../../../src/binaries/fat-macho.js';

const X86_64 = 0x01000007;
const ARM64 = 0x0100000c;

/** A thin 64-bit Mach-O header (no load commands) followed by `size` bytes that differ per slice. */
function macho(cpu: number, subtype: number, size: number, seed: number): Buffer {
  const b = Buffer.alloc(32 + size);
  b.writeUInt32LE(0xfeedfacf, 0);
  b.writeUInt32LE(cpu, 4);
  b.writeUInt32LE(subtype, 8);
  b.writeUInt32LE(2, 12); // MH_EXECUTE
  for (let i = 32; i < b.length; i++) b[i] = (i * seed) % 251;
  return b;
}

const amd64 = macho(X86_64, 3, 5000, 7);
const arm64 = macho(ARM64, 0, 20000, 13);

const ok = (r: Buffer | { problem: string }): Buffer => {
  if ('problem' in r) throw new Error(r.problem);
  return r;
};

describe('writeFat', () => {
  it('puts x86_64 at 4 KiB and arm64 at 16 KiB, after a big-endian header, whatever order the slices come in', () => {
    const fat = ok(writeFat([arm64, amd64]));
    expect(fat.equals(ok(writeFat([amd64, arm64])))).toBe(true);
    expect(fat.readUInt32BE(0)).toBe(0xcafebabe);
    expect(fat.readUInt32BE(4)).toBe(2);
    // fat_arch: cputype, cpusubtype, offset, size, align
    expect([0, 1, 2, 3, 4].map((i) => fat.readUInt32BE(8 + 4 * i))).toEqual([X86_64, 3, 4096, amd64.length, 12]);
    expect([0, 1, 2, 3, 4].map((i) => fat.readUInt32BE(28 + 4 * i))).toEqual([ARM64, 0, 16384, arm64.length, 14]);
    expect(fat.length).toBe(16384 + arm64.length);
    // The gaps are zeros.
    expect(fat.subarray(48, 4096).every((b) => b === 0)).toBe(true);
    expect(fat.subarray(4096 + amd64.length, 16384).every((b) => b === 0)).toBe(true);
  });

  it('refuses what is not a 64-bit x86_64 or arm64 Mach-O, and two slices of one architecture', () => {
    expect(writeFat([amd64, Buffer.from('\x7fELF' + '\0'.repeat(60), 'latin1')])).toEqual({
      problem: 'slice 2 is not a 64-bit Mach-O file',
    });
    expect(writeFat([macho(7, 3, 10, 1)])).toEqual({ problem: 'slice 1 has CPU type 0x7, not x86_64 or arm64' });
    expect(writeFat([amd64, amd64])).toEqual({ problem: 'two slices are amd64' });
    expect(writeFat([])).toEqual({ problem: 'no slices' });
  });

  const lipo = '/usr/bin/llvm-lipo-14';
  (existsSync(lipo) ? it : it.skip)(
    `is byte for byte what llvm-lipo-14 -create writes, and lipo takes it apart again (skipped without ${lipo})`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'gcb-fat-'));
      try {
        writeFileSync(join(dir, 'amd64'), amd64);
        writeFileSync(join(dir, 'arm64'), arm64);
        execFileSync(lipo, ['-create', join(dir, 'arm64'), join(dir, 'amd64'), '-output', join(dir, 'lipo')]);
        const ours = ok(writeFat([amd64, arm64]));
        expect(ours.equals(readFileSync(join(dir, 'lipo')))).toBe(true);
        writeFileSync(join(dir, 'ours'), ours);
        execFileSync(lipo, [join(dir, 'ours'), '-verify_arch', 'x86_64', 'arm64']);
        execFileSync(lipo, [join(dir, 'ours'), '-thin', 'arm64', '-output', join(dir, 'thin')]);
        expect(readFileSync(join(dir, 'thin')).equals(arm64)).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('readFat', () => {
  it('lists the slices, and gives each back as it went in', () => {
    const fat = ok(writeFat([arm64, amd64]));
    expect(isFat(fat)).toBe(true);
    const slices = readFat(fat);
    if ('problem' in slices) throw new Error(slices.problem);
    expect(slices.map((s) => [s.goarch, s.offset, s.align])).toEqual([
      ['amd64', 4096, 12],
      ['arm64', 16384, 14],
    ]);
    expect(sliceBytes(fat, slices[0]).equals(amd64)).toBe(true);
    expect(sliceBytes(fat, slices[1]).equals(arm64)).toBe(true);
  });

  it('refuses a thin file, a truncated one, and a misaligned slice', () => {
    expect(isFat(amd64)).toBe(false);
    expect(readFat(amd64)).toEqual({ problem: 'not a fat Mach-O file' });
    const fat = ok(writeFat([amd64, arm64]));
    expect(readFat(fat.subarray(0, 20000))).toEqual({ problem: 'slice 2 lies outside the file' });
    expect(readFat(fat.subarray(0, 30))).toEqual({ problem: 'the header lists 2 slices but the file ends inside it' });
    const moved = Buffer.from(fat);
    moved.writeUInt32BE(4100, 16);
    expect(readFat(moved)).toEqual({ problem: 'slice 1 is not at its 4096-byte alignment' });
  });
});
