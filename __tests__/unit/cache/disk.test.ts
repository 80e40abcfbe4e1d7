import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { files, forceRemove, nonEmpty, treeBytes } from '../../../src/cache/disk.js';

describe('cache directories on disk', () => {
  let base: string;
  beforeEach(() => (base = mkdtempSync(join(tmpdir(), 'gcb-disk-'))));
  afterEach(() => {
    // A failed forceRemove would leave read-only directories behind.
    for (const d of ['mod', 'mod/example.com', 'mod/example.com/m@v1.0.0']) if (existsSync(join(base, d))) chmodSync(join(base, d), 0o755);
    rmSync(base, { recursive: true, force: true });
  });

  /** A GOCACHE-like tree: two files in a subdirectory, one at the top, a link to a file and one to a directory. */
  const tree = () => {
    const dir = join(base, 'gocache');
    mkdirSync(join(dir, 'ab', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'ab', 'one-a'), 'x'.repeat(100));
    writeFileSync(join(dir, 'ab', 'deeper', 'two-d'), 'y'.repeat(20));
    writeFileSync(join(dir, 'README'), 'z'.repeat(3));
    symlinkSync(join(dir, 'README'), join(dir, 'link-to-file'));
    symlinkSync(join(dir, 'ab'), join(dir, 'link-to-dir'));
    return dir;
  };

  const all = async (dir: string) => {
    const out: string[] = [];
    for await (const f of files(dir)) out.push(f.slice(dir.length + 1));
    return out.sort();
  };

  it('walks the regular files of a tree, not its links, and nothing of a missing one', async () => {
    const dir = tree();
    expect(await all(dir)).toEqual(['README', join('ab', 'deeper', 'two-d'), join('ab', 'one-a')]);
    expect(await all(join(base, 'missing'))).toEqual([]);
  });

  it('measures what the regular files hold, a link counting for nothing', async () => {
    expect(await treeBytes(tree())).toBe(123);
    expect(await treeBytes(join(base, 'missing'))).toBe(0);
  });

  it('removes a tree whose directories are read-only, as the module cache makes them, and a missing one without error', async () => {
    // (As root, which may remove from a read-only directory, this holds without the chmod too; on a runner it does not.)
    const mod = join(base, 'mod', 'example.com', 'm@v1.0.0');
    mkdirSync(mod, { recursive: true });
    writeFileSync(join(mod, 'go.mod'), 'module example.com/m\n');
    for (const d of [mod, join(base, 'mod', 'example.com'), join(base, 'mod')]) chmodSync(d, 0o555);
    await forceRemove(join(base, 'mod'));
    expect(existsSync(join(base, 'mod'))).toBe(false);
    await expect(forceRemove(join(base, 'missing'))).resolves.toBeUndefined();
  });

  it('removes a tree with links without following them out of it', async () => {
    const outside = join(base, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'keep'), 'k');
    const dir = tree();
    symlinkSync(outside, join(dir, 'ab', 'link-out'));
    await forceRemove(dir);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(join(outside, 'keep'))).toBe(true);
  });

  it('tells a directory holding anything from an empty or missing one', async () => {
    const empty = join(base, 'empty');
    mkdirSync(empty);
    expect(await nonEmpty(empty)).toBe(false);
    expect(await nonEmpty(join(base, 'missing'))).toBe(false);
    mkdirSync(join(empty, 'sub'));
    expect(await nonEmpty(empty)).toBe(true);
  });
});
