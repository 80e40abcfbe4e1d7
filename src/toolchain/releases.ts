// The release index (`<base>/?mode=json&include=all`): fetch, then validate before any use.
import type { HttpClient } from '@actions/http-client';
import { ActionError } from '../errors.js';
import { attemptsOf, getStream, withRetries } from '../lib/http.js';
import type { Log } from '../lib/log.js';
import { goNameToSemver } from './version.js';

export interface ReleaseFile {
  filename: string;
  os: string;
  arch: string;
  /** Undefined when the index lists none (go.dev does so for releases before Go 1.6): never installable. */
  sha256?: string;
  kind: string;
}

export interface Release {
  /** Go's name, `go1.24.4`. */
  name: string;
  /** The same as semver, `1.24.4`. */
  version: string;
  stable: boolean;
  files: ReleaseFile[];
}

export interface ReleaseIndexRead {
  releases: Release[];
  /** Entries left out because they cannot be used, each with where and why. */
  ignored: string[];
}

export function indexUrl(base: string): string {
  return `${base}/?mode=json&include=all`;
}

const FILE_NAME = /^[\w.+-]+$/;
const HASH = /^[0-9a-f]{64}$/;
const WORD = /^[a-z0-9]+$/;

/**
 * Keeps the releases and files that can be used, and says which were left out. The live go.dev
 * index is not clean (releases before Go 1.6 list archives with empty hashes; a release is named
 * `go1`), so one odd entry must not reject the whole index. An archive without a valid hash is kept
 * without one: choosing it then fails closed, with the reason.
 */
export function validateIndex(json: unknown, url: string): ReleaseIndexRead {
  if (!Array.isArray(json)) {
    throw new ActionError(
      'Invalid release index',
      `The release index at ${url} is malformed: the document is not a JSON array of releases.`,
    );
  }
  const ignored: string[] = [];
  const releases: Release[] = [];
  json.forEach((r: unknown, i) => {
    const problem = releaseProblem(r);
    if (problem) {
      ignored.push(`releases[${i}]${problem}`);
      return;
    }
    const { version: name, stable, files } = r as { version: string; stable: boolean; files: unknown[] };
    const kept: ReleaseFile[] = [];
    files.forEach((f, j) => {
      const at = `releases[${i}].files[${j}]`;
      const bad = fileProblem(f);
      if (bad) {
        ignored.push(`${at} (${name}): ${bad}`);
        return;
      }
      const { filename, os, arch, sha256, kind } = f as Record<string, string>;
      const hash = HASH.test(sha256) ? sha256 : undefined;
      if (!hash && kind === 'archive') ignored.push(`${at} (${filename}): no SHA-256 listed`);
      kept.push({ filename, os, arch, sha256: hash, kind });
    });
    releases.push({ name, version: goNameToSemver(name) as string, stable, files: kept });
  });
  return { releases, ignored };
}

function releaseProblem(r: unknown): string | undefined {
  if (typeof r !== 'object' || r === null) return ': not an object';
  const { version: name, stable, files } = r as Record<string, unknown>;
  if (typeof name !== 'string' || !goNameToSemver(name)) return `: ${JSON.stringify(name)} is not a Go release name`;
  if (typeof stable !== 'boolean') return ` (${name}): stable is not a boolean`;
  if (!Array.isArray(files)) return ` (${name}): files is not an array`;
  return undefined;
}

function fileProblem(f: unknown): string | undefined {
  if (typeof f !== 'object' || f === null) return 'not an object';
  const { filename, os, arch, sha256, kind } = f as Record<string, unknown>;
  if (typeof filename !== 'string' || !FILE_NAME.test(filename)) return 'filename is not a plain file name';
  if (typeof kind !== 'string') return 'kind is missing';
  if (typeof sha256 !== 'string') return 'sha256 is not a string';
  if (kind !== 'archive') return typeof os === 'string' && typeof arch === 'string' ? undefined : 'os or arch is not a string';
  if (typeof os !== 'string' || !WORD.test(os)) return 'os is not an OS name';
  if (typeof arch !== 'string' || !WORD.test(arch)) return 'arch is not an architecture name';
  return undefined;
}

export async function fetchIndex(client: HttpClient, base: string, log: Log): Promise<Release[]> {
  const url = indexUrl(base);
  let text: string;
  try {
    text = await withRetries(`release index ${url}`, async () => await readAll(await getStream(client, url)), log.warning);
  } catch (e) {
    throw new ActionError(
      'Release index unavailable',
      `Could not read the Go release index at ${url} (${attemptsOf(e)} attempt${attemptsOf(e) > 1 ? 's' : ''}): ${(e as Error).message}. Check go-download-base-url, or pin an exact go-version with go-sha256 so that no index is needed.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ActionError(
      'Invalid release index',
      `The release index at ${url} is not JSON (starts with ${JSON.stringify(text.slice(0, 60))}).`,
    );
  }
  const { releases, ignored } = validateIndex(json, url);
  if (ignored.length) log.debug(`release index ${url}: ignored ${ignored.length} unusable entries: ${ignored.join('; ')}`);
  return releases;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
