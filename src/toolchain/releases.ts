// The release index (`<base>/?mode=json&include=all`): fetch, then validate before any use.
import type { HttpClient } from '@actions/http-client';
import { ActionError } from '../errors.js';
import { getStream, withRetries } from '../http.js';
import { goNameToSemver } from './version.js';

export interface ReleaseFile {
  filename: string;
  os: string;
  arch: string;
  sha256: string;
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

export function indexUrl(base: string): string {
  return `${base}/?mode=json&include=all`;
}

const FILE_NAME = /^[\w.+-]+$/;
const HASH = /^[0-9a-f]{64}$/;
const WORD = /^[a-z0-9]+$/;

/** Checks the shape of every release and archive entry; one bad field rejects the whole index. */
export function validateIndex(json: unknown, url: string): Release[] {
  const bad = (where: string, what: string): never => {
    throw new ActionError('Invalid release index', `The release index at ${url} is malformed: ${where} ${what}.`);
  };
  if (!Array.isArray(json)) bad('the document', 'is not a JSON array of releases');
  return (json as unknown[]).map((r, i) => {
    const at = `releases[${i}]`;
    if (typeof r !== 'object' || r === null) return bad(at, 'is not an object');
    const { version: name, stable, files } = r as Record<string, unknown>;
    const version = typeof name === 'string' ? goNameToSemver(name) : undefined;
    if (!version) return bad(`${at}.version`, `is not a Go release name (${JSON.stringify(name)})`);
    if (typeof stable !== 'boolean') bad(`${at}.stable`, 'is not a boolean');
    if (!Array.isArray(files)) return bad(`${at}.files`, 'is not an array');
    const checked = files.map((f: unknown, j: number): ReleaseFile => {
      const fat = `${at}.files[${j}]`;
      if (typeof f !== 'object' || f === null) return bad(fat, 'is not an object');
      const { filename, os, arch, sha256, kind } = f as Record<string, unknown>;
      if (typeof filename !== 'string' || !FILE_NAME.test(filename)) bad(`${fat}.filename`, 'is not a plain file name');
      if (typeof kind !== 'string') bad(`${fat}.kind`, 'is missing');
      if (kind === 'archive') {
        if (typeof os !== 'string' || !WORD.test(os)) bad(`${fat}.os`, 'is not an OS name');
        if (typeof arch !== 'string' || !WORD.test(arch)) bad(`${fat}.arch`, 'is not an architecture name');
        if (typeof sha256 !== 'string' || !HASH.test(sha256)) bad(`${fat}.sha256`, 'is not a lowercase SHA-256');
      }
      return { filename, os, arch, sha256, kind } as ReleaseFile;
    });
    return { name: name as string, version, stable: stable as boolean, files: checked };
  });
}

export async function fetchIndex(client: HttpClient, base: string, warn: (m: string) => void): Promise<Release[]> {
  const url = indexUrl(base);
  let text: string;
  try {
    text = await withRetries(`release index ${url}`, async () => await readAll(await getStream(client, url)), warn);
  } catch (e) {
    throw new ActionError(
      'Release index unavailable',
      `Could not read the Go release index at ${url}: ${(e as Error).message}. Check go-download-base-url, or pin an exact go-version with go-sha256 so that no index is needed.`,
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
  return validateIndex(json, url);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
