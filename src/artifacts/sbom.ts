// The `sbom` input's formats, the SBOM files' names beside their artifacts, and their bytes. Pure.
import type { BuildInfo } from '../binaries/buildinfo.js';
import type { SbomFormat, SbomMode } from '../gobuild/build-spec.js';
import { cyclonedxArchiveBom, cyclonedxBom } from './cyclonedx.js';
import type { ArchiveSubject, SbomBinary, SbomSubject } from './sbom-model.js';
import { spdxArchiveDocument, spdxDocument } from './spdx.js';

export const SBOM_MODES: readonly SbomMode[] = ['none', 'spdx', 'cyclonedx'];

const SUFFIX: Record<SbomFormat, string> = { spdx: '.spdx.json', cyclonedx: '.cdx.json' };

/** `hello-linux-amd64.spdx.json`, `hello-windows-amd64.zip.cdx.json`: the artifact's name and the format's suffix. */
export function sbomFileName(artifact: string, format: SbomFormat): string {
  return `${artifact}${SUFFIX[format]}`;
}

/** The SBOM file's text: stable key order and indentation, so that equal builds give equal bytes. */
export function renderSbom(format: SbomFormat, info: BuildInfo, subject: SbomSubject): string {
  const doc = format === 'spdx' ? spdxDocument(info, subject) : cyclonedxBom(info, subject);
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** An artifact's SBOM text: one binary's as renderSbom gives it, an archive of several as the union of theirs. */
export function renderArtifactSbom(format: SbomFormat, binaries: SbomBinary[], subject: ArchiveSubject): string {
  if (binaries.length === 1) return renderSbom(format, binaries[0].info, { ...subject, binary: binaries[0].binary });
  const doc = format === 'spdx' ? spdxArchiveDocument(binaries, subject) : cyclonedxArchiveBom(binaries, subject);
  return `${JSON.stringify(doc, null, 2)}\n`;
}
