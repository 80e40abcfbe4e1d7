// A Go tree preinstalled in a runner's tool cache, as the runner images and setup-go lay it out
// (`<cache>/go/<semver>/<arch>` holding the archive's `go/` contents, and `<arch>.complete`), and
// its toolchain module hash. The hash is computed here on its own, from the definitions rather
// than from src/ (cmd/distpack's module contents, x/mod's dirhash.Hash1), so that the e2e tests do
// not check the action against itself.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Archive } from './toolchains.ts';

/** Extracts a toolchain archive into the tool cache's slot for `version`, with setup-go's marker. */
export function preinstall(toolCache: string, archive: Archive, version: string, arch = 'x64'): string {
  const base = join(toolCache, 'go', version);
  mkdirSync(base, { recursive: true });
  const staging = mkdtempSync(join(toolCache, 'preinstall-'));
  try {
    execFileSync('tar', ['-xzf', archive.path, '-C', staging]);
    renameSync(join(staging, 'go'), join(base, arch));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  writeFileSync(join(base, `${arch}.complete`), '');
  return join(base, arch);
}

/**
 * The h1 of `golang.org/toolchain@<moduleVersion>` if its zip held this tree: every file but those
 * under api/, doc/, misc/ and test/, named `golang.org/toolchain@<version>/<path>` with go.mod files
 * renamed _go.mod; SHA-256 of the lines "<hex>  <name>\n" in byte order of the names.
 */
export function toolchainModuleH1(goroot: string, moduleVersion: string): string {
  const lines: Buffer[] = [];
  const visit = (rel: string) => {
    for (const e of readdirSync(join(goroot, rel), { withFileTypes: true })) {
      const path = rel ? posix.join(rel, e.name) : e.name;
      if (['api', 'doc', 'misc', 'test'].includes(path.split('/')[0])) continue;
      if (e.isDirectory()) visit(path);
      else {
        const name = `golang.org/toolchain@${moduleVersion}/${path.replace(/(^|\/)go\.mod$/, '$1_go.mod')}`;
        const digest = createHash('sha256')
          .update(readFileSync(join(goroot, path)))
          .digest('hex');
        lines.push(Buffer.from(`${digest}  ${name}\n`));
      }
    }
  };
  visit('');
  // Each line starts with 64 hex digits and two spaces: ordering lines by their names' bytes.
  lines.sort((a, b) => Buffer.compare(a.subarray(66), b.subarray(66)));
  return `h1:${createHash('sha256').update(Buffer.concat(lines)).digest('base64')}`;
}
