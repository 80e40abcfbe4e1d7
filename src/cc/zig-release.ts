// Which zig archive a runner needs, where it comes from, and the SHA-256 it must have: the zig-sha256
// pin, else the table shipped with the action (zig-checksums.json, copied from ziglang.org's
// index.json). No hash, no download. Pure.
import type { InputProblem } from '../lib/problem.js';
import semver from 'semver';
import type { ArchivePins } from '../toolchain/sha256-pins.js';
import type { Platform } from '../toolchain/platform.js';
import table from './zig-checksums.json' with { type: 'json' };

/** The default zig: the newest release that public Go + zig cgo builds pin (see docs/cgo.md). */
export const DEFAULT_ZIG_VERSION = '0.15.2';

/** Where releases live: `<base>/<version>/<file>`; development builds are under /builds. */
export const ZIG_DOWNLOADS = 'https://ziglang.org/download';
const ZIG_BUILDS = 'https://ziglang.org/builds';

/** The key the Zig Software Foundation signs every release archive with, as ziglang.org/download publishes it. */
export const ZIG_PUBLIC_KEY = 'RWSGOq2NVecA2UPNdBUZykf1CCb147pkmdtYxgb3Ti+JO/wCYvhbAb/U';

/** A release (`0.15.2`) or a development build (`0.14.0-dev.2456+a68119f8f`). */
const VERSION = /^\d+\.\d+\.\d+(-dev\.\d+\+[0-9a-f]+)?$/;

export function isZigVersion(text: string): boolean {
  return VERSION.test(text);
}

/** What the zig inputs ask for. */
export interface ZigSpec {
  version: string;
  pins: ArchivePins;
  /** zig-download-base-url: a mirror serving `<base>/<file>` (and `<file>.minisig`); undefined: ziglang.org. */
  mirror?: string;
  /** The minisign public key signatures must verify with. */
  publicKey: string;
  /** Set by zig-public-key: a signature must then be served, not only checked when it is. */
  signatureRequired: boolean;
}

const ARCH: Record<string, string> = {
  amd64: 'x86_64',
  arm64: 'aarch64',
  '386': 'x86',
  riscv64: 'riscv64',
  ppc64le: 'powerpc64le',
  s390x: 's390x',
  loong64: 'loongarch64',
};
const OS: Record<string, string> = { linux: 'linux', darwin: 'macos', windows: 'windows', freebsd: 'freebsd', netbsd: 'netbsd' };

/** zig's name of a runner platform (`x86_64-linux`), or undefined where zig publishes no build. */
export function zigHost(p: Platform): string | undefined {
  const arch = p.goarch === 'arm' ? 'arm' : ARCH[p.goarch];
  const os = OS[p.goos];
  return arch && os ? `${arch}-${os}` : undefined;
}

/**
 * The archive's two spellings: zig named them `zig-<os>-<arch>-<version>` up to 0.14.0 and
 * `zig-<arch>-<os>-<version>` from 0.14.1 on. The first is the one this version was published as.
 */
export function archiveNames(version: string, host: string): string[] {
  const [arch, os] = host.split('-');
  const ext = os === 'windows' ? '.zip' : '.tar.xz';
  const oldForm = `zig-${os}-${arch}-${version}${ext}`;
  const newForm = `zig-${arch}-${os}-${version}${ext}`;
  return semver.lt(version, '0.14.1') ? [oldForm, newForm] : [newForm, oldForm];
}

/** The archive's one top directory: its name without the extension. */
export function topDirectory(file: string): string {
  return file.replace(/\.(tar\.xz|zip)$/, '');
}

export interface ZigArchive {
  version: string;
  host: string;
  file: string;
  url: string;
  sha256: string;
  source: 'zig-sha256' | 'checksum table';
  warnings: string[];
}

const files = table.files as Record<string, { version: string; host: string; sha256: string }>;

/** The versions the shipped table knows for a host, newest first: for errors. */
export function knownVersions(host: string): string[] {
  const versions = Object.values(files)
    .filter((e) => e.host === host)
    .map((e) => e.version);
  return [...new Set(versions)].sort(semver.rcompare);
}

function pinned(pins: ArchivePins, names: string[]): { file: string; sha256: string } | undefined {
  if (pins.kind === 'single') return { file: names[0], sha256: pins.sha256 };
  if (pins.kind === 'files')
    for (const file of names) {
      const sha256 = pins.byFile.get(file);
      if (sha256) return { file, sha256 };
    }
  return undefined;
}

/**
 * The archive for one runner platform and what vouches for it, or the problem of the zig-version
 * (or zig-sha256) input. A pin wins over the table (a repack or an internal build), with
 * a warning when they differ; a mirror never decides a hash.
 */
export function chooseZigArchive(spec: ZigSpec, platform: Platform): ZigArchive | InputProblem {
  const host = zigHost(platform);
  if (!host) return versionProblem(spec, `zig publishes no build for a ${platform.goos}/${platform.goarch} runner`);
  const names = archiveNames(spec.version, host);
  const official = names.map((file) => ({ file, e: Object.hasOwn(files, file) ? files[file] : undefined })).find((x) => x.e);
  const pin = pinned(spec.pins, names);
  const where = (file: string) => {
    if (spec.mirror) return `${spec.mirror}/${file}`;
    return spec.version.includes('-dev.') ? `${ZIG_BUILDS}/${file}` : `${ZIG_DOWNLOADS}/${spec.version}/${file}`;
  };
  if (pin) {
    const file = official && spec.pins.kind === 'single' ? official.file : pin.file;
    const warnings =
      official && official.e!.sha256 !== pin.sha256
        ? [
            `zig-sha256 pins ${pin.sha256} for ${file}, but zig's official hash of ${official.file} is ${official.e!.sha256}: installing the pinned bytes, not zig's.`,
          ]
        : [];
    return { version: spec.version, host, file, url: where(file), sha256: pin.sha256, source: 'zig-sha256', warnings };
  }
  if (spec.pins.kind === 'files')
    return {
      input: 'zig-sha256',
      value: [...spec.pins.byFile.keys()].join(', '),
      problem: `no line pins ${names[0]}, the zig archive this runner needs (lines pin ${[...spec.pins.byFile.keys()].join(', ')})`,
      allowed: 'a "HASH  FILENAME" line for the archive each runner needs',
    };
  if (official)
    return {
      version: spec.version,
      host,
      file: official.file,
      url: where(official.file),
      sha256: official.e!.sha256,
      source: 'checksum table',
      warnings: [],
    };
  const known = knownVersions(host);
  return versionProblem(
    spec,
    `no SHA-256 is known for zig ${spec.version} on ${host}: the table shipped with the action knows ${known.join(', ') || 'no version for this host'}; pin another version's archive with zig-sha256 ("HASH  ${names[0]}")`,
  );
}

function versionProblem(spec: ZigSpec, problem: string): InputProblem {
  return {
    input: 'zig-version',
    value: spec.version,
    problem,
    allowed: 'a zig release the action knows the hash of, or any version with its hash in zig-sha256',
  };
}
