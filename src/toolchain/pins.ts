// The `go-sha256` input: one hash, or `HASH  FILENAME` lines (sha256sum format). Pure.
import { parseSha256sums } from '../lib/sha256sums.js';

export type Pins = { kind: 'none' } | { kind: 'single'; sha256: string } | { kind: 'files'; byFile: Map<string, string> };

const HASH = /^[0-9a-fA-F]{64}$/;
const FILE = /^[\w.+-]+$/;

export function parsePins(text: string): Pins | { problem: string } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) return { kind: 'none' };
  if (lines.length === 1 && !/\s/.test(lines[0])) {
    if (!HASH.test(lines[0])) return { problem: `"${lines[0]}" is not a SHA-256 (64 hex digits)` };
    return { kind: 'single', sha256: lines[0].toLowerCase() };
  }
  const sums = parseSha256sums(text);
  if ('problem' in sums) return { problem: sums.problem.replace('"HASH  NAME"', '"HASH  FILENAME"') };
  const byFile = new Map<string, string>();
  for (const { sha256, name, line } of sums) {
    if (!FILE.test(name)) return { problem: `line "${line}" is not "HASH  FILENAME"` };
    const prev = byFile.get(name);
    if (prev && prev !== sha256) return { problem: `${name} is pinned to two different hashes` };
    byFile.set(name, sha256);
  }
  return { kind: 'files', byFile };
}

/** The pinned hash for one archive; `undefined` when nothing is pinned for it. */
export function pinnedHash(pins: Pins, fileName: string): string | undefined {
  if (pins.kind === 'single') return pins.sha256;
  if (pins.kind === 'files') return pins.byFile.get(fileName);
  return undefined;
}
