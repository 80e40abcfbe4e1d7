// One artifact's SBOM as a CycloneDX 1.6 JSON BOM, from its binary's build info. Pure.
//
// metadata.component is the artifact (its SHA-256: what an attestation names as subject); the
// components are the Go standard library and every module compiled into it, all of which it
// depends on. Properties use the official cdx:gomod taxonomy where it has a name (GOOS, GOARCH,
// CGO_ENABLED, GOVERSION, tags, the binary), and go-crossbuild:build:KEY for every setting as Go
// recorded it. A module replaced by a fork names the original as its pedigree's ancestor.
import type { BuildInfo } from '../binaries/buildinfo.js';
import { setting } from '../binaries/buildinfo.js';
import { golangPurl } from './purl.js';
import { describeBuild, sbomUuid, timestamp, type SbomComponent, type SbomSubject } from './sbom-model.js';

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

export function cyclonedxBom(info: BuildInfo, s: SbomSubject): Record<string, unknown> {
  const { program, components } = describeBuild(info, s);
  const ref = program.purl ?? `go-crossbuild:artifact:${s.artifact.name}`;
  const tags = (setting(info, '-tags') ?? '').split(',').filter(Boolean);
  const gomod = [
    ...['GOOS', 'GOARCH', 'CGO_ENABLED'].flatMap((k) =>
      setting(info, k) === undefined ? [] : [prop(`cdx:gomod:build:env:${k}`, setting(info, k)!)],
    ),
    prop('cdx:gomod:build:env:GOVERSION', info.goVersion),
    ...tags.map((tag) => prop('cdx:gomod:build:tag', tag)),
    prop('cdx:gomod:binary:name', s.binary.name),
    prop('cdx:gomod:binary:hash:SHA-256', s.binary.sha256),
  ];
  const parts = components.map(component);
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
      component: {
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
    },
    components: parts,
    dependencies: [{ ref, dependsOn: parts.map((p) => p['bom-ref'] as string) }],
  };
}
