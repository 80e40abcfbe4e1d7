// Reading back an archive that archive.ts wrote (a shard's artifact), for merge mode to assemble
// darwin/universal from the slices' archives: every file entry in order, with its bytes, mode and
// mtime, so that the archive written from them is the one a shard would have written.
import { readFile } from 'node:fs/promises';
import { list } from 'tar';
import yauzl, { type Entry } from 'yauzl';
import type { ArchiveFormat } from '../gobuild/artifact-names.js';

export interface ArchiveEntry {
  /** `/`-separated, as the archive names it. */
  name: string;
  data: Buffer;
  /** Permission bits: 0o755 or 0o644 in what archive.ts writes. */
  mode: number;
  mtime: Date;
}

export async function readArchive(format: ArchiveFormat, path: string): Promise<ArchiveEntry[]> {
  return format === 'tar.gz' ? readTar(path) : readZip(path);
}

async function readTar(path: string): Promise<ArchiveEntry[]> {
  const entries: Promise<ArchiveEntry>[] = [];
  await list({
    file: path,
    onReadEntry: (e) => {
      if (e.type !== 'File') {
        e.resume();
        return;
      }
      const chunks: Buffer[] = [];
      e.on('data', (c: Buffer) => chunks.push(c));
      entries.push(
        new Promise((resolve, reject) => {
          e.on('end', () =>
            resolve({ name: e.path, data: Buffer.concat(chunks), mode: (e.mode ?? 0o644) & 0o7777, mtime: e.mtime ?? new Date(0) }),
          );
          e.on('error', reject);
        }),
      );
    },
  });
  return Promise.all(entries);
}

async function readZip(path: string): Promise<ArchiveEntry[]> {
  const zip = await yauzl.fromBufferPromise(await readFile(path), { lazyEntries: true, strictFileNames: true });
  const out: ArchiveEntry[] = [];
  try {
    for (;;) {
      const entry = await new Promise<Entry | undefined>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(undefined));
        zip.once('error', reject);
        zip.readEntry();
      });
      zip.removeAllListeners();
      if (!entry) break;
      if (entry.fileName.endsWith('/')) continue;
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      out.push({
        name: entry.fileName,
        data: Buffer.concat(chunks),
        mode: (entry.externalFileAttributes >>> 16) & 0o7777,
        // archive.ts writes the DOS time from the mtime's UTC fields.
        mtime: entry.getLastModDate({ timezone: 'UTC', forceDosFormat: true }),
      });
    }
  } finally {
    zip.close();
  }
  return out;
}
