// A universal ("fat") Mach-O file: a big-endian header listing each architecture's slice, then the
// slices, each at an offset aligned to its architecture's page size. Written as llvm-lipo -create
// writes it (same alignments, same order), so that the bytes do not depend on who assembled them
// or on the order the slices were given in. Pure: bytes in, bytes out.
import type { Problem } from '../lib/problem.js';

const FAT_MAGIC = 0xcafebabe;
const MH_MAGIC_64 = 0xfeedfacf;
const FAT_HEADER = 8;
const FAT_ARCH = 20;

/** A Mach-O CPU type as Go names it, with its slice alignment (log2): the page size lipo uses, 4 KiB for x86, 16 KiB for Apple silicon. */
const CPUS: Record<number, { goarch: string; align: number }> = {
  0x01000007: { goarch: 'amd64', align: 12 },
  0x0100000c: { goarch: 'arm64', align: 14 },
};

export interface FatSlice {
  cputype: number;
  cpusubtype: number;
  offset: number;
  size: number;
  /** log2 of the offset's alignment. */
  align: number;
  /** The architecture as Go names it, when it is one this module knows. */
  goarch?: string;
}

/** The fat file holding `slices` (thin 64-bit Mach-O executables of distinct architectures), or why it cannot be written. */
export function writeFat(slices: Buffer[]): Buffer | Problem {
  const parsed: { bytes: Buffer; cputype: number; cpusubtype: number; align: number }[] = [];
  for (const [i, bytes] of slices.entries()) {
    if (bytes.length < 32 || bytes.readUInt32LE(0) !== MH_MAGIC_64) return { problem: `slice ${i + 1} is not a 64-bit Mach-O file` };
    const cputype = bytes.readUInt32LE(4);
    const cpu = CPUS[cputype];
    if (!cpu) return { problem: `slice ${i + 1} has CPU type 0x${cputype.toString(16)}, not x86_64 or arm64` };
    if (parsed.some((p) => p.cputype === cputype)) return { problem: `two slices are ${cpu.goarch}` };
    parsed.push({ bytes, cputype, cpusubtype: bytes.readUInt32LE(8), align: cpu.align });
  }
  if (parsed.length === 0) return { problem: 'no slices' };
  // lipo's order: by alignment (stable), arm64 last; so x86_64 comes first whatever order the slices came in.
  const arm64 = (p: { cputype: number }) => (p.cputype === 0x0100000c ? 1 : 0);
  parsed.sort((a, b) => a.align - b.align || arm64(a) - arm64(b) || a.cputype - b.cputype);

  let offset = FAT_HEADER + FAT_ARCH * parsed.length;
  const placed = parsed.map((p) => {
    const unit = 2 ** p.align;
    offset = Math.ceil(offset / unit) * unit;
    const at = offset;
    offset += p.bytes.length;
    return { ...p, offset: at };
  });
  if (offset > 0xffffffff) return { problem: `the fat file would be ${offset} bytes; its 32-bit offsets stop at 4 GiB` };
  const out = Buffer.alloc(offset);
  out.writeUInt32BE(FAT_MAGIC, 0);
  out.writeUInt32BE(placed.length, 4);
  for (const [i, p] of placed.entries()) {
    const at = FAT_HEADER + i * FAT_ARCH;
    out.writeUInt32BE(p.cputype, at);
    out.writeUInt32BE(p.cpusubtype, at + 4);
    out.writeUInt32BE(p.offset, at + 8);
    out.writeUInt32BE(p.bytes.length, at + 12);
    out.writeUInt32BE(p.align, at + 16);
    p.bytes.copy(out, p.offset);
  }
  return out;
}

/** True when `head` starts like a fat Mach-O file (Java class files share the magic; their next field is never this small). */
export function isFat(head: Buffer): boolean {
  return head.length >= FAT_HEADER && head.readUInt32BE(0) === FAT_MAGIC && head.readUInt32BE(4) > 0 && head.readUInt32BE(4) < 32;
}

/** The slices a fat file's header lists, from its first bytes (where they lie is not checked). */
export function readFatHeader(head: Buffer): FatSlice[] | Problem {
  if (!isFat(head)) return { problem: 'not a fat Mach-O file' };
  const n = head.readUInt32BE(4);
  if (head.length < FAT_HEADER + n * FAT_ARCH) return { problem: `the header lists ${n} slices but the file ends inside it` };
  return Array.from({ length: n }, (_, i) => {
    const at = FAT_HEADER + i * FAT_ARCH;
    const cputype = head.readUInt32BE(at);
    return {
      cputype,
      cpusubtype: head.readUInt32BE(at + 4),
      offset: head.readUInt32BE(at + 8),
      size: head.readUInt32BE(at + 12),
      align: head.readUInt32BE(at + 16),
      ...(CPUS[cputype] ? { goarch: CPUS[cputype].goarch } : {}),
    };
  });
}

/** The slices a fat file lists, each within the file and not overlapping the header, or why not. */
export function readFat(file: Buffer): FatSlice[] | Problem {
  const listed = readFatHeader(file);
  if ('problem' in listed) return listed;
  const end = FAT_HEADER + listed.length * FAT_ARCH;
  const slices: FatSlice[] = [];
  for (const [i, s] of listed.entries()) {
    if (s.offset < end || s.offset + s.size > file.length) return { problem: `slice ${i + 1} lies outside the file` };
    if (s.align > 15 || s.offset % 2 ** s.align !== 0) return { problem: `slice ${i + 1} is not at its ${2 ** s.align}-byte alignment` };
    slices.push(s);
  }
  return slices;
}

/** A slice's bytes, as they were before they were put in the fat file. */
export function sliceBytes(file: Buffer, s: FatSlice): Buffer {
  return file.subarray(s.offset, s.offset + s.size);
}
