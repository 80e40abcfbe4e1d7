// archive-files: the globs found in the checkout, checked before anything is built, as the
// entries every archive gets beside its binary.
import { create } from '@actions/glob';
import { lstat } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import type { InputProblem } from '../lib/problem.js';
import type { NamedPackage } from './names.js';
import type { BuildSpec } from './build-spec.js';

/** A file put in every archive beside the binary (archive-files). */
export interface ArchiveFile {
  /** Its path in the archive, `/`-separated: `LICENSE`, `completions/tool.bash`. */
  name: string;
  source: string;
  /** 0o755 for a file its owner may execute, else 0o644: the only modes an archive records. */
  mode: number;
}

/**
 * A file's name in the archive: its path under working-directory, `/`-separated; a file outside it
 * (a monorepo's `../../LICENSE`) goes in under its own name. Pure.
 */
export function entryName(file: string, workingDirectory: string): string {
  const rel = relative(workingDirectory, file);
  return rel.startsWith('..') || rel === '' ? basename(file) : rel.split('\\').join('/');
}

/** Entries named twice (two files, or a file and a binary), with what claims each name. Pure. */
export function clashingEntries(entries: { name: string; from: string }[]): string[] {
  const by = new Map<string, string[]>();
  for (const e of entries) by.set(e.name, [...(by.get(e.name) ?? []), e.from]);
  return [...by].filter(([, from]) => from.length > 1).map(([name, from]) => `${name} (${from.join(', ')})`);
}

/**
 * A build's archive-files, none without archives; checked against every name a binary may take
 * (so a binary without a name is a problem here only when there are archive-files).
 */
export async function archiveFilesOf(
  b: BuildSpec,
  workingDirectory: string,
  packages: NamedPackage[] | InputProblem,
): Promise<ArchiveFile[] | InputProblem> {
  if (b.archive === 'none' || b.archiveFiles.length === 0) return [];
  if ('problem' in packages) return packages;
  const names = packages.map((p) => p.name);
  const binaries = [...new Set(names.flatMap((n) => [n, `${n}.exe`, `${n}.wasm`]))];
  return resolveArchiveFiles(b.archiveFiles, workingDirectory, binaries);
}

const ALLOWED = 'files or globs relative to working-directory, such as LICENSE*, README*, completions/';

/**
 * The files of `patterns`, sorted by entry name. Each pattern must match a file; only regular files
 * go in (a symlink could bring in anything outside the checkout). `binaries` are the names the
 * archives' binaries take: no file may take one.
 */
export async function resolveArchiveFiles(
  patterns: string[],
  workingDirectory: string,
  binaries: string[],
): Promise<ArchiveFile[] | InputProblem> {
  const refuse = (problem: string): InputProblem => ({ input: 'archive-files', value: patterns.join(', '), problem, allowed: ALLOWED });
  const found = new Map<string, string>();
  for (const pattern of patterns) {
    const globber = await create(resolve(workingDirectory, pattern), { matchDirectories: false, followSymbolicLinks: false });
    const files = await globber.glob();
    if (files.length === 0) return refuse(`${pattern} matches no file in ${workingDirectory}`);
    for (const f of files) found.set(f, entryName(f, workingDirectory));
  }
  const entries: ArchiveFile[] = [];
  for (const [source, name] of found) {
    const st = await lstat(source);
    if (!st.isFile()) return refuse(`${source} is not a regular file (a symlink?)`);
    entries.push({ name, source, mode: st.mode & 0o100 ? 0o755 : 0o644 });
  }
  const clashes = clashingEntries([
    ...binaries.map((b) => ({ name: b, from: 'the binary' })),
    ...entries.map((e) => ({ name: e.name, from: relative(workingDirectory, e.source) || e.source })),
  ]);
  if (clashes.length) return refuse(`two entries of an archive take one name: ${clashes.join('; ')}`);
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
