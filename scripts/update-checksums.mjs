#!/usr/bin/env node
// Maintains src/toolchain/checksums.json, the official archive hashes shipped with the action, and
// the toolchain module hashes that vouch for Go trees already in a runner's tool cache.
//
//   node scripts/update-checksums.mjs --seed FILE   rebuild the archive table from a provenance file
//                                                   (the format of shared/data/go-archive-sha256.json);
//                                                   module hashes and their sources are kept
//   node scripts/update-checksums.mjs [--index URL] [--sumdb URL]
//                                                   merge a go.dev release index (default
//                                                   https://go.dev/dl/?mode=json&include=all), then
//                                                   look up the toolchain modules of its stable releases
//                                                   in Go's checksum database (default
//                                                   https://sum.golang.org)
//
// A merge only adds what the table does not know. A file the table knows with another hash stops
// the script with exit code 1: a published hash never changes, so that is an incident, not an update.
// Module hashes: every stable release from 1.21.0 (the first published as the module
// golang.org/toolchain) on the platforms of GitHub's hosted runners is looked up when the table
// lacks it, or holds it only from another source (seeded); the checksum database must then agree,
// or the run fails the same way.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const tablePath = fileURLToPath(new URL('../src/toolchain/checksums.json', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const HASH = /^[0-9a-f]{64}$/;
const NAME = /^go\d+\.\d+(\.\d+)?\.[a-z0-9]+-[a-z0-9]+\.(tar\.gz|zip)$/;
const H1 = /^h1:[A-Za-z0-9+/]{43}=$/;
const STABLE = /^go(\d+)\.(\d+)(?:\.(\d+))?$/;
// The hosted runners' platforms: where a preinstalled Go tree can be met.
const RUNNER_PLATFORMS = ['linux-amd64', 'linux-arm64', 'darwin-amd64', 'darwin-arm64', 'windows-amd64', 'windows-arm64'];
const MODULES_NOTE =
  'h1 hashes of the module golang.org/toolchain@v0.0.1-go<version>.<goos>-<goarch>, the form in which every ' +
  'Go release from 1.21.0 is also published: Hash1 of golang.org/x/mod/sumdb/dirhash over the module zip, which ' +
  "holds the binary archive's go/ tree without api/, doc/, misc/ and test/, every go.mod renamed _go.mod. " +
  'They vouch, file by file, for a Go tree already in the tool cache. "sum.golang.org lookup <date>" marks ' +
  "hashes read from Go's checksum database by scripts/update-checksums.mjs; other sources are keys of the " +
  'top-level "sources" (public files that quote the database\'s lines).';
const today = () => new Date().toISOString().slice(0, 10);

function sortedFiles(files) {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b, 'en')));
}

function seed(file, current) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const keyByRepo = {};
  const sources = {};
  for (const [key, s] of Object.entries(data.sources)) {
    keyByRepo[s.repo] ??= key;
    sources[key] = { repo: s.repo, path: s.path, head: s.head, head_date: s.head_date };
  }
  // The module hashes do not come from the provenance file: keep them and the sources they name.
  const modules = current.modules ?? {};
  for (const [key, s] of Object.entries(current.sources ?? {}))
    if (Object.values(modules).some((m) => m.sources.includes(key))) sources[key] ??= s;
  const files = {};
  for (const [name, e] of Object.entries(data.entries)) {
    if (e.kind !== 'archive' || !HASH.test(e.sha256 ?? '')) continue; // conflicts carry no sha256
    const keys = [...new Set(e.sources.map((s) => keyByRepo[s.split(' ')[0]] ?? s.split(' ')[0]))];
    files[name] = { sha256: e.sha256, sources: keys };
    if (e.provisional) files[name].provisional = true;
  }
  return {
    generated: data.generated,
    note:
      'Official SHA-256 of Go release archives (kind=archive). Seeded from a provenance file whose every ' +
      'hash was read from public manifests pinning https://go.dev/dl/<file>; "sources" name the manifests ' +
      '(keys of the top-level "sources"), "go.dev index <date>" marks hashes merged from the release ' +
      'index by scripts/update-checksums.mjs. "provisional" entries rest on unattributed copies only.',
    modules_note: MODULES_NOTE,
    sources,
    files: sortedFiles(files),
    modules,
  };
}

