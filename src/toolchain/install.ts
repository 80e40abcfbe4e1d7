// Download → SHA-256 → extract in one pass into a staging directory beside the tool cache; the tree
// is renamed into its tool-cache slot only after the hash (and any further check, such as zig's
// signature) matched, replacing what the slot held (a
// preinstalled tree that could not be verified). On any failure the staging directory, and any
// tool-cache directory this install created, are removed, and a replaced tree is put back.
import type { HttpClient } from '@actions/http-client';
import { createHash, type Hash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, rename, rm, rmdir, symlink, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join, parse } from 'node:path';
import { Writable } from 'node:stream';
import { ActionError } from '../errors.js';
import type { Log } from '../lib/log.js';
import { start, type Running } from '../lib/process.js';
import { attemptsOf, getStream, NetworkError, StallWatch, withRetries } from '../lib/http.js';
import { rebase } from './drive.js';
import type { InstallRecord, ToolCacheSlot } from './tool-cache.js';
import { extractZip } from './unzip.js';

/** What is installed: Go's archives (the default) or another tool's, such as zig's. */
export interface Tool {
  /** For messages: `Go 1.24.4`, `zig 0.15.2`. */
  label: string;
  /** The archive's one top directory (`go`), which becomes the slot. */
  topDir: string;
  /** A path inside it that the release always has (`bin`, `zig`). */
  entry: string;
  /** The input that names the download site, for errors. */
  urlInput: string;
}

/** A check of the downloaded bytes beyond their SHA-256, given their BLAKE2b-512; it throws to refuse them. */
export type ExtraCheck = (blake2b: Buffer) => Promise<void>;

export interface InstallRequest {
  url: string;
  file: string;
  version: string;
  sha256: string;
  tool: Tool;
  /** Runs after the SHA-256 matched and before anything is placed. */
  check?: ExtraCheck;
  toolCache: string;
  slot: ToolCacheSlot;
  /** The D: tool-cache root to install under, linked from the slot (./drive.ts); tried, not required. */
  fastRoot?: string;
  /** For messages: `linux/amd64`. */
  platform: string;
  /** No bytes for this long gives an attempt up. */
  stallMs: number;
}

/**
 * How to extract a verified archive. A tar.gz streams into `tar` while it downloads (and is hashed);
 * a zip needs its central directory, so it is kept in memory while hashed, then extracted in
 * process (./unzip.ts) once the hash matched.
 */
export type Extraction = { streamed: true; command: string; args: string[] } | { streamed: false };

export function extraction(archive: string, dest: string): Extraction {
  if (archive.endsWith('.zip')) return { streamed: false };
  // -o: do not restore the archive's owners (GNU tar as root would, bsdtar reads it the same way).
  return { streamed: true, command: 'tar', args: [archive.endsWith('.tar.xz') ? '-xJof' : '-xzof', '-', '-C', dest] };
}

