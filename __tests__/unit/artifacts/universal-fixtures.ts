// Small thin Mach-O files that carry Go build info as Go 1.18+ embeds it, for the darwin/universal
// tests. Not a test file.

const CPU: Record<string, number> = { amd64: 0x01000007, arm64: 0x0100000c };

/** A 64-bit Mach-O header for `goarch`, then (at a 16-byte boundary) Go's inline build info. */
export function goMachO(goarch: string, withInfo = true, path = 'example.com/hello'): Buffer {
  const head = Buffer.alloc(64);
  head.writeUInt32LE(0xfeedfacf, 0);
  head.writeUInt32LE(CPU[goarch], 4);
  head.writeUInt32LE(goarch === 'amd64' ? 3 : 0, 8);
  head.writeUInt32LE(2, 12);
  if (!withInfo) return Buffer.concat([head, Buffer.alloc(64, 1)]);
  const str = (s: string) => Buffer.concat([Buffer.from([Buffer.byteLength(s)]), Buffer.from(s)]);
  const magic = Buffer.alloc(32);
  magic.write('\xff Go buildinf:', 0, 'latin1');
  magic[14] = 8;
  magic[15] = 2;
  const mod = `path\t${path}\nbuild\tGOOS=darwin\nbuild\tGOARCH=${goarch}\n`;
  const marker = 'M'.repeat(16);
  return Buffer.concat([head, magic, str('go1.24.4'), str(marker + mod + marker)]);
}
