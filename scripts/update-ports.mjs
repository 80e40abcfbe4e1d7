#!/usr/bin/env node
// Records `go tool dist list -json` of real toolchains in src/targets/ports.json, keyed by Go minor, so that
// plan mode can expand and check targets without installing Go. A minor the table lacks makes plan
// mode install the toolchain and ask it instead: the table only saves time, it never decides alone.
// Usage: node scripts/update-ports.mjs GOROOT...   (default: the toolchains the tests find)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findToolchains } from '../__tests__/support/index.ts';

const out = fileURLToPath(new URL('../src/targets/ports.json', import.meta.url));
const roots = process.argv.length > 2 ? process.argv.slice(2) : findToolchains().map((t) => t.goroot);
const table = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : { minors: {} };

for (const goroot of roots) {
  const env = { ...process.env, GOROOT: goroot, GOTOOLCHAIN: 'local', GOFLAGS: '' };
  const go = join(goroot, 'bin', 'go');
  const version = execFileSync(go, ['env', 'GOVERSION'], { env }).toString().trim();
  const minor = /^go(\d+\.\d+)/.exec(version)?.[1];
  if (!minor) throw new Error(`${goroot}: unexpected GOVERSION ${version}`);
  const ports = JSON.parse(execFileSync(go, ['tool', 'dist', 'list', '-json'], { env }).toString());
  // Ports of a minor do not change between its patch releases; the newest patch read is kept.
  table.minors[minor] = {
    readFrom: version,
    ports: ports.map((p) => ({
      GOOS: p.GOOS,
      GOARCH: p.GOARCH,
      CgoSupported: p.CgoSupported,
      FirstClass: p.FirstClass,
      ...(p.Broken ? { Broken: true } : {}),
    })),
  };
  console.log(`${version}: ${ports.length} ports`);
}
table.note = '`go tool dist list -json` per Go minor, read from real toolchains by scripts/update-ports.mjs.';
table.minors = Object.fromEntries(Object.entries(table.minors).sort(([a], [b]) => Number(a.split('.')[1]) - Number(b.split('.')[1])));
writeFileSync(out, JSON.stringify({ note: table.note, minors: table.minors }) + '\n');
console.log(`wrote ${out}`);
