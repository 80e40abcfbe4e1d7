// darwin/universal in merge mode, when no shard built it: each pair of slice artifacts (paired by
// shard-merge.ts) read back, their binaries joined into fat files (universal.ts) and the artifact
// written as a shard would have: same archive format, entries, order and mtime, an SBOM when the
// slices have one. Everything goes into a staging directory inside output-dir; nothing is moved here.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { ActionError } from '../errors.js';
import { UNIVERSAL, targetId } from '../targets/target.js';
import type { BuildInfo } from '../binaries/buildinfo.js';
import type { SbomFormat } from '../gobuild/build-spec.js';
import { writeArchive } from './archive.js';
import { readArchive, type ArchiveEntry } from './archive-read.js';
import type { Artifact } from './manifest.js';
import { sha256 } from './publish.js';
import { writeSbom } from './sbom-file.js';
import type { MergedArtifact, UniversalPair } from './shard-merge.js';
import { fatChecked } from './universal.js';

/**
 * What a bare binary's SBOM says that its artifact does not: the time (the build's: SPDX's
 * `created`, CycloneDX's `timestamp`) and the binary's file name (CycloneDX's
 * `cdx:gomod:binary:name`; SPDX names it only inside an archive).
 */
export function sbomFacts(format: SbomFormat, text: string): { time?: Date; binary?: string } {
  type Doc = {
    creationInfo?: { created?: unknown };
    metadata?: { timestamp?: unknown; component?: { properties?: { name?: unknown; value?: unknown }[] } };
  };
  let doc: Doc;
  try {
    doc = JSON.parse(text) as Doc;
  } catch {
    return {};
  }
  const t = format === 'spdx' ? doc.creationInfo?.created : doc.metadata?.timestamp;
  const binary = doc.metadata?.component?.properties?.find((p) => p.name === 'cdx:gomod:binary:name')?.value;
  return {
    ...(typeof t === 'string' && !Number.isNaN(Date.parse(t)) ? { time: new Date(t) } : {}),
    ...(typeof binary === 'string' && /^[^/\\]+$/.test(binary) ? { binary } : {}),
  };
}

/**
 * The archive entries of a universal artifact from its slices' entries: each of `binaries` (the
 * entries artifacts.json lists as binaries) in the darwin/amd64 archive joined with the arm64
 * archive's entry of that name, every other entry (archive-files) the same in both. In the amd64
 * archive's order, with each binary's build info.
 */
export function universalEntries(
  amd64: ArchiveEntry[],
  arm64: ArchiveEntry[],
  binaries: string[],
): { entries: ArchiveEntry[]; infos: { name: string; info: BuildInfo }[] } | string {
  if (amd64.length !== arm64.length || amd64.some((e) => !arm64.find((o) => o.name === e.name)))
    return `the slices' archives hold different files (${amd64.map((e) => e.name).join(', ')}; ${arm64.map((e) => e.name).join(', ')})`;
  const missing = binaries.find((name) => !amd64.some((e) => e.name === name));
  if (missing) return `the archives hold no binary ${missing}, which artifacts.json lists`;
  const infos: { name: string; info: BuildInfo }[] = [];
  const entries: ArchiveEntry[] = [];
  for (const e of amd64) {
    const other = arm64.find((o) => o.name === e.name)!;
    if (!binaries.includes(e.name)) {
      if (!e.data.equals(other.data) || e.mode !== other.mode) return `${e.name} differs between the slices' archives`;
      entries.push(e);
      continue;
    }
    const fat = fatChecked([
      { goarch: 'amd64', bytes: e.data },
      { goarch: 'arm64', bytes: other.data },
    ]);
    if ('problem' in fat) return `${e.name}: ${fat.problem}`;
    infos.push({ name: e.name, info: fat.info });
    entries.push({ ...e, data: fat.bytes });
  }
  return { entries, infos };
}

/**
 * Writes each pair's universal artifact (and SBOM) into a new staging directory in `out`, which the
 * caller moves from (flatten) and removes. A slice that does not join fails the merge.
 */
