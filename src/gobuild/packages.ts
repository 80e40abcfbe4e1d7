// Main packages and their binary names. Pure.
import { posix } from 'node:path';

/** The `module` path of a go.mod text. */
export function modulePath(goMod: string): string | undefined {
  return /^module\s+"?([^\s"]+)"?\s*(?:\/\/.*)?$/m.exec(goMod)?.[1];
}

/**
 * The name `go build` gives a package's binary: its last path element, skipping a major-version
 * suffix (`example.com/tool/v2` → `tool`); `.` is named after the module path.
 */
export function binaryNameOf(pkg: string, module: string | undefined): string | undefined {
  const full = pkg === '.' || pkg === './' ? module : pkg.startsWith('./') ? posix.normalize(pkg) : pkg;
  if (!full || full === '.') return undefined;
  const parts = full.split('/').filter((p) => p && p !== '.' && p !== '...');
  let last = parts.pop();
  if (last && /^v[2-9]\d*$/.test(last) && parts.length) last = parts.pop();
  return last;
}
