// The sha256sum format, read and written in one place: the go-sha256 input and the SHA256SUMS of
// shards are both read with it, and every SHA256SUMS the action writes comes from it. Pure.
import type { Problem } from './problem.js';

export interface SumLine {
  /** Lowercase hex. */
  sha256: string;
  name: string;
  line: string;
}

/**
 * `HASH  NAME` (text mode) or `HASH *NAME` (binary mode) per line, as sha256sum prints them; any
 * run of blanks between hash and name is taken, as hand-written pins have it. Blank lines and
 * `#` comments are skipped. Names are returned as written: each caller says which names it takes.
 */
export function parseSha256sums(text: string): SumLine[] | Problem {
  const out: SumLine[] = [];
  for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([0-9a-fA-F]{64})\s+\*?(.+)$/.exec(line);
    if (!m) return { problem: `line "${line}" is not "HASH  NAME"` };
    out.push({ sha256: m[1].toLowerCase(), name: m[2], line });
  }
  return out;
}

/** sha256sum's text format, sorted by name so the file is reproducible. */
export function formatSha256sums(entries: { name: string; sha256: string }[]): string {
  return [...entries]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((a) => `${a.sha256}  ${a.name}\n`)
    .join('');
}
