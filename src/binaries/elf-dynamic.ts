// What an ELF executable needs at run time: its interpreter (PT_INTERP), its shared libraries
// (DT_NEEDED) and the symbol versions it requires of them (.gnu.version_r: GLIBC_2.17, ...). Pure
// over the file's bytes.

export interface ElfDynamic {
  interpreter?: string;
  needed: string[];
  /** Required symbol versions, by library: `libc.so.6` → [`GLIBC_2.2.5`, `GLIBC_2.3.2`]. */
  versions: Record<string, string[]>;
}

const PT_INTERP = 3;
const SHT_DYNAMIC = 6;
const SHT_GNU_VERNEED = 0x6ffffffe;
const DT_NEEDED = 1;

/** The run-time needs of an ELF file, or undefined when `b` is not one this parser reads. */
export function readElfDynamic(b: Buffer): ElfDynamic | undefined {
  if (b.length < 64 || b.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = b[4] === 2;
  const le = b[5] === 1;
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const addr = (o: number) => (is64 ? Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(o));
  const cstr = (o: number) => {
    const end = b.indexOf(0, o);
    return b.toString('latin1', o, end < 0 ? b.length : end);
  };
  const out: ElfDynamic = { needed: [], versions: {} };

  const phoff = addr(is64 ? 0x20 : 0x1c);
  const phentsize = u16(is64 ? 0x36 : 0x2a);
  const phnum = u16(is64 ? 0x38 : 0x2c);
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (p + phentsize > b.length) return undefined;
    if (u32(p) === PT_INTERP) out.interpreter = cstr(addr(p + (is64 ? 0x08 : 0x04)));
  }

  const shoff = addr(is64 ? 0x28 : 0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  const shnum = u16(is64 ? 0x3c : 0x30);
  const section = (i: number) => {
    const s = shoff + i * shentsize;
    return {
      type: u32(s + 4),
      offset: addr(s + (is64 ? 0x18 : 0x10)),
      size: addr(s + (is64 ? 0x20 : 0x14)),
      link: u32(s + (is64 ? 0x28 : 0x18)),
      info: u32(s + (is64 ? 0x2c : 0x1c)),
    };
  };
  if (shoff === 0 || shoff + shnum * shentsize > b.length) return out;
  for (let i = 0; i < shnum; i++) {
    const s = section(i);
    if (s.type === SHT_DYNAMIC) {
      const strtab = section(s.link).offset;
      const entry = is64 ? 16 : 8;
      for (let o = s.offset; o + entry <= s.offset + s.size; o += entry) {
        const tag = addr(o);
        if (tag === 0) break;
        if (tag === DT_NEEDED) out.needed.push(cstr(strtab + addr(o + entry / 2)));
      }
    } else if (s.type === SHT_GNU_VERNEED) {
      const strtab = section(s.link).offset;
      let v = s.offset;
      // sh_info holds the number of Verneed entries.
      for (let n = 0; n < s.info; n++) {
        const file = cstr(strtab + u32(v + 4));
        const names: string[] = [];
        let a = v + u32(v + 8);
        for (let k = 0; k < u16(v + 2); k++) {
          names.push(cstr(strtab + u32(a + 8)));
          a += u32(a + 12);
        }
        out.versions[file] = names;
        const next = u32(v + 12);
        if (next === 0) break;
        v += next;
      }
    }
  }
  return out;
}

/** The newest `GLIBC_x.y[.z]` version among the requirements, or undefined when none. */
export function newestGlibc(d: ElfDynamic): string | undefined {
  const all = Object.values(d.versions)
    .flat()
    .map((v) => /^GLIBC_(\d+(?:\.\d+)+)$/.exec(v)?.[1])
    .filter((v): v is string => v !== undefined);
  return all.sort(compareVersions).at(-1);
}

export function compareVersions(a: string, b: string): number {
  const [pa, pb] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