export async function install(client: HttpClient, req: InstallRequest, log: Log): Promise<InstallRecord> {
  await mkdir(req.toolCache, { recursive: true });
  const created = missingParents(req.slot.dir, req.toolCache);
  const root = await installRoot(req, created, log);
  // The tree is extracted on the drive it will stay on, so that placing it is a rename.
  const staging = await mkdtemp(join(root, '.go-crossbuild-staging-'));
  const dir = root === req.toolCache ? req.slot.dir : rebase(req.slot.dir, req.toolCache, root);
  if (dir !== req.slot.dir) created.push(...missingParents(dir, root));
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
    const extract = extraction(req.file, staging);
    log.info(`Downloading ${req.url}`);
    const started = Date.now();
    const got = await withRetries(
      `download of ${req.file}`,
      async () => {
        await rm(join(staging, req.tool.topDir), { recursive: true, force: true });
        return downloadOnce(client, req.url, extract, req.stallMs, req.check !== undefined);
      },
      log.warning,
    ).catch((e: unknown) => {
      if (e instanceof ActionError) throw e;
      const n = attemptsOf(e);
      throw new ActionError(
        'Download failed',
        `Could not download ${req.tool.label} for ${req.platform} from ${req.url} (${n} attempt${n > 1 ? 's' : ''}): ${(e as Error).message}. Nothing was installed. Check ${req.tool.urlInput} and the runner's network.`,
      );
    });
    if (got.sha256 !== req.sha256) {
      throw new ActionError(
        'SHA-256 mismatch',
        `${req.file} from ${req.url} has SHA-256 ${got.sha256}, expected ${req.sha256}. The download was discarded and nothing was installed.`,
      );
    }
    if (req.check && got.blake2b) await req.check(got.blake2b);
    if (got.zip) await unzip(got.zip, staging, req.file);
    else if (got.tarError)
      throw new ActionError('Extraction failed', `${req.file} matched its SHA-256 but tar could not extract it: ${got.tarError}`);
    const mb = (got.bytes / 1048576).toFixed(1);
    log.info(`Verified SHA-256 ${got.sha256} of ${req.file} (${mb} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s)`);

    const tree = join(staging, req.tool.topDir);
    if (!existsSync(join(tree, req.tool.entry))) {
      throw new ActionError(
        'Unexpected archive layout',
        `${req.file} has no ${req.tool.topDir}/${req.tool.entry}: not a ${req.tool.label.split(' ')[0]} release archive.`,
      );
    }
    const record: InstallRecord = { version: req.version, file: req.file, url: req.url, sha256: req.sha256 };
    await place(req.slot, { tree, dir, staging, toolCache: req.toolCache }, record);
    if (dir !== req.slot.dir) log.info(`Installed on ${dir}, linked from ${req.slot.dir}`);
    placed = true;
    return record;
  } finally {
    process.off('SIGTERM', onKill).off('SIGINT', onKill);
    await rm(staging, { recursive: true, force: true });
    // Deepest first, across both drives: a parent goes only once it is empty.
    if (!placed) for (const dir of created.sort((a, b) => b.length - a.length)) await rmdir(dir).catch(() => undefined);
  }
}

/** The tar processes extracting right now: a kill signal stops them before removing staging. */
const extracting = new Set<Running>();

interface Download {
  sha256: string;
  /** Computed only when a check asks for it. */
  blake2b?: Buffer;
  bytes: number;
  tarError?: string;
  /** A zip's bytes, held for extraction once the hash matched. */
  zip?: Buffer;
}

