// Extracting a cache archive so that it can only ever write into its own cache directory. A cache
// entry is input from the network: a poisoned one (a known Actions attack) may hold absolute paths,
// `..` paths, links or devices. Every entry is checked before anything of it is written, in the
// same pass that extracts it (one parser, so nothing can be read one way and written another), and
// the first bad entry refuses the whole archive: the caller removes the directory. The one link a
// cache may hold is zig's: a symlink whose target is a bare name (zig stores a digest as the target
// of `lld.id`), which can only ever point at a sibling inside the cache.
import type { Problem } from '../lib/problem.js';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, symlink, utimes } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { isWithin } from '../lib/files.js';
import { start } from '../lib/process.js';
import { manifestPath, type Digests, type FileDigest } from './tree-manifest.js';
import type { Compression } from './service.js';

/**
 * What is wrong with an archive entry, or undefined when it is a file or directory inside `root`;
 * given the entry's `link` (zig's caches), also a symlink to a bare name (no separator, not `.` or `..`).
 */
export function entryProblem(path: string, type: string, workspace: string, root: string, link?: { target: string }): Problem | undefined {
  const sibling = link !== undefined && type === 'SymbolicLink' && /^[\w.-]+$/.test(link.target) && !/^\.\.?$/.test(link.target);
  if (type !== 'File' && type !== 'OldFile' && type !== 'Directory' && !sibling)
    return { problem: `"${path}" is a ${type}, not a file or directory` };
  // @actions/cache archives paths relative to the workspace (`../../_temp/...`), or absolute ones.
  const target = isAbsolute(path) ? resolve(path) : resolve(workspace, path);
  if (!isWithin(root, target)) return { problem: `"${path}" is outside ${root}` };
  return undefined;
}

export class UnsafeArchiveError extends Error {}

export interface ExtractOptions {
  /** The date every file gets. */
  mtime?: Date;
  /** zig's caches: symlinks to a bare name are kept (entryProblem). */
  siblingLinks?: boolean;
  /** Filled with each file's size and SHA-256, by its path below `root`, hashed as it is written. */
  digests?: Digests;
}

export interface Extracted {
  files: number;
  bytes: number;
}

/**
 * Extracts `file` into `root`, which must be empty or absent. Rejects on the first bad entry, a
 * truncated or corrupt archive, or `signal`; whatever was written then stays for the caller to
 * remove, and nothing is still writing when the promise settles.
 */
export async function extractArchive(
  file: string,
  compression: Compression,
  workspace: string,
  root: string,
  signal: AbortSignal,
  opts: ExtractOptions = {},
): Promise<Extracted> {
  const { mtime, siblingLinks = false, digests } = opts;
  const { stream, done: decompressed, stop } = decompress(file, compression);
  const writes: Promise<void>[] = [];
  const open = new Set<NodeJS.WritableStream & { destroy(): void }>();
  const dirModes: [string, number][] = [];
  let failure: Error | undefined;
  let files = 0;
  let bytes = 0;

  const parser = new Parser({
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      const link = siblingLinks ? { target: entry.linkpath ?? '' } : undefined;
      const problem = failure ? undefined : entryProblem(entry.path, entry.type, workspace, root, link);
      if (failure || problem) {
        entry.resume();
        if (problem) fail(new UnsafeArchiveError(problem.problem));
        return;
      }
      const target = isAbsolute(entry.path) ? resolve(entry.path) : resolve(workspace, entry.path);
      const mode = (entry.mode ?? 0o644) & 0o777;
      if (entry.type === 'SymbolicLink') {
        writes.push(mkdir(dirname(target), { recursive: true, mode: 0o755 }).then(() => symlink(entry.linkpath ?? '', target)));
        entry.resume();
        return;
      }
      if (entry.type === 'Directory') {
        dirModes.push([target, mode]);
        writes.push(mkdir(target, { recursive: true, mode: 0o755 }).then(() => undefined));
        entry.resume();
        return;
      }
      files++;
      bytes += entry.size;
      entry.pause();
      const digest = digests && ((d: FileDigest) => digests.set(manifestPath(root, target), d));
      writes.push(writeFile(entry, target, mode | 0o400, mtime, { open, stopped: () => failure !== undefined, digest }));
    },
  });
  const parsed = new Promise<void>((res, rej) => {
    parser.on('error', rej);
    parser.on('end', res);
  });
  // Stops everything at once: the source, the parser and every file still being written.
  function fail(e: Error): void {
    if (failure) return;
    failure = e;
    stop();
    stream.destroy();
    parser.abort(e);
    for (const out of open) out.destroy();
  }
  const onAbort = () => fail(new Error('aborted'));
  signal.addEventListener('abort', onAbort);
  if (signal.aborted) onAbort();
  stream.on('error', fail);
  stream.pipe(parser as unknown as NodeJS.WritableStream);
  try {
    const outcome = await Promise.allSettled([parsed, decompressed]);
    // Every write that started has settled before anyone removes the tree.
    const written = await Promise.allSettled(writes);
    if (failure) throw failure;
    for (const r of [...outcome, ...written]) if (r.status === 'rejected') throw r.reason;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  // Go's module cache is read-only: directory modes are set last, deepest first.
  for (const [dir, mode] of dirModes.reverse()) await chmod(dir, mode | 0o500);
  return { files, bytes };
}

