import { describeBuild, h1Hex, sbomUuid, stdlibVersion, timestamp, uuidV5 } from '../../../src/artifacts/sbom-model.js';
import { armInfo, armSubject } from './sbom-fixtures.js';

const info = armInfo;

const subject = armSubject;

describe('describeBuild', () => {
  it('lists the standard library and every module as compiled, replacements resolved', () => {
    const { program, components } = describeBuild(info, subject);
    expect(program).toEqual({
      name: 'example.com/sbomapp',
      version: 'v0.0.0-20231114221320-f1f42fbb1c56',
      purl: 'pkg:golang/example.com/sbomapp@v0.0.0-20231114221320-f1f42fbb1c56?goarch=arm&goos=linux',
    });
    expect(components).toEqual([
      { kind: 'stdlib', name: 'stdlib', version: '1.24.4', purl: 'pkg:golang/stdlib@1.24.4' },
      {
        kind: 'module',
        name: 'example.com/greetlib',
        version: 'v1.0.0',
        purl: 'pkg:golang/example.com/greetlib@v1.0.0',
        sum: 'h1:7/NyXxWP4mUS9Mw9UnuM2UDYhsrmomLoazArZ4faV84=',
        sha256: 'eff3725f158fe26512f4cc3d527b8cd940d886cae6a262e86b302b6787da57ce',
      },
      // A directory stands in for the module: no release to name in the purl, no go.sum hash.
      {
        kind: 'module',
        name: 'example.com/locallib',
        version: '(devel)',
        purl: 'pkg:golang/example.com/locallib',
        directory: './locallib',
      },
      // A fork: what was compiled is the fork, which replaces the requirement.
      {
        kind: 'module',
        name: 'example.com/shoutfork',
        version: 'v1.2.1',
        purl: 'pkg:golang/example.com/shoutfork@v1.2.1',
        sum: 'h1:6p14OeOaU8O1+gWmdTrhfa99tVRy3YVoD2eXpNuPYfs=',
        sha256: h1Hex('h1:6p14OeOaU8O1+gWmdTrhfa99tVRy3YVoD2eXpNuPYfs='),
        replaces: { path: 'example.com/shoutlib', version: 'v1.2.0' },
      },
    ]);
  });

  it('names a main package below its module root in the purl subpath', () => {
    const helper = { ...info, path: 'example.com/sbomapp/cmd/helper', main: { path: 'example.com/sbomapp', version: '(devel)', sum: '' } };
    expect(describeBuild(helper, subject).program).toEqual({
      name: 'example.com/sbomapp/cmd/helper',
      // Go's word for a main module without a release: kept as the version, left out of the purl.
      version: '(devel)',
      purl: 'pkg:golang/example.com/sbomapp?goarch=arm&goos=linux#cmd/helper',
    });
  });
});

describe('helpers', () => {
  it('decodes h1 sums to the SHA-256 they are, and nothing else', () => {
    expect(h1Hex('h1:7/NyXxWP4mUS9Mw9UnuM2UDYhsrmomLoazArZ4faV84=')).toMatch(/^[0-9a-f]{64}$/);
    expect(h1Hex('h2:abc')).toBeUndefined();
    expect(h1Hex('h1:YWJj')).toBeUndefined();
  });

  it('makes RFC 4122 version 5 UUIDs (as Python computes them) from the artifact', () => {
    expect(uuidV5('urn:go-crossbuild:sbom:spdx:abc:hello')).toBe('63c8d581-0cf9-5ddc-a13f-1491164a709d');
    expect(sbomUuid('spdx', subject)).toBe(sbomUuid('spdx', { ...subject }));
    expect(sbomUuid('spdx', subject)).not.toBe(sbomUuid('cyclonedx', subject));
    expect(sbomUuid('spdx', subject)).not.toBe(sbomUuid('spdx', { ...subject, artifact: { ...subject.artifact, sha256: 'b'.repeat(64) } }));
  });

  it('writes the standard library version and times as scanners and schemas take them', () => {
    expect(stdlibVersion('go1.24.4 X:boringcrypto')).toBe('1.24.4');
    expect(stdlibVersion('go1.25rc1')).toBe('1.25rc1');
    expect(timestamp(new Date(1_700_000_000_123))).toBe('2023-11-14T22:13:20Z');
  });
});