export async function assembleInMerge(
  out: string,
  pairs: UniversalPair[],
  workspace: string,
): Promise<{ staging: string; merged: MergedArtifact[] }> {
  const stagingName = `.go-crossbuild-universal-${randomUUID()}`;
  const staging = join(out, stagingName);
  await mkdir(staging);
  try {
    return { staging, merged: await assemble(out, staging, stagingName, pairs, workspace) };
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    if (e instanceof ActionError) throw e;
    throw new ActionError('Merge failed', `darwin/universal cannot be assembled: ${(e as Error).message}; nothing was changed.`);
  }
}

async function assemble(
  out: string,
  staging: string,
  stagingName: string,
  pairs: UniversalPair[],
  workspace: string,
): Promise<MergedArtifact[]> {
  const merged: MergedArtifact[] = [];
  const pathOf = (name: string) => relative(workspace, join(out, name)).split('\\').join('/');
  for (const { name, amd64, arm64 } of pairs) {
    const [a, b] = [amd64.artifact, arm64.artifact];
    const fail = (why: string) =>
      new ActionError(
        'Merge failed',
        `darwin/universal ${name} cannot be assembled from ${a.name} and ${b.name}: ${why}; nothing was changed.`,
      );
    const fileOf = (m: MergedArtifact, file: string) => join(out, m.from, file);
    const dest = join(staging, name);
    let binaries: { path: string; info: BuildInfo }[];
    let time: Date | undefined;
    // The entries (or the bare binary) laid out in a scratch directory of their own, named as the build named them.
    const scratch = join(staging, `.entries-${randomUUID()}`);
    const at = (entry: string) => join(scratch, ...entry.split('/'));
    if (a.archive && b.archive) {
      if (a.binaries.join('\0') !== b.binaries.join('\0'))
        throw fail(`the slices hold different binaries (${a.binaries.join(', ')}; ${b.binaries.join(', ')})`);
      const joined = universalEntries(
        await readArchive(a.archive, fileOf(amd64, a.name)),
        await readArchive(b.archive, fileOf(arm64, b.name)),
        a.binaries,
      );
      if (typeof joined === 'string') throw fail(joined);
      for (const e of joined.entries) {
        await mkdir(dirname(at(e.name)), { recursive: true });
        await writeFile(at(e.name), e.data);
      }
      // A shard's SBOM of an archive carries the archive's mtime.
      time = joined.entries[0].mtime;
      binaries = joined.infos.map((x) => ({ path: at(x.name), info: x.info }));
      const extras = joined.entries.filter((e) => !a.binaries.includes(e.name));
      await writeArchive(
        a.archive,
        binaries.map((x) => x.path),
        dest,
        time,
        extras.map((e) => ({ name: e.name, source: at(e.name), mode: e.mode })),
      );
    } else {
      const fat = fatChecked([
        { goarch: 'amd64', bytes: await readFile(fileOf(amd64, a.name)) },
        { goarch: 'arm64', bytes: await readFile(fileOf(arm64, b.name)) },
      ]);
      if ('problem' in fat) throw fail(fat.problem);
      await writeFile(dest, fat.bytes, { mode: 0o755 });
      const facts = a.sbom ? sbomFacts(a.sbom.format, await readFile(fileOf(amd64, a.sbom.name), 'utf8')) : {};
      const binary = join(scratch, facts.binary ?? name);
      await mkdir(scratch);
      await writeFile(binary, fat.bytes);
      time = facts.time;
      binaries = [{ path: binary, info: fat.info }];
    }
    const artifact: Artifact = {
      target: targetId(UNIVERSAL),
      goos: UNIVERSAL.goos,
      goarch: UNIVERSAL.goarch,
      variant: '',
      name,
      path: pathOf(name),
      size: (await stat(dest)).size,
      sha256: await sha256(dest),
      archive: a.archive,
      binaries: a.archive ? a.binaries : [name],
      cacheHit: a.cacheHit === null || b.cacheHit === null ? null : a.cacheHit && b.cacheHit,
      go: a.go,
      checksums: a.checksums,
    };
    if (a.sbom) {
      if (!time) throw fail(`${a.sbom.name} records no creation time`);
      artifact.sbom = await writeSbom(staging, artifact, binaries, a.sbom.format, time, pathOf);
    }
    merged.push({ artifact, from: `${amd64.from} + ${arm64.from}`, staged: stagingName });
  }
  return merged;
}
