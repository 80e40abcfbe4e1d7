// The `go-sha256` input: one hash, or `HASH  FILENAME` lines (sha256sum format), for archives; and
// `golang.org/toolchain v0.0.1-go<ver>.<os>-<arch> h1:HASH` lines (go.sum and checksum database
// format) for Go trees already in the tool cache. Pure.
import type { Problem } from '../lib/problem.js';
import { parseSha256sums } from '../lib/sha256sums.js';
import { parseModuleSumLine, TOOLCHAIN_MODULE } from './module-hash.js';

export type ArchivePins = { kind: 'none' } | { kind: 'single'; sha256: string } | { kind: 'files'; byFile: Map<string, string> };

/** Archive pins, and the h1 hashes pinned by toolchain module version (absent when none is). */
export type Pins = ArchivePins & { modules?: Map<string, string> };

const HASH = /^[0-9a-fA-F]{64}$/;
const FILE = /^[\w.+-]+$/;

export function parsePins(text: string): Pins | Problem {
  const all = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  // Any line naming the toolchain module is one, so that a mistyped one is an error, not a file pin.
  const isModuleLine = (l: string) => l.startsWith(TOOLCHAIN_MODULE);
  const modules = parseModuleLines(all.filter(isModuleLine));
  if ('problem' in modules) return modules;
  const archives = parseArchiveLines(all.filter((l) => !isModuleLine(l)));
  if ('problem' in archives) return archives;
  return modules.size > 0 ? { ...archives, modules } : archives;
}

function parseModuleLines(lines: string[]): Map<string, string> | Problem {
  const byVersion = new Map<string, string>();
  for (const line of lines) {
    const m = parseModuleSumLine(line);
    if ('problem' in m) return m;
    if ('goMod' in m) continue; // the go.mod line the checksum database prints beside it: nothing to check
    const prev = byVersion.get(m.version);
    if (prev && prev !== m.h1) return { problem: `${TOOLCHAIN_MODULE} ${m.version} is pinned to two different hashes` };
    byVersion.set(m.version, m.h1);
  }
  return byVersion;
}

function parseArchiveLines(lines: string[]): ArchivePins | Problem {
  if (lines.length === 0) return { kind: 'none' };
  if (lines.length === 1 && !/\s/.test(lines[0])) {
    if (!HASH.test(lines[0])) return { problem: `"${lines[0]}" is not a SHA-256 (64 hex digits)` };
    return { kind: 'single', sha256: lines[0].toLowerCase() };
  }
  const sums = parseSha256sums(lines.join('\n'));
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

/** The pinned h1 of a toolchain module version (`v0.0.1-go1.24.1.linux-amd64`), if any. */
export function pinnedModuleHash(pins: Pins, moduleVersion: string): string | undefined {
  return pins.modules?.get(moduleVersion);
}
