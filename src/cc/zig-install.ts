// The managed zig: a verified install in the tool cache (`<cache>/zig/<version>/<arch>`), reused by
// later jobs on the same runner when its recorded SHA-256 is the expected one. A fresh install is
// the Go installer's one pass (download → SHA-256 → extract into staging → rename), with the
// minisign signature checked before anything is placed, then `zig version` must name the pin.
import type { HttpClient } from '@actions/http-client';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ActionError } from '../errors.js';
import { getStream, HttpStatusError, newHttpClient, stallTimeoutMs, withRetries, attemptsOf } from '../lib/http.js';
import type { Log } from '../lib/log.js';
import { run } from '../lib/process.js';
import { install } from '../toolchain/install.js';
import { toolCacheArch, type Platform } from '../toolchain/platform.js';
import { readRecord, removeSlot, slot } from '../toolchain/tool-cache.js';
import { parsePublicKey, parseSignature, signatureProblem, type Signature } from './minisign.js';
import { topDirectory, type ZigArchive, type ZigSpec } from './zig-release.js';

export interface Zig {
  version: string;
  /** The zig executable. */
  zig: string;
  file: string;
  url: string;
  sha256: string;
  source: ZigArchive['source'];
  /** How the minisign signature went: checked, not served, or (a tool-cache hit) checked when installed. */
  signature: 'verified' | 'not served' | 'at install';
  fromToolCache: boolean;
}

export interface ZigContext {
  toolCache: string;
  env: NodeJS.ProcessEnv;
  log: Log;
  host: Platform;
}

/** A signature file is a few hundred bytes: anything larger is not one. */
const MAX_SIGNATURE_BYTES = 4096;

export async function installZig(archive: ZigArchive, spec: ZigSpec, ctx: ZigContext): Promise<Zig> {
  const exe = ctx.host.goos === 'windows' ? 'zig.exe' : 'zig';
  const s = slot(ctx.toolCache, archive.version, toolCacheArch(ctx.host.goarch), 'zig');
  const zig = join(s.dir, exe);
  const base = { version: archive.version, zig, file: archive.file, sha256: archive.sha256, source: archive.source };
  const record = readRecord(s);
  if (record?.sha256 === archive.sha256 && existsSync(s.marker) && existsSync(zig)) {
    ctx.log.info(`Using zig ${archive.version} from the tool cache (${s.dir}), verified SHA-256 ${archive.sha256}`);
    await selfCheck(zig, archive.version, ctx.env);
    return { ...base, url: record.url, signature: 'at install', fromToolCache: true };
  }
  const client = newHttpClient(stallTimeoutMs(ctx.env));
  const signature = await fetchSignature(client, archive, spec, ctx.log);
  const key = parsePublicKey(spec.publicKey);
  if ('problem' in key) throw new ActionError('zig public key', key.problem); // checked with the inputs
  const installed = await install(
    client,
    {
      url: archive.url,
      file: archive.file,
      version: archive.version,
      sha256: archive.sha256,
      tool: { label: `zig ${archive.version}`, topDir: topDirectory(archive.file), entry: exe, urlInput: 'zig-download-base-url' },
      check: signature
        ? async (blake2b) => {
            const problem = signatureProblem(signature, key, blake2b, archive.file);
            if (problem)
              throw new ActionError(
                'zig signature mismatch',
                `${archive.file} from ${archive.url} matched its SHA-256, but its minisign signature does not vouch for it: ${problem.problem}. Nothing was installed.`,
              );
            ctx.log.info(`Verified the minisign signature of ${archive.file} (key ${key.keyId}): ${signature.trustedComment}`);
          }
        : undefined,
      toolCache: ctx.toolCache,
      slot: s,
      platform: `${ctx.host.goos}/${ctx.host.goarch}`,
      stallMs: stallTimeoutMs(ctx.env),
    },
    ctx.log,
  );
  try {
    await selfCheck(zig, archive.version, ctx.env);
  } catch (e) {
    await removeSlot(s);
    throw e;
  }
  return { ...base, url: installed.url, signature: signature ? 'verified' : 'not served', fromToolCache: false };
}

/**
 * `<archive>.minisig`, parsed; undefined when the site serves none (HTTP 404) and no key was
 * pinned. Any other failure stops the install: a signature that cannot be read is not skipped.
 */
async function fetchSignature(client: HttpClient, archive: ZigArchive, spec: ZigSpec, log: Log): Promise<Signature | undefined> {
  const url = `${archive.url}.minisig`;
  let text: string | undefined;
  try {
    text = await withRetries(`download of ${archive.file}.minisig`, () => readSmall(client, url), log.warning);
  } catch (e) {
    if (!(e instanceof HttpStatusError && e.status === 404)) {
      throw new ActionError(
        'zig signature unavailable',
        `Could not read ${url} (${attemptsOf(e)} attempt(s): ${(e as Error).message}). Nothing was installed.`,
      );
    }
  }
  if (text === undefined) {
    if (spec.signatureRequired)
      throw new ActionError(
        'zig signature missing',
        `zig-public-key is set, but ${url} is not served (HTTP 404): the signature it asks for cannot be checked. Nothing was installed.`,
      );
    log.info(`${url} is not served: ${archive.file} is verified by its SHA-256 (from ${archive.source}) alone.`);
    return undefined;
  }
  const sig = parseSignature(text);
  if ('problem' in sig) throw new ActionError('zig signature unreadable', `${url}: ${sig.problem}. Nothing was installed.`);
  return sig;
}

async function readSmall(client: HttpClient, url: string): Promise<string> {
  const res = await getStream(client, url);
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of res) {
    bytes += (chunk as Buffer).length;
    if (bytes > MAX_SIGNATURE_BYTES) {
      res.destroy();
      throw new ActionError('zig signature unreadable', `${url} is over ${MAX_SIGNATURE_BYTES} bytes: not a minisign signature.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The installed zig must run and say it is the pinned version. */
async function selfCheck(zig: string, version: string, env: NodeJS.ProcessEnv): Promise<void> {
  const out = await run(zig, ['version'], { env });
  const said = out.stdout.trim();
  if (!out.ok || said !== version)
    throw new ActionError(
      'zig mismatch',
      `The installed zig at ${zig} ${!out.ok ? `does not run (it ${out.failure}: ${out.stderr.trim()})` : `says it is ${said}, not ${version}`}.`,
    );
}
