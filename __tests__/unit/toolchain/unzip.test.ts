import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { extractZip, zipEntryProblem } from '../../../src/toolchain/unzip.js';

/** A zip of `entries` (name → content; a name ending in / is a directory), as Go's archives are made. */
function zipOf(entries: Record<string, string>, modes: Record<string, number> = {}): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name);
    else zip.addBuffer(Buffer.from(text), name, { mode: modes[name] ?? 0o100644 });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

describe('extractZip', () => {
  let dest: string;
  beforeEach(() => (dest = mkdtempSync(join(tmpdir(), 'gcb-unzip-dest-'))));
  afterEach(() => rmSync(dest, { recursive: true, force: true }));

  it('writes every file of a Go-shaped zip, many at once, with its bytes', async () => {
    const entries: Record<string, string> = { 'go/': '', 'go/bin/go.exe': 'MZ go', 'go/VERSION': 'go1.24.4\n' };
    for (let i = 0; i < 50; i++) entries[`go/src/pkg${i % 7}/f${i}.go`] = `package p${i}\n`.repeat(i + 1);
    const got = await extractZip(await zipOf(entries), dest);
    expect(got.files).toBe(52);
    expect(readFileSync(join(dest, 'go', 'bin', 'go.exe'), 'utf8')).toBe('MZ go');
    expect(readFileSync(join(dest, 'go', 'src', 'pkg6', 'f48.go'), 'utf8')).toBe('package p48\n'.repeat(49));
    expect(readdirSync(join(dest, 'go', 'src')).sort()).toEqual(['pkg0', 'pkg1', 'pkg2', 'pkg3', 'pkg4', 'pkg5', 'pkg6']);
    expect(got.bytes).toBe(Object.values(entries).reduce((n, t) => n + Buffer.byteLength(t), 0));
  });

  it('keeps empty directories', async () => {
    await extractZip(await zipOf({ 'go/': '', 'go/bin/': '', 'go/pkg/empty/': '' }), dest);
    expect(statSync(join(dest, 'go', 'pkg', 'empty')).isDirectory()).toBe(true);
  });

  it('refuses an entry outside go/', async () => {
    await expect(extractZip(await zipOf({ 'go/bin/go.exe': 'x', 'evil.txt': 'x' }), dest)).rejects.toThrow('"evil.txt" is not under go/');
  });

  it('refuses a symbolic link made on Unix', async () => {
    await expect(
      extractZip(await zipOf({ 'go/bin/go.exe': 'x', 'go/link': '/etc/passwd' }, { 'go/link': 0o120777 }), dest),
    ).rejects.toThrow('"go/link" is not a regular file or directory');
  });

  it('refuses a corrupt archive', async () => {
    const bytes = await zipOf({ 'go/bin/go.exe': 'x'.repeat(5000) });
    await expect(extractZip(bytes.subarray(0, bytes.length - 30), dest)).rejects.toThrow();
  });

  it('refuses an entry whose data does not inflate to the size the directory says', async () => {
    const bytes = await zipOf({ 'go/VERSION': 'go1.24.4 '.repeat(100) });
    // The central directory's uncompressed size (offset 24 of its entry), one byte more.
    const cd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(bytes.readUInt32LE(cd + 24) + 1, cd + 24);
    await expect(extractZip(bytes, dest)).rejects.toThrow('"go/VERSION" inflates to 900 bytes, the directory says 901');
  });
});

describe('zipEntryProblem', () => {
  it('accepts files and directories under go/, from Unix or other makers', () => {
    expect(zipEntryProblem('go/bin/go.exe', 0o100755 << 16, 0x0314)?.problem).toBeUndefined();
    expect(zipEntryProblem('go/', (0o040755 << 16) >>> 0, 0x0314)?.problem).toBeUndefined();
    expect(zipEntryProblem('go/bin/go.exe', 0x20, 0x0014)?.problem).toBeUndefined();
  });

  it('names the entry that is a link or a device, or outside go/', () => {
    expect(zipEntryProblem('go/x', (0o120777 << 16) >>> 0, 0x0314)?.problem).toMatch(/not a regular file/);
    expect(zipEntryProblem('go/x', (0o020644 << 16) >>> 0, 0x0314)?.problem).toMatch(/not a regular file/);
    expect(zipEntryProblem('gox/y', 0, 0x0014)?.problem).toMatch(/not under go\//);
  });
});
