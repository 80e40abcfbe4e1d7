// Download → SHA-256 → extract in one pass into a staging directory beside the tool cache; the tree
// is renamed into its tool-cache slot only after the hash matched, replacing what the slot held (a
// preinstalled tree that could not be verified). On any failure the staging directory, and any
// tool-cache directory this install created, are removed, and a replaced tree is put back.
import type { HttpClient } from '@actions/http-client';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, rmSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { ActionError } from '../errors.js';
import type { Log } from '../lib/log.js';
import { attemptsOf, getStream, NetworkError, StallWatch, withRetries } from '../lib/http.js';
import type { InstallRecord, ToolCacheSlot } from './tool-cache.js';
import { displayVersion } from './version.js';

export interface InstallRequest {
  url: string;
  file: string;
  version: string;
  sha256: string;
  toolCache: string;
  slot: ToolCacheSlot;
  /** The host runs Windows: zip archives are extracted with the system's bsdtar. */
  windows: boolean;
  systemRoot?: string;
  /** For messages: `linux/amd64`. */
  platform: string;
  /** No bytes for this long gives an attempt up. */
  stallMs: number;
}

/**
 * How to extract a verified archive. tar.gz streams into `tar` while downloading; a zip needs its
 * central directory, so it is written to disk, verified, then extracted by Windows' own tar.exe
 * (bsdtar reads zip; a GNU tar earlier on PATH, as Git for Windows ships, would not).
 */
export function extractCommand(file: string, dest: string, windows: boolean, systemRoot = 'C:\\Windows') {
  if (file.endsWith('.zip')) {
    const tar = windows ? `${systemRoot}\\System32\\tar.exe` : 'bsdtar';
    return { streamed: false, command: tar, args: ['-xf', join(dest, 'archive.zip'), '-C', dest] };
  }
  // -o: do not restore the archive's owners (GNU tar as root would, bsdtar reads it the same way).
  return { streamed: true, command: 'tar', args: ['-xzof', '-', '-C', dest] };
}

