// Merge mode's pure core: the shards' outputs (each an artifacts.json, the checksum file it names and
// the files themselves) checked against each other and combined into one set, or every problem found.
import type { Problem } from '../lib/problem.js';
import { parseSha256sums } from '../lib/sha256sums.js';
import type { Artifact } from './manifest.js';
import { DEFAULT_CHECKSUM_NAME, MANIFEST_FILE } from '../gobuild/artifact-names.js';
import { checkable, mismatch, readHeader } from '../binaries/binary-format.js';
import { targetId, UNIVERSAL, UNIVERSAL_SLICES, type Target } from '../targets/target.js';

export interface ShardOutput {
  /** Where the shard's files are, relative to output-dir: `shard-1`, or `.` for a flat layout. */
  dir: string;
  /** artifacts.json as parsed JSON, not yet trusted. */
  manifest: unknown;
  /** The text of the checksum file its artifacts.json names (checksumsFileOf). */
  sums: string | undefined;
  /**
   * The shard directory's files (not the checksum file or artifacts.json) with their size, SHA-256 and
   * first bytes on disk (what the binary header check reads).
   */
  files: Map<string, { size: number; sha256: string; head?: Buffer }>;
  /** The files that signed the shard's own checksum file (its sign-checksums): not merged. */
  signatures?: string[];
}

export interface MergedArtifact {
  artifact: Artifact;
  /** The shard directory it came from; for a darwin/universal artifact merge assembled, the slices' shards. */
  from: string;
  /** Where its files are when it is not in its shard's directory: merge's own staging directory. */
  staged?: string;
}

/** The two slices a darwin/universal artifact is assembled from, by merge, and its name (their `universal`). */
export interface UniversalPair {
  name: string;
  amd64: MergedArtifact;
  arm64: MergedArtifact;
}

const HEX64 = /^[0-9a-f]{64}$/;
const FILE = /^[\w.+-]+$/;

/** A shard's checksum file: name → hash; a name listed twice or a path is a problem. */
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
  ['checksum file that is a plain file name', (e) => isString(e.checksums) && FILE.test(e.checksums) && e.checksums !== MANIFEST_FILE],
  ['binaries that are plain file names, each once (a bare binary: its own name)', (e) => binariesOk(e.binaries, e.archive, e.name)],
  ['SBOM that is a plain file with its format, size and SHA-256', (e) => e.sbom === undefined || isSbomFile(e.sbom)],
  [
    'darwin/universal name that is a plain file name',
    (e) => e.universal === undefined || (isString(e.universal) && FILE.test(e.universal)),
  ],
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

/**
 * The checksum file a shard's artifacts.json names (each entry's `checksums`; mergeShards checks
 * they agree), if its first entry names a plain file: what readShards reads as the shard's sums.
 */
export function checksumsFileOf(manifest: unknown): string | undefined {
  const first: unknown = Array.isArray(manifest) ? manifest[0] : undefined;
  const name = typeof first === 'object' && first !== null ? (first as { checksums?: unknown }).checksums : undefined;
  return isString(name) && FILE.test(name) && name !== MANIFEST_FILE ? name : undefined;
}

