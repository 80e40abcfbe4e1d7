// What both SBOM formats say of one artifact, read from its binary's build info: the program
// (main package and module), the Go standard library it was built with, and every module compiled
// into it, as Go recorded it (replacements resolved to what was compiled). Pure.
import { createHash } from 'node:crypto';
import type { BuildInfo, GoModule } from '../binaries/buildinfo.js';
import type { ArchiveFormat } from '../gobuild/artifact-names.js';
import { golangPurl } from './purl.js';

/** The artifact an SBOM describes, and what makes two identical builds give identical bytes. */
export interface SbomSubject {
  artifact: { name: string; sha256: string; archive: ArchiveFormat | null };
  /** The Go binary: the artifact itself, or the file inside its archive. */
  binary: { name: string; sha256: string };
  /** `linux/amd64/v3`, with its parts. */
  target: { id: string; goos: string; goarch: string };
  /**
   * The time the build stamps: SOURCE_DATE_EPOCH or the commit's when reproducible (the archives'
   * mtime), so that it never comes from the clock of a reproducible build.
   */
  time: Date;
}

/** One binary of an archive that holds several: its build info, entry name and hash. */
export interface SbomBinary {
  info: BuildInfo;
  binary: { name: string; sha256: string };
}

/** An archive of several binaries: the subject without one binary (each is an SbomBinary). */
export type ArchiveSubject = Omit<SbomSubject, 'binary'>;

export interface SbomProgram {
  /** The main package's import path. */
  name: string;
  version?: string;
  purl?: string;
}

export interface SbomComponent {
  /** The Go standard library, or a module. */
  kind: 'stdlib' | 'module';
  /** The module path (`stdlib` for the standard library). */
  name: string;
  /** As Go recorded it; undefined when Go has none. */
  version?: string;
  purl: string;
  /** go.sum's `h1:` hash of the module's files, verbatim. */
  sum?: string;
  /** The same hash in hex: h1 is base64 of a SHA-256 (the form syft and cyclonedx-gomod write). */
  sha256?: string;
  /** The requirement a go.mod replace directive swapped for this module. */
  replaces?: { path: string; version: string };
  /** A replace directive pointed this module at a directory of the checkout: no release, no sum. */
  directory?: string;
}

/** Go's directory replacements are paths (`./x`, `../x`, `/x`, `C:\x`); module paths are not. */
function isDirectory(path: string): boolean {
  return /^(\.{1,2}([/\\]|$)|[/\\]|[A-Za-z]:[/\\])/.test(path);
}

/** `h1:BASE64` → hex of its SHA-256, or undefined for any other form. */
export function h1Hex(sum: string): string | undefined {
  if (!sum.startsWith('h1:')) return undefined;
  const bytes = Buffer.from(sum.slice(3), 'base64');
  return bytes.length === 32 ? bytes.toString('hex') : undefined;
}

const version = (v: string) => (v === '' ? undefined : v);

function moduleComponent(dep: GoModule): SbomComponent {
  const r = dep.replace;
  if (r && isDirectory(r.path))
    return { kind: 'module', name: dep.path, version: version(r.version), purl: golangPurl(dep.path), directory: r.path };
  const m = r ?? dep;
  return {
    kind: 'module',
    name: m.path,
    version: version(m.version),
    purl: golangPurl(m.path, m.version),
    ...(m.sum ? { sum: m.sum, sha256: h1Hex(m.sum) } : {}),
    ...(r ? { replaces: { path: dep.path, version: dep.version } } : {}),
  };
}

/** `go1.24.4 X:boringcrypto` → `1.24.4`, the standard library's version as scanners look it up. */
export function stdlibVersion(goVersion: string): string {
  return goVersion.trim().split(/\s+/)[0].replace(/^go/, '');
}

export function describeBuild(info: BuildInfo, s: SbomSubject): { program: SbomProgram; components: SbomComponent[] } {
  const main = info.main;
  const sub = main && info.path.startsWith(`${main.path}/`) ? info.path.slice(main.path.length + 1) : undefined;
  const program: SbomProgram = {
    name: info.path || main?.path || s.binary.name,
    ...(main && version(main.version) ? { version: main.version } : {}),
    ...(main ? { purl: golangPurl(main.path, main.version, sub, { goarch: s.target.goarch, goos: s.target.goos }) } : {}),
  };
  const stdlib: SbomComponent = {
    kind: 'stdlib',
    name: 'stdlib',
    version: stdlibVersion(info.goVersion),
    purl: golangPurl('stdlib', stdlibVersion(info.goVersion)),
  };
  return { program, components: [stdlib, ...info.deps.map(moduleComponent)] };
}

/**
 * Each binary's program and components, and the union of the components (the first of each
 * identity kept, in the binaries' order): what an archive of several binaries depends on.
 */
export function describeBinaries(
  parts: SbomBinary[],
  s: ArchiveSubject,
): { binaries: { part: SbomBinary; program: SbomProgram; components: SbomComponent[] }[]; union: SbomComponent[] } {
  const binaries = parts.map((part) => ({ part, ...describeBuild(part.info, { ...s, binary: part.binary }) }));
  const union = new Map<string, SbomComponent>();
  for (const c of binaries.flatMap((b) => b.components)) if (!union.has(componentKey(c))) union.set(componentKey(c), c);
  return { binaries, union: [...union.values()] };
}

/** What makes two binaries' components one: the same module (or replacement) at the same version and hash. */
export function componentKey(c: SbomComponent): string {
  return JSON.stringify([c.kind, c.name, c.version, c.sum, c.directory, c.replaces?.path, c.replaces?.version]);
}

/** RFC 3339 in UTC to the second, as both formats' schemas and most readers take it. */
export function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * A name-based UUID (RFC 4122 version 5, in the URL namespace): the same name always gives the
 * same id, so an SBOM's serial number or namespace follows from the artifact, never from chance.
 */
export function uuidV5(name: string): string {
  const h = createHash('sha1')
    .update(Buffer.from(URL_NAMESPACE.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The UUID of one artifact's SBOM in one format. */
export function sbomUuid(format: string, s: Pick<SbomSubject, 'artifact'>): string {
  return uuidV5(`urn:go-crossbuild:sbom:${format}:${s.artifact.sha256}:${s.artifact.name}`);
}

/** The lines of `go version -m` that list the build settings, as Go prints them (unquoted). */
export function settingLines(info: BuildInfo): string[] {
  return info.settings.map((x) => `${x.key}=${x.value}`);
}
