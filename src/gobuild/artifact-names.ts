// Artifact file names: the artifact-name template, its placeholders, the archive suffix, and the
// names no artifact may take. Pure; a task's file name is fixed before it builds.
import type { Problem } from '../lib/problem.js';
import type { Target } from '../targets/target.js';

export type ArchiveFormat = 'tar.gz' | 'zip';
export type ArchiveMode = 'none' | 'auto' | ArchiveFormat;

export const DEFAULT_ARTIFACT_NAME = '{name}-{goos}-{goarch}{variant}{ext}';
/** The placeholders an artifact-name template may use; action.yml and docs/reference.md list each. */
export const NAME_FIELDS = ['name', 'goos', 'goarch', 'variant', 'ext', 'version', 'tag', 'commit', 'Os', 'arch', 'uname-arch'];

/**
 * artifact-name values that stand for a template, spelled as goreleaser v2.17 spells its names:
 * `goreleaser` is its default archive name_template (internal/pipe/archive/archive.go), and
 * `goreleaser-init` the name_template `goreleaser init` writes (internal/static/config.yaml).
 */
export const NAME_PRESETS: Record<string, string> = {
  goreleaser: '{name}_{version}_{goos}_{arch}{ext}',
  'goreleaser-init': '{name}_{Os}_{uname-arch}{ext}',
};

/** The checksum file's name by default; `checksum-name` may render another from CHECKSUM_FIELDS. */
export const DEFAULT_CHECKSUM_NAME = 'SHA256SUMS';
export const CHECKSUM_FIELDS = ['name', 'version', 'tag', 'commit'];

/** The release values a name may carry: the build's stamp, the same values ldflags gets. */
export interface NameStamp {
  version: string;
  tag: string;
  commit: string;
}

/** What is wrong with a name template (artifact-name's fields unless told), or undefined. */
export function templateProblem(template: string, fields = NAME_FIELDS): Problem | undefined {
  const unknown = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).filter((f) => !fields.includes(f));
  if (unknown.length) return { problem: `unknown placeholder {${unknown[0]}} (known: ${fields.map((f) => `{${f}}`).join(' ')})` };
  if (/[/\\]|^\.\.?$/.test(template.replace(/\{[^{}]*\}/g, 'x'))) return { problem: 'a file name cannot contain / or \\' };
  return undefined;
}

/** `.exe` for windows, `.wasm` for wasm, nothing otherwise: the binary's own suffix. */
export function binaryExt(t: Pick<Target, 'goos' | 'goarch'>): string {
  return t.goos === 'windows' ? '.exe' : t.goarch === 'wasm' ? '.wasm' : '';
}

export function archiveFormat(mode: ArchiveMode, goos: string): ArchiveFormat | null {
  if (mode === 'none') return null;
  if (mode === 'auto') return goos === 'windows' ? 'zip' : 'tar.gz';
  return mode;
}

/**
 * `{variant}` renders with its separator (`-7`, `-v3`), and a musl target's C library after it
 * (`-musl`, `-7-musl`), so the default template reads well and names a gnu and a musl build apart. A nested module's tag (`cmd/tool/v1.2.3`) renders with `-` for `/`: a name is one file.
 */
export function renderName(template: string, name: string, t: Target, ext: string, stamp: NameStamp): string {
  const values: Record<string, string> = {
    name,
    goos: t.goos,
    goarch: t.goarch,
    variant: [t.variant, t.libc]
      .filter(Boolean)
      .map((v) => `-${v}`)
      .join(''),
    ext,
    Os: t.goos.charAt(0).toUpperCase() + t.goos.slice(1),
    arch: goreleaserArch(t),
    'uname-arch': unameArch(t),
    ...stampValues(stamp),
  };
  return template.replace(/\{([^{}]*)\}/g, (_, k: string) => values[k]);
}

/** The checksum file's name: a CHECKSUM_FIELDS template, `{name}` being the project's name. */
export function renderChecksumName(template: string, name: string, stamp: NameStamp): string {
  const values: Record<string, string> = { name, ...stampValues(stamp) };
  return template.replace(/\{([^{}]*)\}/g, (_, k: string) => values[k]);
}

function stampValues(stamp: NameStamp): Record<string, string> {
  return { version: stamp.version, tag: stamp.tag.replace(/\//g, '-'), commit: stamp.commit };
}

// A target without a variant is built with Go's default, and named after it: arm is ARMv7 (Go's
// GOARM when cross-compiling; goreleaser's own default is 6), mips hardfloat (as in goreleaser).
// goreleaser's .Arm is GOARM's level alone: `7+softfloat` is `v7` (its float ABI is another field).
const armLevel = (t: Target) => (t.goarch === 'arm' ? `v${t.variant.split('+')[0] || '7'}` : '');

/**
 * `{arch}`: what goreleaser's default name_template renders after the OS: `.Arch`, then `v` and
 * GOARM, `_` and GOMIPS, or a GOAMD64 other than v1 (`armv7`, `mips_softfloat`, `amd64v3`); other
 * variants are not named, as there. darwin/universal is goreleaser's universal binary, arch `all`.
 */
function goreleaserArch(t: Target): string {
  if (t.goarch === 'universal') return 'all';
  if (t.goarch.startsWith('mips')) return `${t.goarch}_${t.variant || 'hardfloat'}`;
  if (t.goarch === 'amd64' && t.variant && t.variant !== 'v1') return `amd64${t.variant}`;
  return t.goarch + armLevel(t);
}

/** `{uname-arch}`: the arch of `goreleaser init`'s name_template: x86_64, i386, armv7, all, else the goarch. */
function unameArch(t: Target): string {
  if (t.goarch === 'universal') return 'all';
  return ({ amd64: 'x86_64', '386': 'i386' }[t.goarch] ?? t.goarch) + armLevel(t);
}

/** The artifact's file name: the rendered template, with the archive's suffix in place of the binary's. */
export function artifactFileName(template: string, name: string, t: Target, format: ArchiveFormat | null, stamp: NameStamp): string {
  return format ? `${renderName(template, name, t, '', stamp)}.${format}` : renderName(template, name, t, binaryExt(t), stamp);
}

export const MANIFEST_FILE = 'artifacts.json';

/**
 * Rendered names that are not a plain file of their own in the output directory: empty, `.` or
 * `..` (a template such as `{variant}..`), a path, or the manifest's name. (The checksum file's
 * name is checked against the artifacts' by names.ts, which blames checksum-name.)
 */
export function unusableNames(names: { name: string; who: string }[]): string[] {
  const plain = (n: string) => /^[^/\\\0]+$/.test(n) && !/^\.+$/.test(n) && n !== MANIFEST_FILE;
  return names.filter((n) => !plain(n.name)).map((n) => `${JSON.stringify(n.name)} (${n.who})`);
}

/** Names used twice, with the builds that collide: artifact names must be unique. */
export function duplicateNames(names: { name: string; who: string }[]): string[] {
  const by = new Map<string, string[]>();
  for (const n of names) by.set(n.name, [...(by.get(n.name) ?? []), n.who]);
  return [...by].filter(([, who]) => who.length > 1).map(([name, who]) => `${name} (${who.join(', ')})`);
}
