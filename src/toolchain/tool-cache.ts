// The runner's tool cache, laid out as setup-go lays it out: `<cache>/go/<semver>/<arch>` holds the
// extracted `go/` tree, `<arch>.complete` marks it done. Beside them, `<arch>.go-crossbuild.json`
// records the SHA-256 the archive was verified against. A directory with a matching record is used
// as it is. One without any record (the runner image's, setup-go's) is "preinstalled": it is used
// only after its files hash to the release's toolchain module hash (preinstalled.ts), else the
// verified archive replaces it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { lstat, readlink, rm, rmdir } from 'node:fs/promises';
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

/** The slot of a Go release; `tool` names another tool's folder (`zig`). */
export function slot(toolCache: string, version: string, arch: string, tool = 'go'): ToolCacheSlot {
  const base = join(toolCache, tool, version);
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

/** A tree laid out as setup-go lays it out (marker, `bin/go`) with no record of this action's. */
export function isPreinstalled(s: ToolCacheSlot, exe: string): boolean {
  return !existsSync(s.record) && existsSync(s.marker) && existsSync(join(s.dir, 'bin', exe));
}

function versionDirs(toolCache: string): string[] {
  try {
    return readdirSync(join(toolCache, 'go')).filter((v) => semver.valid(v));
  } catch {
    return [];
  }
}

/** Versions (semver) installed and recorded by this action for an arch: candidates for a range. */
export function recordedVersions(toolCache: string, arch: string): string[] {
  return versionDirs(toolCache).filter((v) => readRecord(slot(toolCache, v, arch)) !== undefined);
}

/** Versions (semver) with a preinstalled tree for an arch: candidates for a range once a hash can verify them. */
export function preinstalledVersions(toolCache: string, arch: string, exe: string): string[] {
  return versionDirs(toolCache).filter((v) => isPreinstalled(slot(toolCache, v, arch), exe));
}

/** Removes an install and its record and marker (the marker first, so a half-removed slot is never complete). */
export async function removeSlot(s: ToolCacheSlot): Promise<void> {
  await rm(s.marker, { force: true });
  await rm(s.record, { force: true });
  // A slot that is a junction to D: (drive.ts): the tree there goes too, not only the link.
  const target = await lstat(s.dir).then(
    (st) => (st.isSymbolicLink() ? readlink(s.dir) : undefined),
    () => undefined,
  );
  await rm(s.dir, { recursive: true, force: true });
  if (target) await rm(target, { recursive: true, force: true });
  // Leave no empty go/<version> or go/ behind; rmdir fails harmlessly when another install is there.
  for (const d of [dirname(s.dir), dirname(dirname(s.dir))]) await rmdir(d).catch(() => undefined);
}
