// A target's binaries, and the archive-files beside them, into a tar.gz or zip with fixed metadata: same
// files and mtime, same bytes, whatever the checkout's path or the runner's umask and time zone.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { create } from 'tar';
import yazl from 'yazl';
import type { ArchiveFile } from '../gobuild/archive-files.js';
import type { ArchiveFormat } from '../gobuild/artifact-names.js';

/**
 * Writes `binaries` (each entry named after its file name, mode 0755) and `extras` into `dest`, in
 * that order, every entry with `mtime`. tar: portable headers (no owner, no atime/ctime; gzip header
 * without OS or time). zip: DOS time only, written from UTC fields so that the runner's time zone
 * does not change bytes.
 */
export async function writeArchive(
  format: ArchiveFormat,
  binaries: string[],
  dest: string,
  mtime: Date,
  extras: ArchiveFile[] = [],
): Promise<void> {
  const entries: ArchiveFile[] = [...binaries.map((b) => ({ name: basename(b), source: b, mode: 0o755 })), ...extras];
  if (format === 'tar.gz') {
    // node-tar packs files from one directory: the entries are laid out in a scratch one first.
    // Each header gets the mode set here, not the file's: neither the checkout's umask nor a
    // Windows host (which has no executable bit to read) decides it.
    const scratch = await mkdtemp(join(dirname(dest), '.archive-'));
    try {
      for (const e of entries) {
        const at = join(scratch, ...e.name.split('/'));
        await mkdir(dirname(at), { recursive: true });
        await copyFile(e.source, at);
      }
      const modes = new Map(entries.map((e) => [e.name, e.mode]));
      const names = entries.map((e) => e.name);
      await create(
        {
          file: dest,
          cwd: scratch,
          gzip: { level: 9 },
          portable: true,
          mtime,
          noDirRecurse: true,
          onWriteEntry: (entry) => {
            const mode = modes.get(entry.path);
            if (mode !== undefined && entry.stat) entry.stat.mode = (entry.stat.mode & ~0o7777) | mode;
          },
        },
        names,
      );
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    return;
  }
  const zip = new yazl.ZipFile();
  const asLocal = new Date(mtime.getTime() + mtime.getTimezoneOffset() * 60_000);
  for (const e of entries)
    zip.addFile(e.source, e.name, { mtime: asLocal, mode: 0o100000 | e.mode, compress: true, forceDosTimestamp: true });
  zip.end();
  const out = createWriteStream(dest);
  zip.outputStream.pipe(out);
  await once(out, 'close');
}
