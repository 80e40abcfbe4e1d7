// The runner's tool cache, laid out as setup-go lays it out: `<cache>/go/<semver>/<arch>` holds the
// extracted `go/` tree, `<arch>.complete` marks it done. Beside them, `<arch>.go-crossbuild.json`
// records the SHA-256 the archive was verified against: without a matching record a directory is
// never used, whoever put it there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import semver from 'semver';

export interface InstallRecord {
  version: string;
  file: string;
  url: string;
  sha256: string;
}

export interface ToolCacheSlot {
  dir: string;
  record: string;
  marker: string;
}

export function slot(toolCache: string, version: string, arch: string): ToolCacheSlot {
  const base = join(toolCache, 'go', version);
  return { dir: join(base, arch), record: join(base, `${arch}.go-crossbuild.json`), marker: join(base, `${arch}.complete`) };
}

export function readRecord(s: ToolCacheSlot): InstallRecord | undefined {
  try {
    return JSON.parse(readFileSync(s.record, 'utf8')) as InstallRecord;
  } catch {
    return undefined;
  }
}

/** The verified install for `sha256`, or undefined. */
export function verifiedInstall(s: ToolCacheSlot, sha256: string, exe: string): InstallRecord | undefined {
  const rec = readRecord(s);
  if (!rec || rec.sha256 !== sha256 || !existsSync(s.marker) || !existsSync(join(s.dir, 'bin', exe))) return undefined;
  return rec;
}

/** Versions (semver) installed and recorded by this action for an arch: candidates for a range. */
export function recordedVersions(toolCache: string, arch: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(toolCache, 'go'));
  } catch {
    return [];
  }
  return names.filter((v) => semver.valid(v) && readRecord(slot(toolCache, v, arch)) !== undefined);
}

/** Removes an install and its record and marker (the marker first, so a half-removed slot is never complete). */
export async function removeSlot(s: ToolCacheSlot): Promise<void> {
  await rm(s.marker, { force: true });
  await rm(s.record, { force: true });
  await rm(s.dir, { recursive: true, force: true });
  // Leave no empty go/<version> or go/ behind; rmdir fails harmlessly when another install is there.
  for (const d of [dirname(s.dir), dirname(dirname(s.dir))]) await rmdir(d).catch(() => undefined);
}