async function merge(table, indexUrl) {
  const res = await fetch(indexUrl);
  if (!res.ok) throw new Error(`${indexUrl}: HTTP ${res.status}`);
  const releases = await res.json();
  if (!Array.isArray(releases)) throw new Error(`${indexUrl}: not a release list`);
  const stamp = `go.dev index ${new Date().toISOString().slice(0, 10)}`;
  const added = [];
  const conflicts = [];
  for (const r of releases) {
    for (const f of r.files ?? []) {
      if (f.kind !== 'archive' || !NAME.test(f.filename) || !HASH.test(f.sha256)) continue;
      if (!r.stable) continue;
      const known = table.files[f.filename];
      if (!known) {
        table.files[f.filename] = { sha256: f.sha256, sources: [stamp] };
        added.push(f.filename);
      } else if (known.sha256 !== f.sha256) {
        conflicts.push(`${f.filename}: table ${known.sha256}, index ${f.sha256}`);
      } else if (known.provisional) {
        delete known.provisional; // confirmed by the index itself
        known.sources.push(stamp);
      }
    }
  }
  if (conflicts.length) throw new Error(`index disagrees with the table:\n${conflicts.join('\n')}`);
  table.files = sortedFiles(table.files);
  console.log(`added ${added.length} archive hashes${added.length ? `: ${added.slice(0, 10).join(', ')}…` : ''}`);
  return releases;
}

/** The toolchain module versions of the index's stable releases >= 1.21.0 on the runner platforms it has archives for. */
function moduleVersions(releases) {
  const out = [];
  for (const r of releases) {
    const m = STABLE.exec(r.version ?? '');
    if (!r.stable || !m || Number(m[1]) * 1000 + Number(m[2]) < 1021) continue;
    for (const f of r.files ?? []) {
      const platform = `${f.os}-${f.arch}`;
      if (f.kind === 'archive' && RUNNER_PLATFORMS.includes(platform)) out.push(`v0.0.1-${r.version}.${platform}`);
    }
  }
  return [...new Set(out)];
}

/**
 * The h1 the checksum database records for golang.org/toolchain@<version>, or undefined when it knows
 * no such version. The lookup answers the record id, the go.sum lines and a signed tree head.
 */
async function lookupModule(sumdb, version) {
  const url = `${sumdb}/lookup/golang.org/toolchain@${version}`;
  const res = await fetch(url);
  if (res.status === 404 || res.status === 410) return undefined;
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const text = await res.text();
  const line = text.split('\n').find((l) => l.startsWith(`golang.org/toolchain ${version} `));
  const h1 = line?.split(' ')[2];
  if (!h1 || !H1.test(h1)) throw new Error(`${url}: no h1 line for golang.org/toolchain ${version} in the answer`);
  return h1;
}

async function mergeModules(table, releases, sumdb) {
  table.modules ??= {};
  table.modules_note = MODULES_NOTE;
  const stamp = `sum.golang.org lookup ${today()}`;
  const fromDb = (e) => e.sources.some((s) => s.startsWith('sum.golang.org lookup'));
  const todo = moduleVersions(releases).filter((v) => !table.modules[v] || !fromDb(table.modules[v]));
  const added = [];
  const confirmed = [];
  const conflicts = [];
  const unknown = [];
  // A few lookups at once: the database is a public service, and a weekly run has few to do.
  for (let i = 0; i < todo.length; i += 4) {
    const batch = todo.slice(i, i + 4);
    const hashes = await Promise.all(batch.map((v) => lookupModule(sumdb, v)));
    batch.forEach((v, j) => {
      const h1 = hashes[j];
      const known = table.modules[v];
      if (!h1) unknown.push(v);
      else if (!known) {
        table.modules[v] = { h1, sources: [stamp] };
        added.push(v);
      } else if (known.h1 !== h1) conflicts.push(`${v}: table ${known.h1}, checksum database ${h1}`);
      else {
        known.sources.push(stamp);
        confirmed.push(v);
      }
    });
  }
  if (conflicts.length) throw new Error(`the checksum database disagrees with the table:\n${conflicts.join('\n')}`);
  table.modules = sortedFiles(table.modules);
  if (unknown.length) console.log(`not in the checksum database (left out): ${unknown.join(', ')}`);
  console.log(
    `added ${added.length} toolchain module hashes${added.length ? `: ${added.slice(0, 10).join(', ')}…` : ''}; ` +
      `confirmed ${confirmed.length} seeded ones`,
  );
}

const seedFile = flag('--seed');
const table = JSON.parse(readFileSync(tablePath, 'utf8'));
let written = table;
if (seedFile) written = seed(seedFile, table);
else {
  const releases = await merge(table, flag('--index') ?? 'https://go.dev/dl/?mode=json&include=all');
  await mergeModules(table, releases, flag('--sumdb') ?? 'https://sum.golang.org');
}
// One line an entry keeps the table diffable and small; the script is its only writer.
const { files, modules = {}, ...head } = written;
const section = (entries) => Object.entries(entries).map(([name, e]) => `  ${JSON.stringify(name)}: ${JSON.stringify(e)}`);
const headText = JSON.stringify(head, null, 1).slice(0, -2);
writeFileSync(
  tablePath,
  `${headText},\n "files": {\n${section(files).join(',\n')}\n },\n "modules": {\n${section(modules).join(',\n')}\n }\n}\n`,
);
console.log(`${tablePath}: ${Object.keys(files).length} files, ${Object.keys(modules).length} toolchain modules`);
