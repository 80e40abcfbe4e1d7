// The DLLs a Windows executable imports (its import directory, and its delay-load one). Pure over
// the file's bytes.

/** The imported DLL names as the file spells them, or undefined when `b` is not a PE file. */
export function readPeImports(b: Buffer): string[] | undefined {
  if (b.length < 0x40 || b.toString('latin1', 0, 2) !== 'MZ') return undefined;
  const pe = b.readUInt32LE(0x3c);
  if (pe + 24 > b.length || b.readUInt32BE(pe) !== 0x50450000) return undefined;
  const sections = b.readUInt16LE(pe + 6);
  const optSize = b.readUInt16LE(pe + 20);
  const opt = pe + 24;
  const magic = b.readUInt16LE(opt);
  const dirs = opt + (magic === 0x20b ? 112 : 96);
  const table = opt + optSize;
  const toOffset = (rva: number): number | undefined => {
    for (let i = 0; i < sections; i++) {
      const s = table + i * 40;
      const va = b.readUInt32LE(s + 12);
      const raw = b.readUInt32LE(s + 16);
      if (rva >= va && rva < va + Math.max(raw, b.readUInt32LE(s + 8))) return rva - va + b.readUInt32LE(s + 20);
    }
    return undefined;
  };
  const name = (rva: number) => {
    const o = toOffset(rva);
    if (o === undefined) return undefined;
    const end = b.indexOf(0, o);
    return b.toString('latin1', o, end < 0 ? b.length : end);
  };
  const out: string[] = [];
  // Directory 1: imports (20-byte descriptors, Name at +12); 13: delay-load (32-byte, Name at +4).
  for (const [index, size, nameAt] of [
    [1, 20, 12],
    [13, 32, 4],
  ]) {
    const rva = dirs + index * 8 + 8 <= b.length ? b.readUInt32LE(dirs + index * 8) : 0;
    let o = rva ? toOffset(rva) : undefined;
    for (; o !== undefined && o + size <= b.length; o += size) {
      const at = b.readUInt32LE(o + nameAt);
      if (at === 0) break;
      const dll = name(at);
      if (dll) out.push(dll);
    }
  }
  return out;
}
