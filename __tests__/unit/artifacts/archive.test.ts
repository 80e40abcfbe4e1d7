import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { list } from 'tar';
import { writeArchive } from '../../../src/artifacts/archive.js';
import type { ArchiveFile } from '../../../src/gobuild/archive-files.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'gcb-archive-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A checkout at `name` holding a binary and the files archive-files takes, with this checkout's own modes. */
function checkout(name: string, licenseMode: number): { binary: string; extras: ArchiveFile[] } {
  const root = join(dir, name);
  mkdirSync(join(root, 'completions'), { recursive: true });
  writeFileSync(join(root, 'tool'), 'binary');
  writeFileSync(join(root, 'LICENSE'), 'MIT');
  chmodSync(join(root, 'LICENSE'), licenseMode);
  writeFileSync(join(root, 'completions', 'tool.bash'), 'complete -F _tool tool');
  return {
    binary: join(root, 'tool'),
    extras: [
      { name: 'LICENSE', source: join(root, 'LICENSE'), mode: 0o644 },
      { name: 'completions/tool.bash', source: join(root, 'completions', 'tool.bash'), mode: 0o644 },
    ],
  };
}

async function entries(file: string): Promise<[string, string][]> {
  const out: [string, string][] = [];
  await list({ file, onReadEntry: (e) => out.push([e.path, (e.mode ?? 0).toString(8)]) });
  return out;
}

describe('writeArchive', () => {
  const mtime = new Date(1_700_000_000_000);

  it('puts the binary first, then the files, with the modes it sets and not the checkout’s', async () => {
    const a = checkout('a', 0o600);
    await writeArchive('tar.gz', [a.binary], join(dir, 'a.tar.gz'), mtime, a.extras);
    expect(await entries(join(dir, 'a.tar.gz'))).toEqual([
      ['tool', '755'],
      ['LICENSE', '644'],
      ['completions/tool.bash', '644'],
    ]);
  });

  it('writes the same bytes from two checkouts at different paths, tar.gz and zip alike', async () => {
    const a = checkout('a', 0o600);
    const b = checkout(join('deeper', 'b'), 0o664);
    for (const format of ['tar.gz', 'zip'] as const) {
      await writeArchive(format, [a.binary], join(dir, `a.${format}`), mtime, a.extras);
      await writeArchive(format, [b.binary], join(dir, `b.${format}`), mtime, b.extras);
      expect(readFileSync(join(dir, `a.${format}`)).equals(readFileSync(join(dir, `b.${format}`)))).toBe(true);
    }
    const zip = readFileSync(join(dir, 'a.zip')).toString('latin1');
    for (const name of ['tool', 'LICENSE', 'completions/tool.bash']) expect(zip).toContain(name);
  });

  it('puts several binaries first, in their order, each 0755, then the files', async () => {
    const a = checkout('a', 0o644);
    writeFileSync(join(dir, 'a', 'server'), 'server binary');
    for (const format of ['tar.gz', 'zip'] as const)
      await writeArchive(format, [join(dir, 'a', 'server'), a.binary], join(dir, `two.${format}`), mtime, a.extras);
    expect(await entries(join(dir, 'two.tar.gz'))).toEqual([
      ['server', '755'],
      ['tool', '755'],
      ['LICENSE', '644'],
      ['completions/tool.bash', '644'],
    ]);
    const zip = readFileSync(join(dir, 'two.zip')).toString('latin1');
    expect(['server', 'tool', 'LICENSE'].map((n) => zip.indexOf(n)).every((at, i, all) => at >= 0 && (i === 0 || at > all[i - 1]))).toBe(
      true,
    );
  });

  it('leaves no scratch directory beside the archive', async () => {
    const a = checkout('a', 0o644);
    mkdirSync(join(dir, 'out'));
    await writeArchive('tar.gz', [a.binary], join(dir, 'out', 'a.tar.gz'), mtime, a.extras);
    expect(readdirSync(join(dir, 'out'))).toEqual(['a.tar.gz']);
  });
});
