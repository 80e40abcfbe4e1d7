// Reads an executable's header and says whether it was built for a GOOS/GOARCH. Pure over the
// first bytes of the file.
import { isFat, readFatHeader } from './fat-macho.js';

export interface Header {
  format: 'elf' | 'pe' | 'macho' | 'wasm' | 'unknown';
  /** The architecture as Go names it, when the header says. */
  goarch?: string;
  /** The OS the header pins down (ELF OS ABI, PE = windows, Mach-O = darwin/ios). */
  goos?: string[];
}

// ELF e_machine → GOARCH, keyed by class (1 = 32-bit, 2 = 64-bit) and data (1 = LE, 2 = BE).
const ELF_MACHINES: Record<number, (cls: number, le: boolean) => string | undefined> = {
  3: () => '386',
  8: (cls, le) => (cls === 2 ? (le ? 'mips64le' : 'mips64') : le ? 'mipsle' : 'mips'),
  21: (_c, le) => (le ? 'ppc64le' : 'ppc64'),
  22: () => 's390x',
  40: () => 'arm',
  62: () => 'amd64',
  183: () => 'arm64',
  243: () => 'riscv64',
  258: () => 'loong64',
};

// ELF OS ABI byte as Go's linker writes it (checked on Go 1.24 output): 0 for the rest.
const ELF_OSABI: Record<number, string> = { 2: 'netbsd', 9: 'freebsd', 12: 'openbsd' };
const ELF_OSABI_ZERO = ['linux', 'android', 'solaris', 'illumos', 'dragonfly'];

const PE_MACHINES: Record<number, string> = { 0x14c: '386', 0x8664: 'amd64', 0x1c4: 'arm', 0xaa64: 'arm64' };
const MACHO_CPUS: Record<number, string> = { 0x01000007: 'amd64', 0x0100000c: 'arm64' };

export function readHeader(b: Buffer): Header {
  if (b.length >= 20 && b.readUInt32BE(0) === 0x7f454c46) {
    const cls = b[4];
    const le = b[5] === 1;
    const machine = le ? b.readUInt16LE(18) : b.readUInt16BE(18);
    const abi = b[7];
    return {
      format: 'elf',
      goarch: ELF_MACHINES[machine]?.(cls, le),
      goos: abi === 0 ? ELF_OSABI_ZERO : ELF_OSABI[abi] ? [ELF_OSABI[abi]] : [],
    };
  }
  if (b.length >= 0x40 && b.toString('latin1', 0, 2) === 'MZ') {
    const pe = b.readUInt32LE(0x3c);
    if (pe + 6 <= b.length && b.readUInt32BE(pe) === 0x50450000)
      return { format: 'pe', goarch: PE_MACHINES[b.readUInt16LE(pe + 4)], goos: ['windows'] };
  }
  // A universal file (darwin/universal) is x86_64 and arm64 slices behind a fat header.
  if (isFat(b)) {
    const slices = readFatHeader(b);
    const arches = 'problem' in slices ? [] : slices.map((s) => s.goarch).sort();
    return { format: 'macho', goarch: arches.join() === 'amd64,arm64' ? 'universal' : undefined, goos: ['darwin'] };
  }
  if (b.length >= 8 && b.readUInt32LE(0) === 0xfeedfacf)
    return { format: 'macho', goarch: MACHO_CPUS[b.readUInt32LE(4)], goos: ['darwin', 'ios'] };
  if (b.length >= 4 && b.toString('latin1', 0, 4) === '\0asm') return { format: 'wasm', goarch: 'wasm', goos: ['js', 'wasip1'] };
  return { format: 'unknown' };
}

/** Bytes of the header needed: enough for an ELF/Mach-O header and a PE header at a usual offset. */
export const HEADER_BYTES = 4096;

/** Formats whose header this module reads; other ports (plan9, aix) are reported as not checked. */
export function checkable(goos: string): boolean {
  return goos !== 'plan9' && goos !== 'aix';
}

/** Undefined when the header matches the target, else why not. */
export function mismatch(h: Header, goos: string, goarch: string): string | undefined {
  const want = `${goos}/${goarch}`;
  if (h.format === 'unknown') return `not an executable format known for ${want}`;
  if (h.goarch !== goarch) return `${h.format.toUpperCase()} header says ${h.goarch ?? 'an unknown architecture'}, not ${goarch}`;
  if (h.goos && !h.goos.includes(goos)) return `${h.format.toUpperCase()} header is for ${h.goos.join('/') || 'another OS'}, not ${goos}`;
  return undefined;
}
