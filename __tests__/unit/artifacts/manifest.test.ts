import type { Artifact } from '../../../src/artifacts/manifest.js';
import { checksummedFiles } from '../../../src/artifacts/manifest.js';

describe('checksummedFiles', () => {
  const artifact = (name: string, sha: string, sbom?: Artifact['sbom']): Artifact => ({
    target: 'linux/amd64',
    goos: 'linux',
    goarch: 'amd64',
    variant: '',
    name,
    path: `dist/${name}`,
    size: 1,
    sha256: sha.repeat(64),
    archive: null,
    binaries: [name],
    cacheHit: null,
    go: '1.24.4',
    checksums: 'SHA256SUMS',
    ...(sbom ? { sbom } : {}),
  });
  const sbom = (name: string): NonNullable<Artifact['sbom']> => ({
    name,
    path: `dist/${name}`,
    size: 2,
    sha256: 'f'.repeat(64),
    format: 'spdx',
  });

  it('lists every artifact, each followed by its SBOM when it has one', () => {
    const files = checksummedFiles([
      artifact('app-linux-amd64', 'a', sbom('app-linux-amd64.spdx.json')),
      artifact('app-linux-arm64', 'b'),
      artifact('app-windows-amd64.zip', 'c', sbom('app-windows-amd64.zip.spdx.json')),
    ]);
    expect(files.map((f) => [f.name, f.sha256[0]])).toEqual([
      ['app-linux-amd64', 'a'],
      ['app-linux-amd64.spdx.json', 'f'],
      ['app-linux-arm64', 'b'],
      ['app-windows-amd64.zip', 'c'],
      ['app-windows-amd64.zip.spdx.json', 'f'],
    ]);
  });

  it('lists nothing for no artifacts', () => {
    expect(checksummedFiles([])).toEqual([]);
  });
});
