#!/usr/bin/env node
// Maintains src/toolchain/checksums.json, the official archive hashes shipped with the action.
//
//   node scripts/update-checksums.mjs --seed FILE   rebuild the table from a provenance file
//                                                   (the format of shared/data/go-archive-sha256.json)
//   node scripts/update-checksums.mjs [--index URL] merge a go.dev release index (default
//                                                   https://go.dev/dl/?mode=json&include=all)
//
// A merge only adds files the table does not know. A file the table knows with another hash stops
// the script with exit code 1: a published hash never changes, so that is an incident, not an update.
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

function sortedFiles(files) {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b, 'en')));
}

function seed(file) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const keyByRepo = {};
  const sources = {};
  for (const [key, s] of Object.entries(data.sources)) {
    keyByRepo[s.repo] ??= key;
    sources[key] = { repo: s.repo, path: s.path, head: s.head, head_date: s.head_date };
  }
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
    sources,
    files: sortedFiles(files),
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
  return table;
}

const seedFile = flag('--seed');
const table = seedFile
  ? seed(seedFile)
  : await merge(JSON.parse(readFileSync(tablePath, 'utf8')), flag('--index') ?? 'https://go.dev/dl/?mode=json&include=all');
// One line a file keeps the table diffable and small; the script is its only writer.
const { files, ...head } = table;
const lines = Object.entries(files).map(([name, e]) => `  ${JSON.stringify(name)}: ${JSON.stringify(e)}`);
const headText = JSON.stringify(head, null, 1).slice(0, -2);
writeFileSync(tablePath, `${headText},\n "files": {\n${lines.join(',\n')}\n }\n}\n`);
console.log(`${tablePath}: ${Object.keys(table.files).length} files`);