/** Why a file an entry lists (the artifact or its SBOM) is not what the shard recorded, or undefined. */
function fileProblem(
  recorded: { sha256: string; size: number },
  onDisk: { size: number; sha256: string } | undefined,
  summed: string | undefined,
  sumsFile: string,
): string | undefined {
  if (!onDisk) return 'listed in artifacts.json but missing';
  if (summed !== recorded.sha256) return `${sumsFile} says ${summed ?? 'nothing'}, artifacts.json says ${recorded.sha256}`;
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
 * its checksum file both give, and nothing else lies in the shard's directory), then across shards
 * (no artifact name or target twice, one Go version, one checksum file name), then against the
 * expected targets. Returns the merged list in target order with the checksum file's name, or every problem.
 */
export function mergeShards(
  shards: ShardOutput[],
  expected?: Target[],
): { artifacts: MergedArtifact[]; checksums: string; universal?: UniversalPair[] } | { problems: string[] } {
  const problems: string[] = [];
  const merged: MergedArtifact[] = [];
  const sumsFiles = new Map<string, Set<string>>();
  for (const s of shards) {
    const where = s.dir === '.' ? 'output-dir' : s.dir;
    const manifest = readManifest(s.manifest);
    if (typeof manifest === 'string') {
      problems.push(`${where}: ${manifest}`);
      continue;
    }
    const named = [...new Set(manifest.map((a) => a.checksums))];
    if (named.length > 1) {
      problems.push(`${where}: artifacts.json names ${named.length} checksum files (${named.join(', ')}); a shard writes one`);
      continue;
    }
    // Empty only when the manifest is: nothing is listed, so nothing is summed.
    const sumsFile = named[0] ?? '';
    const sums = !sumsFile ? new Map<string, string>() : s.sums === undefined ? { problem: `no ${sumsFile}` } : parseSums(s.sums);
    if ('problem' in sums) {
      problems.push(`${where}: ${sumsFile}: ${sums.problem}`);
      continue;
    }
    if (sumsFile) sumsFiles.set(sumsFile, (sumsFiles.get(sumsFile) ?? new Set()).add(where));
    for (const a of manifest) {
      const onDisk = s.files.get(a.name);
      const wrong = fileProblem(a, onDisk, sums.get(a.name), sumsFile) ?? (onDisk && headerMismatch(a, onDisk.head));
      // An SBOM is checked as its artifact is: listed, summed, and the bytes the shard wrote.
      const sbomWrong = a.sbom && fileProblem(a.sbom, s.files.get(a.sbom.name), sums.get(a.sbom.name), sumsFile);
      if (wrong) problems.push(`${where}/${a.name}: ${wrong}`);
      else if (sbomWrong) problems.push(`${where}/${a.sbom!.name}: ${sbomWrong}`);
      else merged.push({ artifact: a, from: s.dir });
    }
    const listed = new Set(manifest.flatMap((a) => [a.name, ...(a.sbom ? [a.sbom.name] : [])]));
    for (const name of sums.keys()) if (!listed.has(name)) problems.push(`${where}/${name}: in ${sumsFile} but not in artifacts.json`);
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
  // The merged file keeps the shards' name, so every shard must have written the same one.
  if (sumsFiles.size > 1)
    problems.push(
      `shards wrote different checksum files: ${[...sumsFiles].map(([n, dirs]) => `${n} (${[...dirs].join(', ')})`).join(', ')}; give every shard the same checksum-name`,
    );
  if (goVersions.size > 1)
    problems.push(
      `shards built with different Go versions: ${[...goVersions].map(([v, dirs]) => `${v} (${[...dirs].join(', ')})`).join(', ')}; feed every shard the plan's toolchain output`,
    );

  let universal: UniversalPair[] = [];
  if (expected) {
    const want = expected.map(targetId);
    const have = new Set(merged.map((m) => m.artifact.target));
    // darwin/universal that no shard built: merge assembles it from the slices (docs/matrix.md).
    if (want.includes(UNIVERSAL_ID) && !have.has(UNIVERSAL_ID)) {
      const paired = pairSlices(merged);
      if ('problems' in paired) problems.push(...paired.problems);
      else universal = paired.pairs;
      // Said once: why the slices do not pair, or (with no slice recording it) that no shard built it.
      if ('problems' in paired || universal.length) have.add(UNIVERSAL_ID);
    }
    const missing = want.filter((t) => !have.has(t));
    const extra = [...have].filter((t) => !want.includes(t));
    if (missing.length) problems.push(`no shard built ${missing.join(', ')}`);
    if (extra.length) problems.push(`built but not among targets: ${extra.join(', ')}`);
  }
  if (problems.length) return { problems };
  return {
    artifacts: inTargetOrder(merged, expected),
    checksums: [...sumsFiles.keys()][0] ?? DEFAULT_CHECKSUM_NAME,
    ...(universal.length ? { universal } : {}),
  };
}

/** In the order of the expected targets, then by name. */
export function inTargetOrder(merged: MergedArtifact[], expected?: Target[]): MergedArtifact[] {
  const order = (m: MergedArtifact) => (expected ? expected.map(targetId).indexOf(m.artifact.target) : 0);
  const name = (m: MergedArtifact) => m.artifact.name;
  return [...merged].sort((a, b) => order(a) - order(b) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

const UNIVERSAL_ID = targetId(UNIVERSAL);

/**
 * The darwin/amd64 and darwin/arm64 artifacts paired by the darwin/universal name each records: one
 * of each per name, archived alike, with SBOMs alike; the universal name must not be an artifact's.
 */
export function pairSlices(merged: MergedArtifact[]): { pairs: UniversalPair[] } | { problems: string[] } {
  const problems: string[] = [];
  const byName = new Map<string, Partial<Record<'amd64' | 'arm64', MergedArtifact>>>();
  for (const m of merged) {
    const a = m.artifact;
    if (!a.universal || !UNIVERSAL_SLICES.includes(a.target)) continue;
    const pair = byName.get(a.universal) ?? {};
    const arch = a.goarch as 'amd64' | 'arm64';
    if (pair[arch])
      problems.push(`darwin/universal ${a.universal}: two ${a.target} artifacts record it (${pair[arch].artifact.name}, ${a.name})`);
    pair[arch] = m;
    byName.set(a.universal, pair);
  }
  const names = new Set(merged.map((m) => m.artifact.name));
  const pairs: UniversalPair[] = [];
  for (const [name, { amd64, arm64 }] of byName) {
    if (!amd64 || !arm64) {
      const [have, lacks] = amd64 ? [amd64, 'darwin/arm64'] : [arm64!, 'darwin/amd64'];
      problems.push(`darwin/universal ${name}: ${have.artifact.name} records it, but no ${lacks} artifact does`);
    } else if (amd64.artifact.archive !== arm64.artifact.archive)
      problems.push(
        `darwin/universal ${name}: its slices are archived differently (${amd64.artifact.archive ?? 'none'}, ${arm64.artifact.archive ?? 'none'})`,
      );
    else if (amd64.artifact.sbom?.format !== arm64.artifact.sbom?.format)
      problems.push(
        `darwin/universal ${name}: its slices' SBOMs differ (${amd64.artifact.sbom?.format ?? 'none'}, ${arm64.artifact.sbom?.format ?? 'none'})`,
      );
    else if (names.has(name)) problems.push(`darwin/universal ${name}: a shard's artifact already has that name`);
    else pairs.push({ name, amd64, arm64 });
  }
  return problems.length ? { problems } : { pairs };
}
