// One artifact's SBOM as an SPDX 2.3 JSON document, from its binary's build info. Pure.
//
// The document DESCRIBES one package, the artifact (its file name and SHA-256: what an attestation
// names as subject), which CONTAINS the Go standard library and every module Go compiled into it.
// SPDX 2.3 has no free-form properties: the build settings become the artifact's annotations, and a
// module's go.sum hash and replacement its comment. An archive of several binaries CONTAINS each
// binary (a package with its own hash), and each binary CONTAINS what Go compiled into it.
import type { BuildInfo } from '../binaries/buildinfo.js';
import {
  componentKey,
  describeBinaries,
  describeBuild,
  sbomUuid,
  settingLines,
  timestamp,
  type ArchiveSubject,
  type SbomBinary,
  type SbomComponent,
  type SbomSubject,
} from './sbom-model.js';

const TOOL = 'Tool: go-crossbuild';

/** An SPDXID from free text: `SPDXRef-` and letters, digits, `.` and `-` only. */
function spdxId(kind: string, text: string): string {
  return `SPDXRef-${kind}-${text.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '')}`;
}

function componentComment(c: SbomComponent): string | undefined {
  const said: string[] = [];
  if (c.kind === 'stdlib') said.push('The Go standard library the binary was built with.');
  if (c.sum) said.push(`go.sum hash ${c.sum} (the SHA256 checksum is this hash in hex).`);
  if (c.replaces) said.push(`Replaces ${c.replaces.path} ${c.replaces.version} (a replace directive in go.mod).`);
  if (c.directory)
    said.push(`Replaced by the directory ${c.directory} of the checkout (a replace directive in go.mod): no release, no go.sum hash.`);
  return said.length ? said.join(' ') : undefined;
}

export function spdxDocument(info: BuildInfo, s: SbomSubject): Record<string, unknown> {
  const { program, components } = describeBuild(info, s);
  const created = timestamp(s.time);
  const artifactId = 'SPDXRef-Artifact';
  const unique = uniqueIds(artifactId);
  const binaryNote =
    s.artifact.archive !== null ? ` The ${s.artifact.archive} archive holds the binary ${s.binary.name} (SHA-256 ${s.binary.sha256}).` : '';
  const artifact = {
    SPDXID: artifactId,
    name: program.name,
    ...(program.version ? { versionInfo: program.version } : {}),
    packageFileName: s.artifact.name,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: s.artifact.archive ? 'ARCHIVE' : 'APPLICATION',
    builtDate: created,
    checksums: [{ algorithm: 'SHA256', checksumValue: s.artifact.sha256 }],
    ...(program.purl
      ? { externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: program.purl }] }
      : {}),
    comment: `The Go program ${info.path}, built by ${info.goVersion} for ${s.target.id}, as its embedded build info (go version -m) says.${binaryNote}`,
    annotations: settingLines(info).map((line) => ({
      annotationDate: created,
      annotationType: 'OTHER',
      annotator: TOOL,
      comment: `Go build setting: ${line}`,
    })),
  };
  const packages = components.map((c) => componentPackage(c, unique));
  return document(
    s,
    created,
    [artifact, ...packages],
    [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: artifactId },
      ...packages.map((p) => ({ spdxElementId: artifactId, relationshipType: 'CONTAINS', relatedSpdxElement: p.SPDXID })),
    ],
  );
}

/** The document of `packages` and their `relationships`: what both kinds of SBOM share. */
function document(s: SbomSubject | ArchiveSubject, created: string, packages: unknown[], relationships: unknown[]) {
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: s.artifact.name,
    documentNamespace: `urn:uuid:${sbomUuid('spdx', s)}`,
    creationInfo: { created, creators: [TOOL] },
    packages,
    relationships,
  };
}

/** Makes SPDXIDs unique within a document (`-2`, `-3` after a repeat); `taken` is already used. */
function uniqueIds(taken: string): (id: string) => string {
  const used = new Set<string>([taken]);
  return (id) => {
    let n = 1;
    let out = id;
    while (used.has(out)) out = `${id}-${++n}`;
    used.add(out);
    return out;
  };
}

/** A module or the standard library as an SPDX package, its SPDXID made unique by `unique`. */
function componentPackage(c: SbomComponent, unique: (id: string) => string) {
  const comment = componentComment(c);
  return {
    SPDXID: unique(spdxId(c.kind === 'stdlib' ? 'Go-stdlib' : 'Go-module', `${c.name}-${c.version ?? ''}`)),
    name: c.name,
    ...(c.version ? { versionInfo: c.version } : {}),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: 'LIBRARY',
    ...(c.sha256 ? { checksums: [{ algorithm: 'SHA256', checksumValue: c.sha256 }] } : {}),
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl }],
    ...(comment ? { comment } : {}),
  };
}

/**
 * An archive of several binaries: the archive DESCRIBED, CONTAINING each binary (an APPLICATION
 * package with its entry name, hash, purl and build settings), each binary CONTAINING the union's
 * packages Go compiled into it.
 */
export function spdxArchiveDocument(parts: SbomBinary[], s: ArchiveSubject): Record<string, unknown> {
  const { binaries, union } = describeBinaries(parts, s);
  const created = timestamp(s.time);
  const artifactId = 'SPDXRef-Artifact';
  const unique = uniqueIds(artifactId);
  const names = binaries.map((b) => b.part.binary.name);
  const artifact = {
    SPDXID: artifactId,
    name: s.artifact.name,
    packageFileName: s.artifact.name,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: 'ARCHIVE',
    builtDate: created,
    checksums: [{ algorithm: 'SHA256', checksumValue: s.artifact.sha256 }],
    comment: `The ${s.artifact.archive ?? ''} archive of ${binaries.length} Go programs built for ${s.target.id}: ${names.join(', ')}.`,
  };
  const programs = binaries.map(({ part, program }) => ({
    SPDXID: unique(spdxId('Binary', part.binary.name)),
    name: program.name,
    ...(program.version ? { versionInfo: program.version } : {}),
    packageFileName: part.binary.name,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: 'APPLICATION',
    builtDate: created,
    checksums: [{ algorithm: 'SHA256', checksumValue: part.binary.sha256 }],
    ...(program.purl
      ? { externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: program.purl }] }
      : {}),
    comment: `The Go program ${part.info.path}, built by ${part.info.goVersion} for ${s.target.id}, as its embedded build info (go version -m) says.`,
    annotations: settingLines(part.info).map((line) => ({
      annotationDate: created,
      annotationType: 'OTHER',
      annotator: TOOL,
      comment: `Go build setting: ${line}`,
    })),
  }));
  const packages = union.map((c) => componentPackage(c, unique));
  const idOf = new Map(union.map((c, i) => [componentKey(c), packages[i].SPDXID]));
  return document(
    s,
    created,
    [artifact, ...programs, ...packages],
    [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: artifactId },
      ...programs.map((p) => ({ spdxElementId: artifactId, relationshipType: 'CONTAINS', relatedSpdxElement: p.SPDXID })),
      ...binaries.flatMap((b, i) =>
        b.components.map((c) => ({
          spdxElementId: programs[i].SPDXID,
          relationshipType: 'CONTAINS',
          relatedSpdxElement: idOf.get(componentKey(c)),
        })),
      ),
    ],
  );
}
