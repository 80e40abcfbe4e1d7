// Merge mode's pure core: the shards' outputs (each an artifacts.json, a SHA256SUMS and the files
// themselves) checked against each other and combined into one set, or every problem found.
import type { Problem } from '../lib/problem.js';
import { parseSha256sums } from '../lib/sha256sums.js';
import type { Artifact } from './manifest.js';
import { checkable, mismatch, readHeader } from '../binaries/binary-format.js';
import { targetId, type Target } from '../targets/target.js';

export interface ShardOutput {
  /** Where the shard's files are, relative to output-dir: `shard-1`, or `.` for a flat layout. */
  dir: string;
  /** artifacts.json as parsed JSON, not yet trusted. */
  manifest: unknown;
  /** SHA256SUMS text. */
  sums: string | undefined;
  /**
   * The shard directory's files (not SHA256SUMS or artifacts.json) with their size, SHA-256 and
   * first bytes on disk (what the binary header check reads).
   */
  files: Map<string, { size: number; sha256: string; head?: Buffer }>;
}

export interface MergedArtifact {
  artifact: Artifact;
  /** The shard directory it came from. */
  from: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const FILE = /^[\w.+-]+$/;

/** A shard's SHA256SUMS: name → hash; a name listed twice or a path is a problem. */
export function parseSums(text: string): Map<string, string> | Problem {
  const lines = parseSha256sums(text);
  if ('problem' in lines) return lines;
  const out = new Map<string, string>();
  for (const { sha256, name, line } of lines) {
    if (/[/\\]/.test(name)) return { problem: `line "${line}" names a path, not a file` };
    if (out.has(name)) return { problem: `${name} is listed twice` };
    out.set(name, sha256);
  }
  return out;
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** The fields a shard writes, each with what an entry without it lacks. */
const ENTRY_CHECKS: [string, (e: Partial<Record<keyof Artifact, unknown>>) => boolean][] = [
  ['plain file name', (e) => isString(e.name) && FILE.test(e.name)],
  ['target', (e) => [e.target, e.goos, e.goarch, e.variant].every(isString)],
  [
    'target that is its goos/goarch[/variant][/musl]',
    (e) => e.target === [e.goos, e.goarch, e.variant, e.libc === 'musl' ? 'musl' : ''].filter((x) => x !== '').join('/'),
  ],
  ['SHA-256', (e) => isString(e.sha256) && HEX64.test(e.sha256)],
  ['size', (e) => typeof e.size === 'number'],
  ['Go version', (e) => isString(e.go)],
  ['binaries that are plain file names, each once (a bare binary: its own name)', (e) => binariesOk(e.binaries, e.archive, e.name)],
  ['SBOM that is a plain file with its format, size and SHA-256', (e) => e.sbom === undefined || isSbomFile(e.sbom)],
];

/** An entry's `binaries`: an archive's distinct entry names (no path), or a bare binary's own name. */
function binariesOk(v: unknown, archive: unknown, name: unknown): boolean {
  if (!Array.isArray(v) || v.length === 0 || !v.every(isString)) return false;
  if (!archive) return v.length === 1 && v[0] === name;
  return new Set(v).size === v.length && v.every((b) => /^[^/\\\0]+$/.test(b) && !/^\.+$/.test(b));
}

/** An entry's `sbom` as a shard writes it (artifacts/sbom-file.ts). */
function isSbomFile(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    isString(f.name) &&
    FILE.test(f.name) &&
    isString(f.sha256) &&
    HEX64.test(f.sha256) &&
    typeof f.size === 'number' &&
    (f.format === 'spdx' || f.format === 'cyclonedx')
  );
}

/** Why a file an entry lists (the artifact or its SBOM) is not what the shard recorded, or undefined. */
function fileProblem(
  recorded: { sha256: string; size: number },
  onDisk: { size: number; sha256: string } | undefined,
  summed: string | undefined,
): string | undefined {
  if (!onDisk) return 'listed in artifacts.json but missing';
  if (summed !== recorded.sha256) return `SHA256SUMS says ${summed ?? 'nothing'}, artifacts.json says ${recorded.sha256}`;
  if (onDisk.sha256 !== recorded.sha256)
    return `SHA-256 on disk is ${onDisk.sha256}, the shard recorded ${recorded.sha256} (altered after the build)`;
  if (onDisk.size !== recorded.size) return `${onDisk.size} bytes on disk, the shard recorded ${recorded.size}`;
  return undefined;
}

/** The manifest's entries if every one has the fields a shard writes, else what is wrong. */
function readManifest(json: unknown): Artifact[] | string {
  if (json === undefined) return 'no artifacts.json (not the output-dir of a go-crossbuild build)';
  if (!Array.isArray(json)) return 'artifacts.json is not a JSON array';
  for (const [i, a] of json.entries()) {
    if (typeof a !== 'object' || a === null) return `artifacts.json entry ${i} is not an object`;
    const e = a as Partial<Record<keyof Artifact, unknown>>;
    const missing = ENTRY_CHECKS.find(([, ok]) => !ok(e));
    if (missing) return `artifacts.json entry ${i} has no ${missing[0]}`;
  }
  return json as Artifact[];
}

/** Why a plain binary's header contradicts its entry's target, or undefined (archives are not read). */
function headerMismatch(a: Artifact, head: Buffer | undefined): string | undefined {
  if (a.archive || !head || !checkable(a.goos)) return undefined;
  const wrong = mismatch(readHeader(head), a.goos, a.goarch);
  return wrong && `its header contradicts target ${a.target} in artifacts.json: ${wrong}`;
}

/**
 * Checks every shard on its own (each listed file exists, has the size and hash its manifest and
 * its SHA256SUMS both give, and nothing else lies in the shard's directory), then across shards
 * (no artifact name or target twice, one Go version), then against the expected targets. Returns the merged list
 * in target order, or every problem.
 */
export function mergeShards(shards: ShardOutput[], expected?: Target[]): { artifacts: MergedArtifact[] } | { problems: string[] } {
  const problems: string[] = [];
  const merged: MergedArtifact[] = [];
  for (const s of shards) {
    const where = s.dir === '.' ? 'output-dir' : s.dir;
    const manifest = readManifest(s.manifest);
    if (typeof manifest === 'string') {
      problems.push(`${where}: ${manifest}`);
      continue;
    }
    const sums = s.sums === undefined ? { problem: 'no SHA256SUMS' } : parseSums(s.sums);
    if ('problem' in sums) {
      problems.push(`${where}: SHA256SUMS: ${sums.problem}`);
      continue;
    }
    for (const a of manifest) {
      const onDisk = s.files.get(a.name);
      const wrong = fileProblem(a, onDisk, sums.get(a.name)) ?? (onDisk && headerMismatch(a, onDisk.head));
      // An SBOM is checked as its artifact is: listed, summed, and the bytes the shard wrote.
      const sbomWrong = a.sbom && fileProblem(a.sbom, s.files.get(a.sbom.name), sums.get(a.sbom.name));
      if (wrong) problems.push(`${where}/${a.name}: ${wrong}`);
      else if (sbomWrong) problems.push(`${where}/${a.sbom!.name}: ${sbomWrong}`);
      else merged.push({ artifact: a, from: s.dir });
    }
    const listed = new Set(manifest.flatMap((a) => [a.name, ...(a.sbom ? [a.sbom.name] : [])]));
    for (const name of sums.keys()) if (!listed.has(name)) problems.push(`${where}/${name}: in SHA256SUMS but not in artifacts.json`);
    for (const name of s.files.keys())
      if (!listed.has(name))
        problems.push(
          `${where}/${name}: a file no artifacts.json lists (shards downloaded into one directory overwrite each other's artifacts.json: give each its own)`,
        );
  }

  // A name is one file: twice is a problem even within one shard. A target may have several
  // artifacts (several packages), but from one shard only.
  const entries = new Map<string, string[]>();
  for (const a of merged) entries.set(a.artifact.name, [...(entries.get(a.artifact.name) ?? []), a.from]);
  for (const [name, from] of entries) {
    const dirs = new Set(from);
    if (dirs.size > 1) problems.push(`artifact ${name} comes from ${dirs.size} shards: ${[...dirs].join(', ')}`);
    else if (from.length > 1)
      problems.push(`artifact ${name} is listed ${from.length} times in ${from[0] === '.' ? 'output-dir' : from[0]}`);
  }
  const shardsOf = new Map<string, Set<string>>();
  for (const a of merged) shardsOf.set(a.artifact.target, (shardsOf.get(a.artifact.target) ?? new Set()).add(a.from));
  for (const [target, dirs] of shardsOf)
    if (dirs.size > 1) problems.push(`target ${target} comes from ${dirs.size} shards: ${[...dirs].join(', ')}`);

  const goVersions = new Map<string, Set<string>>();
  for (const m of merged) goVersions.set(m.artifact.go, (goVersions.get(m.artifact.go) ?? new Set()).add(m.from));
  if (goVersions.size > 1)
    problems.push(
      `shards built with different Go versions: ${[...goVersions].map(([v, dirs]) => `${v} (${[...dirs].join(', ')})`).join(', ')}; feed every shard the plan's toolchain output`,
    );

  if (expected) {
    const want = expected.map(targetId);
    const have = new Set(merged.map((m) => m.artifact.target));
    const missing = want.filter((t) => !have.has(t));
    const extra = [...have].filter((t) => !want.includes(t));
    if (missing.length) problems.push(`no shard built ${missing.join(', ')}`);
    if (extra.length) problems.push(`built but not among targets: ${extra.join(', ')}`);
  }
  if (problems.length) return { problems };
  const order = (m: MergedArtifact) => (expected ? expected.map(targetId).indexOf(m.artifact.target) : 0);
  const name = (m: MergedArtifact) => m.artifact.name;
  return { artifacts: merged.sort((a, b) => order(a) - order(b) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0)) };
}
