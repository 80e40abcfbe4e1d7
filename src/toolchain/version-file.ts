// Reads the Go version out of a version file's text. Pure: the caller reads the file.
import type { Problem } from '../lib/problem.js';
import { basename } from 'node:path';

export type VersionFileResult = { spec: string; line: string } | Problem;

/**
 * go.mod / go.work: the `toolchain goX.Y.Z` line wins, else the `go` line (`go 1.22` alone means the
 * newest 1.22.x); with `ignoreToolchain` (the job sets GOTOOLCHAIN=local, as setup-go reads it) the
 * `go` line. `.tool-versions`: the `golang` (asdf) or `go` (mise) line. Anything else
 * (`.go-version`): the first non-empty line.
 */
export function readVersionFile(path: string, text: string, ignoreToolchain = false): VersionFileResult {
  const name = basename(path);
  const lines = text.split(/\r?\n/).map((l) => l.replace(/\/\/.*$|#.*$/, '').trim());
  if (name === 'go.mod' || name === 'go.work') {
    const toolchain = directive(lines, 'toolchain');
    if (toolchain && toolchain !== 'default' && !ignoreToolchain) return { spec: toolchain, line: `toolchain ${toolchain}` };
    const go = directive(lines, 'go');
    if (go) return { spec: go, line: `go ${go}` };
    return { problem: `${name} has no "go" or "toolchain" line` };
  }
  if (name === '.tool-versions') {
    for (const l of lines) {
      const m = /^(golang|go)\s+(\S+)/.exec(l);
      if (m) {
        if (m[2] === 'system') return { problem: '.tool-versions says "system", which names no Go release' };
        return { spec: m[2], line: l };
      }
    }
    return { problem: '.tool-versions has no "golang" line' };
  }
  const first = lines.find((l) => l !== '');
  return first ? { spec: first, line: first } : { problem: 'the file is empty' };
}

function directive(lines: string[], word: string): string | undefined {
  for (const l of lines) {
    const m = new RegExp(`^${word}\\s+(\\S+)$`).exec(l);
    if (m) return m[1];
  }
  return undefined;
}
