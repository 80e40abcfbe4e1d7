// Caches the tests share across jest workers (and with the demo and the bench), made once per
// machine: every fill works in a directory of its own and publishes with one rename, so a worker
// that looks while another fills sees either nothing or a whole entry, never a half-written one.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A file in such a cache: where it is, and what it holds. */
export interface CachedFile {
  path: string;
  fileName: string;
  sha256: string;
  size: number;
}

interface Entry {
  source: string;
  path: string;
  sha256: string;
  size: number;
}

/**
 * `fileName` in `dir`, made by `make(out)` from `source` (what the entry must have been made from,
 * e.g. a GOROOT) unless an entry for that source is there. The file lands in a directory named by
 * its hash and is never rewritten, so whichever fill the record names last, each caller's path and
 * hash agree; the record (`<fileName>.entry.json`) is written last, by rename.
 */
export function fillOnce(dir: string, fileName: string, source: string, make: (out: string) => void): CachedFile {
  mkdirSync(dir, { recursive: true });
  const record = join(dir, `${fileName}.entry.json`);
  const known = readEntry(record);
  if (known && known.source === source && existsSync(known.path) && statSync(known.path).size === known.size)
    return { path: known.path, fileName, sha256: known.sha256, size: known.size };

  const fill = mkdtempSync(join(dir, `.fill-${fileName}-`));
  try {
    make(join(fill, fileName));
    const sha256 = createHash('sha256')
      .update(readFileSync(join(fill, fileName)))
      .digest('hex');
    const size = statSync(join(fill, fileName)).size;
    const final = join(dir, `${fileName}-${sha256.slice(0, 16)}`);
    try {
      renameSync(fill, final);
    } catch (e) {
      // Another fill published the same bytes first: keep that one.
      if (!['ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    }
    const path = join(final, fileName);
    writeAtomically(record, JSON.stringify({ source, path, sha256, size } satisfies Entry));
    return { path, fileName, sha256, size };
  } finally {
    rmSync(fill, { recursive: true, force: true });
  }
}

/** Writes `path` whole or not at all: a unique temporary beside it, then a rename. */
export function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function readEntry(record: string): Entry | undefined {
  try {
    return JSON.parse(readFileSync(record, 'utf8')) as Entry;
  } catch {
    return undefined;
  }
}
