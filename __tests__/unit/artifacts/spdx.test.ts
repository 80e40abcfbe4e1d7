import type { SbomSubject } from '../../../src/artifacts/sbom-model.js';
import { spdxDocument } from '../../../src/artifacts/spdx.js';
import { schemaErrors } from '../../support/sbom-schemas.ts';
import { armInfo, capturedInfo } from './sbom-fixtures.js';
import type { BuildInfo } from '../../../src/binaries/buildinfo.js';

const read = capturedInfo;
const arm = armInfo;
const subject: SbomSubject = {
  artifact: { name: 'sbomapp-linux-arm-7.tar.gz', sha256: 'a'.repeat(64), archive: 'tar.gz' },
  binary: { name: 'sbomapp', sha256: 'b'.repeat(64) },
  target: { id: 'linux/arm/7', goos: 'linux', goarch: 'arm' },
  time: new Date(1_700_000_000_000),
};

interface Pkg {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  checksums?: { algorithm: string; checksumValue: string }[];
  externalRefs?: { referenceLocator: string }[];
  comment?: string;
  annotations?: { comment: string; annotationDate: string }[];
  primaryPackagePurpose?: string;
}

describe('spdxDocument', () => {
  it("is valid SPDX 2.3 for every captured build info, by the format's own schema", () => {
    for (const info of [arm, read('sbomapp-go1.23.5-dirty-cgo.txt')]) expect(schemaErrors('spdx', spdxDocument(info, subject))).toEqual([]);
    // The check can fail: a checksum algorithm SPDX does not know, a missing required field.
    const doc = spdxDocument(arm, subject) as { packages: Pkg[]; dataLicense?: string };
    doc.packages[0].checksums = [{ algorithm: 'H1', checksumValue: 'x' }];
    delete doc.dataLicense;
    expect(schemaErrors('spdx', doc)).toEqual(
      expect.arrayContaining([
        "/ must have required property 'dataLicense'",
        '/packages/0/checksums/0/algorithm must be equal to one of the allowed values',
      ]),
    );
  });

  it('describes the artifact by name and SHA-256, stamped with the build time, with a namespace from its hash', () => {
    const doc = spdxDocument(arm, subject) as {
      packages: Pkg[];
      relationships: unknown[];
      documentNamespace: string;
      creationInfo: unknown;
    };
    expect(doc.creationInfo).toEqual({ created: '2023-11-14T22:13:20Z', creators: ['Tool: go-crossbuild'] });
    expect(doc.documentNamespace).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const artifact = doc.packages[0];
    expect(artifact).toMatchObject({
      SPDXID: 'SPDXRef-Artifact',
      name: 'example.com/sbomapp',
      versionInfo: 'v0.0.0-20231114221320-f1f42fbb1c56',
      primaryPackagePurpose: 'ARCHIVE',
      checksums: [{ algorithm: 'SHA256', checksumValue: 'a'.repeat(64) }],
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: expect.stringContaining('?goarch=arm&goos=linux'),
        },
      ],
    });
    expect(artifact.comment).toContain(`holds the binary sbomapp (SHA-256 ${'b'.repeat(64)})`);
    expect(artifact.annotations!.map((a) => a.comment)).toContain('Go build setting: GOARM=7');
    expect(artifact.annotations!.map((a) => a.comment)).toContain(
      'Go build setting: vcs.revision=f1f42fbb1c5624101144be4fd6619f0ce844fd84',
    );
    expect(doc.relationships).toContainEqual({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: 'SPDXRef-Artifact',
    });
  });

  it('lists every module with its version, its h1 sum and what it replaces, and the standard library', () => {
    const doc = spdxDocument(arm, subject) as {
      packages: Pkg[];
      relationships: { relatedSpdxElement: string; relationshipType: string }[];
    };
    const byName = new Map(doc.packages.slice(1).map((p) => [p.name, p]));
    expect([...byName.keys()]).toEqual(['stdlib', 'example.com/greetlib', 'example.com/locallib', 'example.com/shoutfork']);
    expect(byName.get('stdlib')).toMatchObject({ versionInfo: '1.24.4', externalRefs: [{ referenceLocator: 'pkg:golang/stdlib@1.24.4' }] });
    expect(byName.get('example.com/greetlib')).toMatchObject({
      versionInfo: 'v1.0.0',
      checksums: [{ algorithm: 'SHA256', checksumValue: 'eff3725f158fe26512f4cc3d527b8cd940d886cae6a262e86b302b6787da57ce' }],
      comment: expect.stringContaining('h1:7/NyXxWP4mUS9Mw9UnuM2UDYhsrmomLoazArZ4faV84='),
    });
    expect(byName.get('example.com/shoutfork')!.comment).toContain('Replaces example.com/shoutlib v1.2.0');
    expect(byName.get('example.com/locallib')).toMatchObject({
      versionInfo: '(devel)',
      comment: expect.stringContaining('directory ./locallib'),
    });
    expect(byName.get('example.com/locallib')!.checksums).toBeUndefined();
    const contained = doc.relationships.filter((r) => r.relationshipType === 'CONTAINS').map((r) => r.relatedSpdxElement);
    expect(contained).toEqual(doc.packages.slice(1).map((p) => p.SPDXID));
    expect(new Set(doc.packages.map((p) => p.SPDXID)).size).toBe(doc.packages.length);
    for (const p of doc.packages) expect(p.SPDXID).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);
  });

  it('gives distinct SPDXIDs to modules whose names clean up to the same text', () => {
    const twins: BuildInfo = {
      ...arm,
      deps: [
        { path: 'a/b', version: 'v1', sum: '' },
        { path: 'a-b', version: 'v1', sum: '' },
      ],
    };
    const ids = (spdxDocument(twins, subject) as { packages: Pkg[] }).packages.map((p) => p.SPDXID);
    expect(ids).toEqual(['SPDXRef-Artifact', 'SPDXRef-Go-stdlib-stdlib-1.24.4', 'SPDXRef-Go-module-a-b-v1', 'SPDXRef-Go-module-a-b-v1-2']);
  });
});