/**
 * Writes `entry` to `out` and hashes it on the way: a restore reads every byte once. The one
 * reader hashes and writes, since a second one attached later would miss what the parser had
 * already buffered in the entry (a pass-through stream does the same at a cost per file).
 */
function hashTo(entry: ReadEntry, out: NodeJS.WritableStream, done: (d: FileDigest) => void): void {
  const hash = createHash('sha256');
  let size = 0;
  out.on('drain', () => entry.resume());
  entry.on('end', () => {
    done({ size, sha256: hash.digest('hex') });
    out.end();
  });
  // Adding the listener starts the flow, what was buffered first.
  entry.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.length;
    if (!out.write(chunk)) entry.pause();
  });
}

/** Writes one entry: a new file only (`wx`), never through something already there. */
async function writeFile(
  entry: ReadEntry,
  target: string,
  mode: number,
  mtime: Date | undefined,
  run: { open: Set<NodeJS.WritableStream & { destroy(): void }>; stopped: () => boolean; digest?: (d: FileDigest) => void },
): Promise<void> {
  await mkdir(dirname(target), { recursive: true, mode: 0o755 });
  if (run.stopped()) return;
  const { open } = run;
  await new Promise<void>((res, rej) => {
    const out = createWriteStream(target, { flags: 'wx', mode });
    open.add(out);
    out.on('error', (e) => {
      entry.removeAllListeners('data');
      entry.resume();
      rej(e);
    });
    out.on('close', () => {
      open.delete(out);
      res();
    });
    if (run.digest) hashTo(entry, out, run.digest);
    else {
      entry.pipe(out);
      entry.resume();
    }
  });
  if (mtime) await utimes(target, mtime, mtime);
}

/** The tar stream of the archive, a promise that rejects if the decompressor failed, and how to stop it. */
function decompress(file: string, compression: Compression): { stream: Readable; done: Promise<void>; stop: () => void } {
  if (compression === 'gzip') {
    const gunzip = createGunzip();
    createReadStream(file)
      .on('error', (e) => gunzip.destroy(e))
      .pipe(gunzip);
    return { stream: gunzip, done: Promise.resolve(), stop: () => undefined };
  }
  // The zstd program, as @actions/cache saved with it; --long=30 allows its largest window.
  const zstd = start('zstd', ['-d', '-c', '--long=30', file], { streamStdout: true });
  const done = zstd.done.then((r) => {
    if (!r.ok) throw new Error(`zstd could not decompress the archive: ${r.stderr.trim() || r.failure}`);
  });
  return { stream: zstd.stdout!, done, stop: () => zstd.kill() };
}
