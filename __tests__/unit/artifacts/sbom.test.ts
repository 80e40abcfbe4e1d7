import { renderArtifactSbom, renderSbom, sbomFileName } from '../../../src/artifacts/sbom.js';
import { schemaErrors } from '../../support/sbom-schemas.ts';
import { armInfo, armSubject } from './sbom-fixtures.js';

const info = armInfo;
const subject = armSubject;

describe('sbomFileName', () => {
  it("puts the format's suffix after the artifact's whole name", () => {
    expect(sbomFileName('hello-linux-amd64', 'spdx')).toBe('hello-linux-amd64.spdx.json');
    expect(sbomFileName('hello-windows-amd64.zip', 'cyclonedx')).toBe('hello-windows-amd64.zip.cdx.json');
  });
});

describe('renderSbom', () => {
  it.each(['spdx', 'cyclonedx'] as const)('%s: the same build gives the same bytes, another artifact other ids', (format) => {
    const a = renderSbom(format, info, subject);
    expect(renderSbom(format, structuredClone(info), { ...subject, time: new Date(1_700_000_000_000) })).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
    const other = renderSbom(format, info, { ...subject, artifact: { ...subject.artifact, sha256: 'c'.repeat(64) } });
    expect(other).not.toBe(a);
    // No clock, no randomness: nothing but the build's time stamps the document.
    expect(a.match(/20\d\d-\d\d-\d\dT[\d:]+Z/g)!.every((d) => d === '2023-11-14T22:13:20Z')).toBe(true);
  });
});

describe('renderArtifactSbom', () => {
  const archived = { ...subject, artifact: { name: 'suite-linux-arm-7.tar.gz', sha256: 'd'.repeat(64), archive: 'tar.gz' as const } };
  const archive = { artifact: archived.artifact, target: subject.target, time: subject.time };
  // Two binaries of one module: the server without greetlib, the client with every module.
  const server = {
    info: { ...info, path: 'example.com/sbomapp/cmd/server', deps: info.deps.filter((d) => d.path !== 'example.com/greetlib') },
    binary: { name: 'server', sha256: '1'.repeat(64) },
  };
  const client = { info: { ...info, path: 'example.com/sbomapp/cmd/client' }, binary: { name: 'client', sha256: '2'.repeat(64) } };

  it.each(['spdx', 'cyclonedx'] as const)('%s: one binary renders as renderSbom does, byte for byte', (format) => {
    expect(renderArtifactSbom(format, [{ info, binary: subject.binary }], archive)).toBe(renderSbom(format, info, archived));
  });

  it('spdx: the archive contains each binary with its own hash, and each binary the union packages it was built with', () => {
    const doc = JSON.parse(renderArtifactSbom('spdx', [server, client], archive));
    expect(schemaErrors('spdx', doc)).toEqual([]);
    type Pkg = { SPDXID: string; name: string; packageFileName?: string; versionInfo?: string; checksums?: { checksumValue: string }[] };
    const pkgs: Pkg[] = doc.packages;
    expect(pkgs.slice(0, 3).map((p) => [p.SPDXID, p.name, p.packageFileName, p.checksums?.[0].checksumValue])).toEqual([
      ['SPDXRef-Artifact', 'suite-linux-arm-7.tar.gz', 'suite-linux-arm-7.tar.gz', 'd'.repeat(64)],
      ['SPDXRef-Binary-server', 'example.com/sbomapp/cmd/server', 'server', '1'.repeat(64)],
      ['SPDXRef-Binary-client', 'example.com/sbomapp/cmd/client', 'client', '2'.repeat(64)],
    ]);
    // The union: stdlib and every module once, though both binaries hold most of them.
    const names = pkgs.slice(3).map((p) => p.name);
    expect(names[0]).toBe('stdlib');
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(1 + info.deps.length);
    expect(names).toContain('example.com/greetlib');
    expect(new Set(pkgs.map((p) => p.SPDXID)).size).toBe(pkgs.length);
    const contains = (from: string) =>
      (doc.relationships as { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[])
        .filter((r) => r.spdxElementId === from && r.relationshipType === 'CONTAINS')
        .map((r) => pkgs.find((p) => p.SPDXID === r.relatedSpdxElement)!.name);
    expect(contains('SPDXRef-Artifact')).toEqual(['example.com/sbomapp/cmd/server', 'example.com/sbomapp/cmd/client']);
    expect(contains('SPDXRef-Binary-server')).not.toContain('example.com/greetlib');
    expect(contains('SPDXRef-Binary-client')).toContain('example.com/greetlib');
    expect(contains('SPDXRef-Binary-client')).toHaveLength(contains('SPDXRef-Binary-server').length + 1);
  });

  it('cyclonedx: the archive depends on each binary, an application with its own hash, and each binary on its own modules', () => {
    const bom = JSON.parse(renderArtifactSbom('cyclonedx', [server, client], archive));
    expect(schemaErrors('cyclonedx', bom)).toEqual([]);
    expect(bom.metadata.component).toMatchObject({
      type: 'file',
      name: 'suite-linux-arm-7.tar.gz',
      hashes: [{ alg: 'SHA-256', content: 'd'.repeat(64) }],
    });
    type Component = { type: string; 'bom-ref': string; name: string; hashes?: { content: string }[] };
    const components: Component[] = bom.components;
    expect(components.slice(0, 2).map((c) => [c.type, c['bom-ref'], c.name, c.hashes?.[0].content])).toEqual([
      ['application', 'go-crossbuild:binary:server', 'example.com/sbomapp/cmd/server', '1'.repeat(64)],
      ['application', 'go-crossbuild:binary:client', 'example.com/sbomapp/cmd/client', '2'.repeat(64)],
    ]);
    const refs = components.map((c) => c['bom-ref']);
    expect(new Set(refs).size).toBe(refs.length);
    const deps = new Map((bom.dependencies as { ref: string; dependsOn: string[] }[]).map((d) => [d.ref, d.dependsOn]));
    expect(deps.get('go-crossbuild:artifact:suite-linux-arm-7.tar.gz')).toEqual([
      'go-crossbuild:binary:server',
      'go-crossbuild:binary:client',
    ]);
    const greet = components.find((c) => c.name === 'example.com/greetlib')!['bom-ref'];
    expect(deps.get('go-crossbuild:binary:server')).not.toContain(greet);
    expect(deps.get('go-crossbuild:binary:client')).toContain(greet);
    for (const d of deps.values()) for (const r of d) expect(refs).toContain(r);
  });
});
