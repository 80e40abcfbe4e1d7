import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBuildInfoText, type BuildInfo } from '../../../src/binaries/buildinfo.js';
import type { Artifact } from '../../../src/artifacts/manifest.js';
import { writeSbom } from '../../../src/artifacts/sbom-file.js';

const info = parseBuildInfoText(
  readFileSync(fileURLToPath(new URL('../../fixtures/buildinfo/sbomapp-go1.24.4-linux-arm-7.txt', import.meta.url)), 'utf8'),
) as BuildInfo;
const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sbom-file-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const artifact = (name: string, archive: Artifact['archive'], sha256: string): Artifact => ({
  target: 'linux/arm/7',
  goos: 'linux',
  goarch: 'arm',
  variant: '7',
  name,
  path: `dist/${name}`,
  size: 10,
  sha256,
  archive,
  binaries: archive ? ['sbomapp'] : [name],
  cacheHit: null,
  go: '1.24.4',
  checksums: 'SHA256SUMS',
});

describe('writeSbom', () => {
  it('writes the SBOM beside the artifact and returns what SHA256SUMS and artifacts.json list', async () => {
    writeFileSync(join(dir, 'sbomapp'), 'the binary');
    const a = artifact('sbomapp-linux-arm-7', null, sha('the binary'));
    const file = await writeSbom(
      dir,
      a,
      [{ path: join(dir, 'sbomapp'), info }],
      'cyclonedx',
      new Date(1_700_000_000_000),
      (n) => `dist/${n}`,
    );
    const text = readFileSync(join(dir, 'sbomapp-linux-arm-7.cdx.json'), 'utf8');
    expect(file).toEqual({
      name: 'sbomapp-linux-arm-7.cdx.json',
      path: 'dist/sbomapp-linux-arm-7.cdx.json',
      size: Buffer.byteLength(text),
      sha256: sha(text),
      format: 'cyclonedx',
    });
    expect(JSON.parse(text).metadata.component.hashes).toEqual([{ alg: 'SHA-256', content: a.sha256 }]);
  });

  it('names the binary inside an archive by its own hash, read from the file', async () => {
    writeFileSync(join(dir, 'sbomapp'), 'the binary');
    const a = artifact('sbomapp-linux-arm-7.tar.gz', 'tar.gz', 'd'.repeat(64));
    await writeSbom(dir, a, [{ path: join(dir, 'sbomapp'), info }], 'spdx', new Date(1_700_000_000_000), (n) => `dist/${n}`);
    const doc = JSON.parse(readFileSync(join(dir, 'sbomapp-linux-arm-7.tar.gz.spdx.json'), 'utf8'));
    expect(doc.packages[0].checksums).toEqual([{ algorithm: 'SHA256', checksumValue: 'd'.repeat(64) }]);
    expect(doc.packages[0].comment).toContain(`the binary sbomapp (SHA-256 ${sha('the binary')})`);
  });

  it('covers every binary of an archive, each by its own hash read from its file', async () => {
    writeFileSync(join(dir, 'server'), 'server bytes');
    writeFileSync(join(dir, 'client'), 'client bytes');
    const a = { ...artifact('relay-linux-arm-7.tar.gz', 'tar.gz', 'd'.repeat(64)), binaries: ['server', 'client'] };
    const binaries = [
      { path: join(dir, 'server'), info },
      { path: join(dir, 'client'), info },
    ];
    await writeSbom(dir, a, binaries, 'cyclonedx', new Date(1_700_000_000_000), (n) => `dist/${n}`);
    const bom = JSON.parse(readFileSync(join(dir, 'relay-linux-arm-7.tar.gz.cdx.json'), 'utf8'));
    expect(bom.metadata.component.hashes).toEqual([{ alg: 'SHA-256', content: 'd'.repeat(64) }]);
    expect(bom.components.slice(0, 2).map((c: { hashes: unknown }) => c.hashes)).toEqual([
      [{ alg: 'SHA-256', content: sha('server bytes') }],
      [{ alg: 'SHA-256', content: sha('client bytes') }],
    ]);
  });
});
