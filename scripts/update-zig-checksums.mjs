#!/usr/bin/env node
// Maintains src/cc/zig-checksums.json, the official zig archive hashes shipped with the action.
//
//   node scripts/update-zig-checksums.mjs [--index URL]   merge zig's download index (default
//                                                        https://ziglang.org/download/index.json)
//
// Only releases are merged (not `master`), and only what the table does not know. A file the table
// knows with another hash stops the script with exit code 1: a published hash never changes, so
// that is an incident for review, not an update.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const tablePath = fileURLToPath(new URL('../src/cc/zig-checksums.json', import.meta.url));
const args = process.argv.slice(2);
const i = args.indexOf('--index');
const indexUrl = i === -1 ? 'https://ziglang.org/download/index.json' : args[i + 1];
const HASH = /^[0-9a-f]{64}$/;
const RELEASE = /^\d+\.\d+\.\d+$/;
const NAME = /^zig-[a-z0-9_]+-[a-z0-9_]+-\d+\.\d+\.\d+\.(tar\.xz|zip)$/;

const table = JSON.parse(readFileSync(tablePath, 'utf8'));
const res = await fetch(indexUrl);
if (!res.ok) throw new Error(`${indexUrl}: HTTP ${res.status}`);
const index = await res.json();
const source = `ziglang.org/download/index.json ${new Date().toISOString().slice(0, 10)}`;
let added = 0;
const conflicts = [];
for (const [version, release] of Object.entries(index)) {
  if (!RELEASE.test(version)) continue;
  for (const [host, entry] of Object.entries(release)) {
    if (typeof entry !== 'object' || !entry || typeof entry.tarball !== 'string') continue;
    const file = entry.tarball.split('/').pop();
    if (!NAME.test(file) || !HASH.test(entry.shasum ?? '')) continue;
    const known = table.files[file];
    if (known) {
      if (known.sha256 !== entry.shasum) conflicts.push(`${file}: table ${known.sha256}, index ${entry.shasum}`);
      continue;
    }
    table.files[file] = { version, host, sha256: entry.shasum, size: Number(entry.size), sources: [source] };
    added++;
  }
}
if (conflicts.length) {
  console.error(`update-zig-checksums: the index disagrees with the table:\n${conflicts.join('\n')}`);
  process.exit(1);
}
writeFileSync(tablePath, JSON.stringify(table, null, 1) + '\n');
console.log(`update-zig-checksums: ${added} archives added from ${indexUrl}`);
