import { checkable, mismatch, readHeader } from '../../../src/binaries/binary-format.js';

function elf(cls: number, le: boolean, machine: number, abi = 0): Buffer {
  const b = Buffer.alloc(64);
  b.writeUInt32BE(0x7f454c46, 0);
  b[4] = cls;
  b[5] = le ? 1 : 2;
  b[7] = abi;
  if (le) b.writeUInt16LE(machine, 18);
  else b.writeUInt16BE(machine, 18);
  return b;
}

function pe(machine: number): Buffer {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.writeUInt32BE(0x50450000, 0x80);
  b.writeUInt16LE(machine, 0x84);
  return b;
}

function macho(cpu: number): Buffer {
  const b = Buffer.alloc(32);
  b.writeUInt32LE(0xfeedfacf, 0);
  b.writeUInt32LE(cpu, 4);
  return b;
}

describe('readHeader', () => {
  it.each([
    [elf(2, true, 62), 'linux', 'amd64'],
    [elf(2, true, 183), 'linux', 'arm64'],
    [elf(1, true, 40), 'linux', 'arm'],
    [elf(1, true, 3), 'linux', '386'],
    [elf(2, true, 243), 'linux', 'riscv64'],
    [elf(2, true, 258), 'linux', 'loong64'],
    [elf(2, false, 22), 'linux', 's390x'],
    [elf(2, false, 21), 'linux', 'ppc64'],
    [elf(2, true, 21), 'linux', 'ppc64le'],
    [elf(1, false, 8), 'linux', 'mips'],
    [elf(1, true, 8), 'linux', 'mipsle'],
    [elf(2, false, 8), 'linux', 'mips64'],
    [elf(2, true, 8), 'linux', 'mips64le'],
    [elf(2, true, 62, 9), 'freebsd', 'amd64'],
    [elf(2, true, 62, 2), 'netbsd', 'amd64'],
    [elf(2, true, 62, 12), 'openbsd', 'amd64'],
    [elf(2, true, 62), 'illumos', 'amd64'],
    [pe(0x8664), 'windows', 'amd64'],
    [pe(0xaa64), 'windows', 'arm64'],
    [pe(0x14c), 'windows', '386'],
    [macho(0x0100000c), 'darwin', 'arm64'],
    [macho(0x01000007), 'darwin', 'amd64'],
    [Buffer.from('\0asm\x01\0\0\0', 'latin1'), 'wasip1', 'wasm'],
    [Buffer.from('\0asm\x01\0\0\0', 'latin1'), 'js', 'wasm'],
  ])('%#: matches %s/%s', (buf, goos, goarch) => expect(mismatch(readHeader(buf), goos, goarch)).toBeUndefined());

  it('reads a universal file as darwin/universal when it holds exactly the x86_64 and arm64 slices', () => {
    const fat = (...cpus: number[]) => {
      const b = Buffer.alloc(8 + 20 * cpus.length);
      b.writeUInt32BE(0xcafebabe, 0);
      b.writeUInt32BE(cpus.length, 4);
      cpus.forEach((c, i) => b.writeUInt32BE(c, 8 + 20 * i));
      return b;
    };
    expect(mismatch(readHeader(fat(0x01000007, 0x0100000c)), 'darwin', 'universal')).toBeUndefined();
    expect(mismatch(readHeader(fat(0x0100000c, 0x01000007)), 'darwin', 'universal')).toBeUndefined();
    expect(mismatch(readHeader(fat(0x01000007, 0x0100000c)), 'darwin', 'amd64')).toBe('MACHO header says universal, not amd64');
    expect(mismatch(readHeader(fat(0x01000007)), 'darwin', 'universal')).toBe('MACHO header says an unknown architecture, not universal');
    // A Java class file shares the magic; its version field is never a slice count.
    expect(readHeader(Buffer.from('cafebabe00000034', 'hex')).format).toBe('unknown');
  });

  it('reports the wrong architecture', () => {
    expect(mismatch(readHeader(elf(2, true, 62)), 'linux', 'arm64')).toBe('ELF header says amd64, not arm64');
    expect(mismatch(readHeader(pe(0x8664)), 'windows', 'arm64')).toBe('PE header says amd64, not arm64');
    expect(mismatch(readHeader(elf(2, true, 9999)), 'linux', 'amd64')).toBe('ELF header says an unknown architecture, not amd64');
  });

  it('reports the wrong OS', () => {
    expect(mismatch(readHeader(elf(2, true, 62)), 'freebsd', 'amd64')).toBe(
      'ELF header is for linux/android/solaris/illumos/dragonfly, not freebsd',
    );
    expect(mismatch(readHeader(elf(2, true, 62, 9)), 'linux', 'amd64')).toBe('ELF header is for freebsd, not linux');
    expect(mismatch(readHeader(pe(0x8664)), 'linux', 'amd64')).toBe('PE header is for windows, not linux');
    expect(mismatch(readHeader(macho(0x0100000c)), 'linux', 'arm64')).toBe('MACHO header is for darwin/ios, not linux');
  });

  it('refuses what is no executable, and leaves unread formats unchecked', () => {
    expect(mismatch(readHeader(Buffer.from('#!/bin/sh\n')), 'linux', 'amd64')).toBe('not an executable format known for linux/amd64');
    expect(mismatch(readHeader(Buffer.alloc(0)), 'linux', 'amd64')).toBe('not an executable format known for linux/amd64');
    expect(checkable('plan9')).toBe(false);
    expect(checkable('aix')).toBe(false);
    expect(checkable('linux')).toBe(true);
  });
});
