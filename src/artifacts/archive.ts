// One binary into a tar.gz or zip with fixed metadata: same binary and mtime, same bytes.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { create } from 'tar';
import yazl from 'yazl';
import type { ArchiveFormat } from './manifest.js';

/**
 * Writes `binary` into `dest` as a single entry named after the binary's file name, mode 0755, with
 * `mtime`. tar: portable headers (no owner, no atime/ctime; gzip header without OS or time).
 * zip: DOS time only, written from UTC fields so that the runner's time zone does not change bytes.
 */
export async function writeArchive(format: ArchiveFormat, binary: string, dest: string, mtime: Date): Promise<void> {
  await chmod(binary, 0o755);
  if (format === 'tar.gz') {
    await create({ file: dest, cwd: dirname(binary), gzip: { level: 9 }, portable: true, mtime, noDirRecurse: true }, [basename(binary)]);
    return;
  }
  const zip = new yazl.ZipFile();
  const asLocal = new Date(mtime.getTime() + mtime.getTimezoneOffset() * 60_000);
  zip.addFile(binary, basename(binary), { mtime: asLocal, mode: 0o100755, compress: true, forceDosTimestamp: true });
  zip.end();
  const out = createWriteStream(dest);
  zip.outputStream.pipe(out);
  await once(out, 'close');
}
