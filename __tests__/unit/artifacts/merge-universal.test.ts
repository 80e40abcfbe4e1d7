import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFat } from '../../../src/binaries/fat-macho.js';
import { assembleInMerge, sbomFacts, universalEntries } from '../../../src/artifacts/merge-universal.js';
import type { ArchiveEntry } from '../../../src/artifacts/archive-read.js';
import type { Artifact } from '../../../src/artifacts/manifest.js';
import { sha256 } from '../../../src/artifacts/publish.js';
import type { UniversalPair } from '../../../src/artifacts/shard-merge.js';
import { goMachO } from './universal-fixtures.js';

const mtime = new Date(1_700_000_000_000);
const entry = (name: string, data: Buffer | string, mode = 0o644): ArchiveEntry => ({ name, data: Buffer.from(data), mode, mtime });

describe('universalEntries', () => {
  const amd64 = [entry('hello', goMachO('amd64'), 0o755), entry('LICENSE', 'MIT')];
  const arm64 = [entry('hello', goMachO('arm64'), 0o755), entry('LICENSE', 'MIT')];

  it("joins each binary with its namesake and keeps the other files, in the amd64 archive's order", () => {
    const joined = universalEntries(amd64, [...arm64].reverse(), ['hello']);
    if (typeof joined === 'string') throw new Error(joined);
    expect(joined.entries.map((e) => [e.name, e.mode])).toEqual([
      ['hello', 0o755],
      ['LICENSE', 0o644],
    ]);
    const slices = readFat(joined.entries[0].data);
    expect('problem' in slices ? slices : slices.map((s) => s.goarch)).toEqual(['amd64', 'arm64']);
    expect(joined.infos.map((i) => [i.name, i.info.path])).toEqual([['hello', 'example.com/hello']]);
  });

  it('joins every binary of a several-binary archive', () => {
    const two = (goarch: string) => [
      entry('server', goMachO(goarch), 0o755),
      entry('client', goMachO(goarch), 0o755),
      entry('LICENSE', 'MIT'),
    ];
    const joined = universalEntries(two('amd64'), two('arm64'), ['server', 'client']);
    if (typeof joined === 'string') throw new Error(joined);
    expect(joined.entries.map((e) => e.name)).toEqual(['server', 'client', 'LICENSE']);
    for (const e of joined.entries.slice(0, 2)) {
      const slices = readFat(e.data);
      expect('problem' in slices ? slices : slices.map((s) => s.goarch)).toEqual(['amd64', 'arm64']);
    }
    expect(joined.infos.map((i) => i.name)).toEqual(['server', 'client']);
  });

  it('refuses archives that hold different files, a file that differs, a listed binary missing or not a Mach-O', () => {
    expect(universalEntries(amd64, arm64.slice(0, 1), ['hello'])).toBe("the slices' archives hold different files (hello, LICENSE; hello)");
    expect(universalEntries(amd64, [arm64[0], entry('LICENSE', 'BSD')], ['hello'])).toBe("LICENSE differs between the slices' archives");
    expect(universalEntries(amd64, arm64, ['tool'])).toBe('the archives hold no binary tool, which artifacts.json lists');
    expect(universalEntries(amd64, arm64, ['hello', 'LICENSE'])).toMatch(/^LICENSE: /);
  });
});

describe('sbomFacts', () => {
  it("reads the time of either format, and CycloneDX's binary name", () => {
    expect(sbomFacts('spdx', JSON.stringify({ creationInfo: { created: '2023-11-14T22:13:20Z' } }))).toEqual({ time: mtime });
    const cdx = {
      metadata: { timestamp: '2023-11-14T22:13:20Z', component: { properties: [{ name: 'cdx:gomod:binary:name', value: 'hello' }] } },
    };
    expect(sbomFacts('cyclonedx', JSON.stringify(cdx))).toEqual({ time: mtime, binary: 'hello' });
    expect(sbomFacts('spdx', 'not json')).toEqual({});
  });
});

describe('assembleInMerge', () => {
  let out: string;
  beforeEach(() => (out = mkdtempSync(join(tmpdir(), 'gcb-merge-universal-'))));
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  /** A shard directory holding one bare darwin slice with a CycloneDX SBOM, as a build writes them. */
  async function shardWith(dir: string, goarch: string, bytes = goMachO(goarch)): Promise<Artifact> {
    mkdirSync(join(out, dir));
    const name = `hello-darwin-${goarch}`;
    writeFileSync(join(out, dir, name), bytes);
    const sbom = JSON.stringify({
      metadata: { timestamp: '2023-11-14T22:13:20Z', component: { properties: [{ name: 'cdx:gomod:binary:name', value: 'hello' }] } },
    });
    writeFileSync(join(out, dir, `${name}.cdx.json`), sbom);
    const file = { name: `${name}.cdx.json`, path: '', size: sbom.length, sha256: '', format: 'cyclonedx' as const };
    return {
      ...{ target: `darwin/${goarch}`, goos: 'darwin', goarch, variant: '', name, path: `dist/${name}`, size: bytes.length },
      ...{
        sha256: await sha256(join(out, dir, name)),
        archive: null,
        binaries: [name],
        cacheHit: true,
        go: '1.24.4',
        checksums: 'SHA256SUMS',
        sbom: file,
        universal: 'hello-darwin-universal',
      },
    };
  }

  it('writes the fat binary and its SBOM into a staging directory, recorded as darwin/universal from both shards', async () => {
    const pair: UniversalPair = {
      name: 'hello-darwin-universal',
      amd64: { artifact: await shardWith('s-1', 'amd64'), from: 's-1' },
      arm64: { artifact: await shardWith('s-2', 'arm64'), from: 's-2' },
    };
    const { staging, merged } = await assembleInMerge(out, [pair], out);
    expect(readdirSync(staging).filter((n) => !n.startsWith('.'))).toEqual(['hello-darwin-universal', 'hello-darwin-universal.cdx.json']);
    expect(merged).toHaveLength(1);
    const { artifact, from } = merged[0];
    expect(from).toBe('s-1 + s-2');
    expect(artifact).toMatchObject({
      target: 'darwin/universal',
      goarch: 'universal',
      name: 'hello-darwin-universal',
      archive: null,
      cacheHit: true,
    });
    expect(artifact.sha256).toBe(await sha256(join(staging, 'hello-darwin-universal')));
    const bom = JSON.parse(readFileSync(join(staging, 'hello-darwin-universal.cdx.json'), 'utf8'));
    expect(bom.metadata.timestamp).toBe('2023-11-14T22:13:20Z');
    expect(bom.metadata.component.properties).toContainEqual({ name: 'cdx:gomod:binary:name', value: 'hello' });
    expect(bom.metadata.component.properties).toContainEqual({ name: 'go-crossbuild:target', value: 'darwin/universal' });
  });

  it('fails the merge, leaving nothing behind, when a slice is not what its target says', async () => {
    const pair: UniversalPair = {
      name: 'hello-darwin-universal',
      amd64: { artifact: await shardWith('s-1', 'amd64'), from: 's-1' },
      arm64: { artifact: await shardWith('s-2', 'arm64', goMachO('amd64')), from: 's-2' },
    };
    await expect(assembleInMerge(out, [pair], out)).rejects.toThrow(
      'darwin/universal hello-darwin-universal cannot be assembled from hello-darwin-amd64 and hello-darwin-arm64: two slices are amd64; nothing was changed.',
    );
    expect(readdirSync(out).sort()).toEqual(['s-1', 's-2']);
  });
});
