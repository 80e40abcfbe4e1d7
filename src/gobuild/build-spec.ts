// What a cross-build is asked to do: shared by build mode and plan mode (which checks it for the shards).
import type { ArchiveMode } from './artifact-names.js';
import type { TargetEntry } from '../targets/target.js';
import type { CgoSpec } from '../cc/compilers.js';
import type { GenerateMode } from './generate.js';
import type { BuildSettings } from './settings.js';
import type { CommandTemplate } from '../lib/command-template.js';

/** The `sbom` input: an SBOM beside each artifact, in one of two formats, or none. */
export type SbomFormat = 'spdx' | 'cyclonedx';
export type SbomMode = 'none' | SbomFormat;

export interface BuildSpec {
  targets: TargetEntry[];
  exclude: string[];
  packages: string[];
  binaryName?: string;
  /** project-name: what `{name}` renders in an archive's name (names.ts nameProject has the default). */
  projectName?: string;
  artifactName: string;
  /** checksum-name: the checksum file's name template (artifact-names.ts CHECKSUM_FIELDS). */
  checksumName: string;
  outputDir: string;
  settings: BuildSettings;
  reproducible: boolean;
  parallel: number;
  failFast: boolean;
  archive: ArchiveMode;
  /** archive-files: globs, relative to working-directory, of files put in every archive. */
  archiveFiles: string[];
  /** One SBOM per artifact, from its binary's build info. */
  sbom: SbomMode;
  /**
   * Publish binaries whose build info says the checkout had changes (vcs.modified=true); auto: yes,
   * with one warning, except on a release build (buildinfo-check.ts's cleanTreeRule).
   */
  allowDirty: boolean | 'auto';
  /** cgo's C compilers (settings.cgo says whether cgo is on). */
  cgo: CgoSpec;
  /** `sign`: run on each checked binary before anything is published (sign.ts). */
  sign?: CommandTemplate;
  /** `sign-checksums`, build mode: run on the written checksum file (artifacts/checksum-signature.ts). */
  signChecksums?: CommandTemplate;
}

export interface GenerateSpec {
  mode: GenerateMode;
  packages: string[];
}
