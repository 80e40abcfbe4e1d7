// Artifact file names: the artifact-name template, its placeholders, the archive suffix, and the
// names no artifact may take. Pure; a task's file name is fixed before it builds.
import type { Problem } from '../lib/problem.js';
import type { Target } from '../targets/target.js';

export type ArchiveFormat = 'tar.gz' | 'zip';
export type ArchiveMode = 'none' | 'auto' | ArchiveFormat;

export const DEFAULT_ARTIFACT_NAME = '{name}-{goos}-{goarch}{variant}{ext}';
/** The placeholders an artifact-name template may use; action.yml and docs/reference.md list each. */
export const NAME_FIELDS = ['name', 'goos', 'goarch', 'variant', 'ext', 'version', 'tag', 'commit'];

/** The release values a name may carry: the build's stamp, the same values ldflags gets. */
export interface NameStamp {
  version: string;
  tag: string;
  commit: string;
}

/** What is wrong with an artifact-name template, or undefined. */
export function templateProblem(template: string): Problem | undefined {
  const unknown = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).filter((f) => !NAME_FIELDS.includes(f));
  if (unknown.length) return { problem: `unknown placeholder {${unknown[0]}} (known: ${NAME_FIELDS.map((f) => `{${f}}`).join(' ')})` };
  if (/[/\\]|^\.\.?$/.test(template.replace(/\{[^{}]*\}/g, 'x'))) return { problem: 'an artifact name cannot contain / or \\' };
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
    version: stamp.version,
    tag: stamp.tag.replace(/\//g, '-'),
    commit: stamp.commit,
  };
  return template.replace(/\{(name|goos|goarch|variant|ext|version|tag|commit)\}/g, (_, k: string) => values[k]);
}

/** The artifact's file name: the rendered template, with the archive's suffix in place of the binary's. */
export function artifactFileName(template: string, name: string, t: Target, format: ArchiveFormat | null, stamp: NameStamp): string {
  return format ? `${renderName(template, name, t, '', stamp)}.${format}` : renderName(template, name, t, binaryExt(t), stamp);
}

export const SUMS_FILE = 'SHA256SUMS';
export const MANIFEST_FILE = 'artifacts.json';

/**
 * Rendered names that are not a plain file of their own in the output directory: empty, `.` or
 * `..` (a template such as `{variant}..`), a path, or the name of the checksum file or manifest.
 */
export function unusableNames(names: { name: string; who: string }[]): string[] {
  const plain = (n: string) => /^[^/\\\0]+$/.test(n) && !/^\.+$/.test(n) && n !== SUMS_FILE && n !== MANIFEST_FILE;
  return names.filter((n) => !plain(n.name)).map((n) => `${JSON.stringify(n.name)} (${n.who})`);
}

/** Names used twice, with the builds that collide: artifact names must be unique. */
export function duplicateNames(names: { name: string; who: string }[]): string[] {
  const by = new Map<string, string[]>();
  for (const n of names) by.set(n.name, [...(by.get(n.name) ?? []), n.who]);
  return [...by].filter(([, who]) => who.length > 1).map(([name, who]) => `${name} (${who.join(', ')})`);
}
