import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkTree } from '../../../src/lib/tree.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tree-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const sorted = <T extends { path: string }>(a: T[]) => [...a].sort((x, y) => (x.path < y.path ? -1 : 1));

describe('walkTree', () => {
  it('lists every file by its / path, hashing those asked for, and reports links and special files unfollowed', async () => {
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'src', 'a', 'b'), { recursive: true });
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'VERSION'), 'go1.24.1\n');
    writeFileSync(join(dir, 'bin', 'go'), 'binary');
    // Larger than the read buffer (1 MiB), so it is hashed in several reads.
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    writeFileSync(join(dir, 'src', 'a', 'b', 'big'), big);
    symlinkSync(join(dir, 'bin', 'go'), join(dir, 'bin', 'gofmt'));
    symlinkSync(join(dir, 'src'), join(dir, 'srclink'));
    execFileSync('mkfifo', [join(dir, 'src', 'fifo')]);
    expect(sorted(await walkTree(dir, (p) => p !== 'VERSION'))).toEqual([
      { path: 'VERSION', kind: 'file' },
      { path: 'bin/go', kind: 'file', sha256: sha('binary') },
      { path: 'bin/gofmt', kind: 'symlink' },
      { path: 'src/a/b/big', kind: 'file', sha256: sha(big) },
      { path: 'src/fifo', kind: 'other' },
      { path: 'srclink', kind: 'symlink' },
    ]);
  });

  it('refuses a root that is a link, even to a directory, or is missing', async () => {
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    await expect(walkTree(join(dir, 'link'), () => true)).rejects.toThrow('is not a directory');
    await expect(walkTree(join(dir, 'missing'), () => true)).rejects.toThrow('ENOENT');
  });
});
