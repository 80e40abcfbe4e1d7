// What artifacts.json records of each artifact, and what the checksum file lists. Pure.
import type { ArchiveFormat } from '../gobuild/artifact-names.js';
import type { SbomFormat } from '../gobuild/build-spec.js';

export interface Artifact {
  target: string;
  goos: string;
  goarch: string;
  variant: string;
  name: string;
  /** Relative to the workspace, as upload-artifact and release steps take it. */
  path: string;
  size: number;
  sha256: string;
  archive: ArchiveFormat | null;
  /** The binaries' file names: an archive's binary entries, or a bare binary's own name (the artifact's). */
  binaries: string[];
  /** The target's build cache matched its key exactly; null when caching is off. */
  cacheHit: boolean | null;
  /** The Go version that built it (`1.24.4`): merge checks that every shard used the same. */
  go: string;
  /** Its SBOM (the sbom input), a file beside it; absent without one. */
  sbom?: SbomFile;
  /** The checksum file that lists it (checksum-name rendered): merge writes the same. */
  checksums: string;
  /** The C library a cgo build linked through the managed compiler (`glibc 2.17`, `musl`, `mingw-w64`); absent otherwise. */
  libc?: string;
  /**
   * A darwin/amd64 or darwin/arm64 artifact: the name its darwin/universal artifact takes, as the
   * build that made it names it. Merge pairs the slices by it and writes the universal artifact
   * under it, since merge has neither the artifact-name template nor the checkout's stamp.
   */
  universal?: string;
}

/** An artifact's SBOM file: listed in the checksum file like the artifact. */
export interface SbomFile {
  name: string;
  path: string;
  size: number;
  sha256: string;
  format: SbomFormat;
}

/** What the checksum file lists: every artifact and every SBOM. */
export function checksummedFiles(artifacts: Artifact[]): { name: string; sha256: string }[] {
  return artifacts.flatMap((a) => [a, ...(a.sbom ? [a.sbom] : [])]);
}