export async function install(client: HttpClient, req: InstallRequest, log: Log): Promise<InstallRecord> {
  await mkdir(req.toolCache, { recursive: true });
  const staging = await mkdtemp(join(req.toolCache, '.go-crossbuild-staging-'));
  const created = missingParents(req.slot.dir, req.toolCache);
  let placed = false;
  // A step killed mid-download (timeout-minutes, a cancelled run) leaves no staging behind: stop
  // tar, which would go on writing into it, remove it, then die of the same signal.
  const onKill = (signal: NodeJS.Signals) => {
    for (const child of extracting) child.kill('SIGKILL');
    try {
      rmSync(staging, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
    } finally {
      process.kill(process.pid, signal);
    }
  };
  process.once('SIGTERM', onKill).once('SIGINT', onKill);
  try {
    const extract = extractCommand(req.file, staging, req.windows, req.systemRoot);
    log.info(`Downloading ${req.url}`);
    const started = Date.now();
    const got = await withRetries(
      `download of ${req.file}`,
      async () => {
        await rm(join(staging, 'go'), { recursive: true, force: true });
        return downloadOnce(client, req.url, extract, staging, req.stallMs);
      },
      log.warning,
    ).catch((e: unknown) => {
      if (e instanceof ActionError) throw e;
      const n = attemptsOf(e);
      throw new ActionError(
        'Download failed',
        `Could not download Go ${displayVersion(req.version)} for ${req.platform} from ${req.url} (${n} attempt${n > 1 ? 's' : ''}): ${(e as Error).message}. Nothing was installed. Check go-download-base-url and the runner's network.`,
      );
    });
    if (got.sha256 !== req.sha256) {
      throw new ActionError(
        'SHA-256 mismatch',
        `${req.file} from ${req.url} has SHA-256 ${got.sha256}, expected ${req.sha256}. The download was discarded and nothing was installed.`,
      );
    }
    if (!extract.streamed) await run(extract.command, extract.args);
    else if (got.tarError)
      throw new ActionError('Extraction failed', `${req.file} matched its SHA-256 but tar could not extract it: ${got.tarError}`);
    const mb = (got.bytes / 1048576).toFixed(1);
    log.info(`Verified SHA-256 ${got.sha256} of ${req.file} (${mb} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s)`);

    const tree = join(staging, 'go');
    if (!existsSync(join(tree, 'bin'))) {
      throw new ActionError('Unexpected archive layout', `${req.file} has no go/bin directory: not a Go release archive.`);
    }
    const record: InstallRecord = { version: req.version, file: req.file, url: req.url, sha256: req.sha256 };
    await place(req.slot, tree, staging, record);
    placed = true;
    return record;
  } finally {
    process.off('SIGTERM', onKill).off('SIGINT', onKill);
    await rm(staging, { recursive: true, force: true });
    if (!placed) for (const dir of created) await rmdir(dir).catch(() => undefined);
  }
}

/** The tar processes extracting right now: a kill signal stops them before removing staging. */
const extracting = new Set<ChildProcess>();

interface Download {
  sha256: string;
  bytes: number;
  tarError?: string;
}

async function downloadOnce(
  client: HttpClient,
  url: string,
  extract: ReturnType<typeof extractCommand>,
  staging: string,
  stallMs: number,
): Promise<Download> {
  const res = await getStream(client, url);
  // A stall ends the response, so the loop below fails like a dropped one.
  const watch = new StallWatch(stallMs, () => res.destroy());
  const declared = Number(res.headers['content-length'] ?? NaN);
  const hash = createHash('sha256');
  let bytes = 0;

  let sink: Writable;
  let finished: Promise<string | undefined>;
  if (extract.streamed) {
    const tar = spawn(extract.command, extract.args, { stdio: ['pipe', 'ignore', 'pipe'] });
    extracting.add(tar);
    tar.on('close', () => extracting.delete(tar));
    let stderr = '';
    tar.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    tar.stdin.on('error', () => undefined); // EPIPE when tar gave up: the hash decides what happened
    finished = new Promise((resolve) => {
      tar.on('error', (e) => resolve(e.message));
      tar.on('close', (code) => resolve(code === 0 ? undefined : stderr.trim() || `tar exited with ${code}`));
    });
    sink = tar.stdin;
  } else {
    sink = createWriteStream(join(staging, 'archive.zip'));
    finished = once(sink, 'close').then(() => undefined);
  }

  let alive = true;
  finished.then(
    () => (alive = false),
    () => (alive = false),
  );
  try {
    for await (const chunk of res) {
      watch.progress((chunk as Buffer).length);
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
      // Keep hashing after tar quit, so a tampered archive is reported as a hash mismatch.
      // A drain wait rejects with EPIPE when tar dies under it: tar's own exit then ends the wait.
      if (alive && !sink.write(chunk)) await Promise.race([once(sink, 'drain').catch(() => finished), finished]);
    }
  } catch (e) {
    sink.destroy();
    await finished;
    throw new NetworkError(`download ended after ${bytes} bytes: ${watch.stalled ?? (e as Error).message}`);
  } finally {
    watch.stop();
  }
  if (watch.stalled) throw new NetworkError(`download ended after ${bytes} bytes: ${watch.stalled}`);
  sink.end();
  const tarError = await finished;
  if (Number.isFinite(declared) && bytes !== declared) {
    throw new NetworkError(`download ended after ${bytes} of ${declared} bytes`);
  }
  return { sha256: hash.digest('hex'), bytes, tarError };
}

/**
 * Puts the verified tree into its slot. What the slot held (a preinstalled tree that failed its
 * check, or an install recorded for other bytes, with its record) is moved aside first and replaced
 * as a whole: if anything fails it is moved back, so the slot holds either what it held or the
 * verified tree with its record, never a mix. A marker already there stays: while the directory is
 * aside it marks nothing, and neither this action nor setup-go takes a marker without its directory
 * for an install.
 */
async function place(slot: ToolCacheSlot, tree: string, staging: string, record: InstallRecord): Promise<void> {
  await mkdir(dirname(slot.dir), { recursive: true });
  const exists = (p: string) =>
    lstat(p).then(
      () => true,
      () => false,
    );
  const aside = { dir: join(staging, 'replaced'), record: join(staging, 'replaced.json') };
  const had = { dir: await exists(slot.dir), record: await exists(slot.record) };
  if (had.record) await rename(slot.record, aside.record);
  if (had.dir) await rename(slot.dir, aside.dir);
  try {
    await rename(tree, slot.dir);
    await writeFile(`${slot.record}.tmp`, JSON.stringify(record, null, 2) + '\n');
    await rename(`${slot.record}.tmp`, slot.record);
    await writeFile(slot.marker, '');
  } catch (e) {
    await rm(`${slot.record}.tmp`, { force: true });
    await rm(slot.record, { force: true });
    await rm(slot.dir, { recursive: true, force: true });
    if (!had.dir) await rm(slot.marker, { force: true });
    if (had.dir) await rename(aside.dir, slot.dir).catch(() => undefined);
    if (had.record) await rename(aside.record, slot.record).catch(() => undefined);
    throw e;
  }
}

/** Directories between the tool cache root and the slot that do not exist yet, deepest first. */
function missingParents(dir: string, root: string): string[] {
  const out: string[] = [];
  for (let d = dirname(dir); d.length > root.length && !existsSync(d); d = dirname(d)) out.push(d);
  return out;
}

async function run(command: string, args: string[]): Promise<void> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'close')) as [number];
  if (code !== 0) throw new ActionError('Extraction failed', `${command} ${args.join(' ')} failed: ${stderr.trim()}`);
}
