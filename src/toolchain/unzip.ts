// Extracting a verified Go zip (the Windows archives) in this process, with yauzl. Not System32's
// tar.exe: a Windows without it (Server Core images, Wine, a locked-down self-hosted runner) could
// not install at all, and a GNU tar earlier on PATH (Git for Windows ships one) cannot read zips.
// One reader on every host also means the entry checks below are the same everywhere.
//
// The archive is extracted from memory, where it was hashed while it downloaded: it is never
// written to disk, and no second copy of the tree is made. Entries are inflated on the thread pool
// and written many at once: writing ~14,000 small files is what a Windows install waits on (under
// Wine, 3x faster than one stream per entry in the same process; bench: windows).
import type { Problem } from '../lib/problem.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/** Unix file type bits of an entry made on Unix (`external attributes` high half). */
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/**
 * What is wrong with an entry, or undefined. yauzl already refuses absolute names, `..` and
 * backslashes; a Go archive also holds only files and directories, all under `go/`.
 */
export function zipEntryProblem(name: string, externalAttributes: number, madeBy: number): Problem | undefined {
  if (name !== 'go/' && !name.startsWith('go/')) return { problem: `"${name}" is not under go/` };
  // Made on Unix (version made by, high byte 3): the mode says the type. Other makers (FAT, NTFS) cannot store links.
  const mode = (externalAttributes >>> 16) & S_IFMT;
  if (madeBy >> 8 === 3 && mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR)
    return { problem: `"${name}" is not a regular file or directory` };
  return undefined;
}

export interface Unzipped {
  files: number;
  bytes: number;
}

/** Entries inflated or written at once. */
const IN_FLIGHT = 16;

const inflate = promisify(inflateRaw);

/**
 * Extracts the zip in `archive` into `dest` (empty). Rejects on the first bad entry or a corrupt
 * archive, once nothing is writing any more; the caller removes `dest`. CRCs are not checked: the
 * whole archive's SHA-256 was, before this runs.
 */
export async function extractZip(archive: Buffer, dest: string): Promise<Unzipped> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(archive, { lazyEntries: true, strictFileNames: true }, (e, z) => (e ? reject(e) : resolve(z))),
  );
  const dirs = new Map<string, Promise<unknown>>();
  const ensureDir = (dir: string) => {
    if (!dirs.has(dir)) dirs.set(dir, mkdir(dir, { recursive: true }));
    return dirs.get(dir)!;
  };
  const dataStart = (entry: Entry) =>
    new Promise<number>((resolve, reject) =>
      zip.readLocalFileHeader(entry, { minimal: true }, (e, h) => (e ? reject(e) : resolve(h.fileDataStart))),
    );
  const write = async (entry: Entry, to: string) => {
    const start = await dataStart(entry);
    const stored = archive.subarray(start, start + entry.compressedSize);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
      throw new Error(`"${entry.fileName}" uses compression method ${entry.compressionMethod}`);
    const data = entry.compressionMethod === 8 ? await inflate(stored) : stored;
    if (data.length !== entry.uncompressedSize)
      throw new Error(`"${entry.fileName}" inflates to ${data.length} bytes, the directory says ${entry.uncompressedSize}`);
    await ensureDir(dirname(to));
    await writeFile(to, data);
  };

  const writing = new Set<Promise<void>>();
  let failure: Error | undefined;
  let files = 0;
  let bytes = 0;
  try {
    const ended = new Promise<undefined>((resolve) => zip.once('end', () => resolve(undefined)));
    const errored = new Promise<never>((_, reject) => zip.once('error', reject));
    errored.catch(() => undefined);
    for (;;) {
      const next = new Promise<Entry>((resolve) => zip.once('entry', resolve));
      zip.readEntry();
      const entry = await Promise.race([next, ended, errored]);
      if (!entry) break;
      const problem = zipEntryProblem(entry.fileName, entry.externalFileAttributes, entry.versionMadeBy);
      if (problem) throw new Error(problem.problem);
      const to = join(dest, ...entry.fileName.split('/').filter(Boolean));
      if (entry.fileName.endsWith('/')) {
        await ensureDir(to);
        continue;
      }
      const job: Promise<void> = write(entry, to).then(
        () => {
          files++;
          bytes += entry.uncompressedSize;
          writing.delete(job);
        },
        (e: Error) => {
          failure ??= e;
          writing.delete(job);
        },
      );
      writing.add(job);
      if (writing.size >= IN_FLIGHT) await Promise.race(writing);
      if (failure) throw failure;
    }
    await Promise.all(writing);
    if (failure) throw failure;
    return { files, bytes };
  } finally {
    await Promise.all(writing);
    zip.close();
  }
}