async function downloadOnce(client: HttpClient, url: string, extract: Extraction, stallMs: number, blake2b: boolean): Promise<Download> {
  const res = await getStream(client, url);
  // A stall ends the response, so the loop below fails like a dropped one.
  const watch = new StallWatch(stallMs, () => res.destroy());
  const declared = Number(res.headers['content-length'] ?? NaN);
  const hash = createHash('sha256');
  const hashes: Hash[] = [hash, ...(blake2b ? [createHash('blake2b512')] : [])];
  let bytes = 0;

  let sink: Writable;
  let finished: Promise<string | undefined>;
  const held: Buffer[] = [];
  if (extract.streamed) {
    // Writes fail quietly once tar gave up (lib/process ignores the EPIPE): the hash decides what happened.
    const tar = start(extract.command, extract.args, { pipeStdin: true });
    extracting.add(tar);
    finished = tar.done.then((r) => {
      extracting.delete(tar);
      return r.ok ? undefined : r.stderr.trim() || `tar ${r.failure}`;
    });
    sink = tar.stdin!;
  } else {
    sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        held.push(chunk);
        done();
      },
    });
    finished = once(sink, 'finish').then(() => undefined);
  }

  let alive = true;
  finished.then(
    () => (alive = false),
    () => (alive = false),
  );
  try {
    for await (const chunk of res) {
      watch.progress((chunk as Buffer).length);
      for (const h of hashes) h.update(chunk as Buffer);
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
  return {
    sha256: hash.digest('hex'),
    blake2b: hashes[1]?.digest(),
    bytes,
    tarError,
    zip: extract.streamed ? undefined : Buffer.concat(held, bytes),
  };
}

/**
 * `req.fastRoot` (D:) when its drive is there and a junction from the tool cache to it works, else
 * the tool cache. A junction is tried, not assumed: a system may refuse or fake one (Wine does).
 * Directories made there join `created` when it is used, and are removed at once when it is not.
 */
async function installRoot(req: InstallRequest, created: string[], log: Log): Promise<string> {
  const fast = req.fastRoot;
  const drive = fast ? parse(fast).root : '';
  if (!fast || !existsSync(drive)) return req.toolCache;
  const made = missingParents(join(fast, 'probe'), drive);
  let probe: string | undefined;
  let link: string | undefined;
  let usable = false;
  try {
    await mkdir(fast, { recursive: true });
    probe = await mkdtemp(join(fast, '.go-crossbuild-probe-'));
    await writeFile(join(probe, 'probe'), '');
    link = rebase(probe, fast, req.toolCache);
    await symlink(probe, link, 'junction');
    if (!existsSync(join(link, 'probe'))) throw new Error('the junction does not lead there');
    usable = true;
  } catch (e) {
    log.info(
      `${drive} is there, but a junction from ${req.toolCache} to ${fast} could not be made (${(e as Error).message}): installing in ${req.toolCache}`,
    );
  } finally {
    if (link) await rm(link, { force: true }).catch(() => undefined);
    if (probe) await rm(probe, { recursive: true, force: true });
  }
  if (usable) created.push(...made);
  else for (const d of made) await rmdir(d).catch(() => undefined);
  return usable ? fast : req.toolCache;
}

/** Where the verified tree is and where it goes: `dir` is the slot itself, or its D: twin the slot links to. */
interface Placement {
  tree: string;
  dir: string;
  staging: string;
  toolCache: string;
}

/**
 * Puts the verified tree into its slot. What the slot held (a preinstalled tree that failed its
 * check, or an install recorded for other bytes, with its record; on D:, what the twin held) is
 * moved aside first, on its own drive, and replaced as a whole: if anything fails it is moved back,
 * so the slot holds either what it held or the verified tree with its record, never a mix. A marker
 * already there stays: while the directory is aside it marks nothing, and neither this action nor
 * setup-go takes a marker without its directory for an install.
 */
async function place(slot: ToolCacheSlot, p: Placement, record: InstallRecord): Promise<void> {
  const linked = p.dir !== slot.dir;
  await mkdir(dirname(slot.dir), { recursive: true });
  if (linked) await mkdir(dirname(p.dir), { recursive: true });
  const exists = (path: string) =>
    lstat(path).then(
      () => true,
      () => false,
    );
  // Renames cannot cross drives: with the tree on D:, the slot's old content goes aside on C:.
  const aside = linked ? await mkdtemp(join(p.toolCache, '.go-crossbuild-replaced-')) : p.staging;
  const moved: [from: string, to: string][] = [];
  const moveAside = async (from: string, to: string) => {
    if (!(await exists(from))) return;
    await rename(from, to);
    moved.push([from, to]);
  };
  try {
    await moveAside(slot.record, join(aside, 'replaced.json'));
    await moveAside(slot.dir, join(aside, 'replaced'));
    if (linked) await moveAside(p.dir, join(p.staging, 'replaced'));
    await rename(p.tree, p.dir);
    if (linked) await symlink(p.dir, slot.dir, 'junction');
    await writeFile(`${slot.record}.tmp`, JSON.stringify(record, null, 2) + '\n');
    await rename(`${slot.record}.tmp`, slot.record);
    await writeFile(slot.marker, '');
  } catch (e) {
    await rm(`${slot.record}.tmp`, { force: true });
    await rm(slot.record, { force: true });
    await rm(slot.dir, { recursive: true, force: true });
    if (linked) await rm(p.dir, { recursive: true, force: true });
    if (!moved.some(([from]) => from === slot.dir)) await rm(slot.marker, { force: true });
    for (const [from, to] of moved.reverse()) await rename(to, from).catch(() => undefined);
    throw e;
  } finally {
    if (linked) await rm(aside, { recursive: true, force: true });
  }
}

/** Directories between the tool cache root and the slot that do not exist yet, deepest first. */
function missingParents(dir: string, root: string): string[] {
  const out: string[] = [];
  for (let d = dirname(dir); d.length > root.length && !existsSync(d); d = dirname(d)) out.push(d);
  return out;
}

async function unzip(zip: Buffer, staging: string, name: string): Promise<void> {
  try {
    await extractZip(zip, staging);
  } catch (e) {
    throw new ActionError('Extraction failed', `${name} matched its SHA-256 but could not be extracted: ${(e as Error).message}`);
  }
}
