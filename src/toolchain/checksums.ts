// The official archive hashes shipped with the action (checksums.json, maintained by
// scripts/update-checksums.mjs). Bundled, so a lying mirror cannot change them.
import table from './checksums.json' with { type: 'json' };

interface Entry {
  sha256: string;
  sources: string[];
  provisional?: boolean;
}

const files = table.files as Record<string, Entry>;

export interface OfficialHash {
  sha256: string;
  /** Only unattributed copies vouch for it (see checksums.json's note). */
  provisional: boolean;
}

export function officialHash(fileName: string): OfficialHash | undefined {
  const e = Object.hasOwn(files, fileName) ? files[fileName] : undefined;
  return e && { sha256: e.sha256, provisional: e.provisional === true };
}
