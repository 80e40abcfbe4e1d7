// The official archive hashes, and the toolchain module hashes, shipped with the action
// (checksums.json, maintained by scripts/update-checksums.mjs). Bundled, so a lying mirror cannot
// change them.
import table from './checksums.json' with { type: 'json' };

interface Entry {
  sha256: string;
  sources: string[];
  provisional?: boolean;
}

interface ModuleEntry {
  h1: string;
  sources: string[];
}

const files = table.files as Record<string, Entry>;
const modules = table.modules as Record<string, ModuleEntry>;

export interface OfficialHash {
  sha256: string;
  /** Only unattributed copies vouch for it (see checksums.json's note). */
  provisional: boolean;
}

export function officialHash(fileName: string): OfficialHash | undefined {
  const e = Object.hasOwn(files, fileName) ? files[fileName] : undefined;
  return e && { sha256: e.sha256, provisional: e.provisional === true };
}

/** The h1 of a toolchain module version (`v0.0.1-go1.24.1.linux-amd64`), as Go's checksum database records it. */
export function officialModuleHash(moduleVersion: string): string | undefined {
  return Object.hasOwn(modules, moduleVersion) ? modules[moduleVersion].h1 : undefined;
}
