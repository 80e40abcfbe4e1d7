// One artifact's SBOM as a CycloneDX 1.6 JSON BOM, from its binary's build info. Pure.
//
// metadata.component is the artifact (its SHA-256: what an attestation names as subject); the
// components are the Go standard library and every module compiled into it, all of which it
// depends on. Properties use the official cdx:gomod taxonomy where it has a name (GOOS, GOARCH,
// CGO_ENABLED, GOVERSION, tags, the binary), and go-crossbuild:build:KEY for every setting as Go
// recorded it. A module replaced by a fork names the original as its pedigree's ancestor. An
// archive of several binaries is a file component that depends on each binary (an application
// component with its own hash), and each binary on the modules compiled into it.
import type { BuildInfo } from '../binaries/buildinfo.js';
import { setting } from '../binaries/buildinfo.js';
import { golangPurl } from './purl.js';
import {
  describeBinaries,
  describeBuild,
  sbomUuid,
  timestamp,
  type ArchiveSubject,
  type SbomBinary,
  type SbomComponent,
  type SbomSubject,
} from './sbom-model.js';

const prop = (name: string, value: string) => ({ name, value });

function component(c: SbomComponent): Record<string, unknown> {
  const properties = [
    ...(c.sum ? [prop('go-crossbuild:module:sum', c.sum)] : []),
    ...(c.directory ? [prop('go-crossbuild:module:directory', c.directory)] : []),
  ];
  return {
    type: c.kind === 'stdlib' ? 'framework' : 'library',
    'bom-ref': c.purl,
    name: c.name,
    ...(c.version ? { version: c.version } : {}),
    scope: 'required',
    ...(c.sha256 ? { hashes: [{ alg: 'SHA-256', content: c.sha256 }] } : {}),
    purl: c.purl,
    ...(c.replaces
      ? {
          pedigree: {
            ancestors: [
              {
                type: 'library',
                name: c.replaces.path,
                version: c.replaces.version,
                purl: golangPurl(c.replaces.path, c.replaces.version),
              },
            ],
          },
        }
      : {}),
    ...(properties.length ? { properties } : {}),
  };
}

/** The cdx:gomod properties of one binary: its build environment, tags, name and hash. */
function gomodProperties(info: BuildInfo, binary: { name: string; sha256: string }) {
  const tags = (setting(info, '-tags') ?? '').split(',').filter(Boolean);
  return [
    ...['GOOS', 'GOARCH', 'CGO_ENABLED'].flatMap((k) =>
      setting(info, k) === undefined ? [] : [prop(`cdx:gomod:build:env:${k}`, setting(info, k)!)],
    ),
    prop('cdx:gomod:build:env:GOVERSION', info.goVersion),
    ...tags.map((tag) => prop('cdx:gomod:build:tag', tag)),
    prop('cdx:gomod:binary:name', binary.name),
    prop('cdx:gomod:binary:hash:SHA-256', binary.sha256),
  ];
}

export function cyclonedxBom(info: BuildInfo, s: SbomSubject): Record<string, unknown> {
  const { program, components } = describeBuild(info, s);
  const ref = program.purl ?? `go-crossbuild:artifact:${s.artifact.name}`;
  const gomod = gomodProperties(info, s.binary);
  const parts = components.map(component);
  return bom(
    s,
    {
      type: 'application',
      'bom-ref': ref,
      name: program.name,
      ...(program.version ? { version: program.version } : {}),
      description: `${s.artifact.name}: the Go program ${info.path} built by ${info.goVersion} for ${s.target.id}`,
      hashes: [{ alg: 'SHA-256', content: s.artifact.sha256 }],
      ...(program.purl ? { purl: program.purl } : {}),
      properties: [
        ...gomod,
        prop('go-crossbuild:artifact', s.artifact.name),
        prop('go-crossbuild:target', s.target.id),
        ...info.settings.map((x) => prop(`go-crossbuild:build:${x.key}`, x.value)),
      ],
    },
    parts,
    [{ ref, dependsOn: parts.map((p) => p['bom-ref'] as string) }],
  );
}

/** The document around `component` (metadata.component), its components and dependencies: what both kinds of BOM share. */
function bom(s: SbomSubject | ArchiveSubject, main: Record<string, unknown>, components: unknown[], dependencies: unknown[]) {
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${sbomUuid('cyclonedx', s)}`,
    version: 1,
    metadata: {
      timestamp: timestamp(s.time),
      lifecycles: [{ phase: 'build' }],
      tools: { components: [{ type: 'application', name: 'go-crossbuild' }] },
      component: main,
    },
    components,
    dependencies,
  };
}

/**
 * An archive of several binaries: metadata.component is the archive (a file, its hash); each binary
 * is an application component (its entry name, hash, purl and build settings) the archive depends
 * on; the modules are the union of the binaries', each binary depending on its own.
 */
export function cyclonedxArchiveBom(binaries: SbomBinary[], s: ArchiveSubject): Record<string, unknown> {
  const { binaries: described, union } = describeBinaries(binaries, s);
  const ref = `go-crossbuild:artifact:${s.artifact.name}`;
  const programs = described.map(({ part, program }) => ({
    type: 'application',
    'bom-ref': `go-crossbuild:binary:${part.binary.name}`,
    name: program.name,
    ...(program.version ? { version: program.version } : {}),
    description: `${part.binary.name}: the Go program ${part.info.path} built by ${part.info.goVersion} for ${s.target.id}`,
    hashes: [{ alg: 'SHA-256', content: part.binary.sha256 }],
    ...(program.purl ? { purl: program.purl } : {}),
    properties: [
      ...gomodProperties(part.info, part.binary),
      ...part.info.settings.map((x) => prop(`go-crossbuild:build:${x.key}`, x.value)),
    ],
  }));
  return bom(
    s,
    {
      type: 'file',
      'bom-ref': ref,
      name: s.artifact.name,
      description: `${s.artifact.name}: ${described.length} Go programs built for ${s.target.id}`,
      hashes: [{ alg: 'SHA-256', content: s.artifact.sha256 }],
      properties: [prop('go-crossbuild:artifact', s.artifact.name), prop('go-crossbuild:target', s.target.id)],
    },
    // One component per bom-ref (a purl), as the schema requires.
    [...programs, ...union.filter((c, i) => union.findIndex((o) => o.purl === c.purl) === i).map(component)],
    [
      { ref, dependsOn: programs.map((p) => p['bom-ref']) },
      ...described.map((b, i) => ({ ref: programs[i]['bom-ref'], dependsOn: [...new Set(b.components.map((c) => c.purl))] })),
    ],
  );
}
