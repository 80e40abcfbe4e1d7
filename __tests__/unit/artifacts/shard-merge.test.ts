import { checksumsFileOf, mergeShards, parseSums, type ShardOutput } from '../../../src/artifacts/shard-merge.js';
import type { Artifact } from '../../../src/artifacts/manifest.js';
import { t } from '../helpers.js';

describe('merge', () => {
  const A = 'a'.repeat(64);
  const B = 'b'.repeat(64);
  const entry = (target: string, name: string, sha256: string): Artifact => {
    const [goos, goarch, variant = ''] = target.split('/');
    return {
      target,
      goos,
      goarch,
      variant,
      name,
      path: `dist/${name}`,
      size: 3,
      sha256,
      archive: null as 'tar.gz' | 'zip' | null,
      binaries: [name],
      cacheHit: null,
      go: '1.24.4',
      checksums: 'SHA256SUMS',
    };
  };
  const shard = (
    dir: string,
    entries: ReturnType<typeof entry>[],
    files = entries.map((e) => [e.name, e.sha256] as const),
  ): ShardOutput => ({
    dir,
    manifest: entries,
    sums: entries.map((e) => `${e.sha256}  ${e.name}\n`).join(''),
    files: new Map(files.map(([n, h]) => [n, { size: 3, sha256: h }])),
  });
  const s1 = shard('s-1', [entry('linux/amd64', 'x-linux-amd64', A)]);
  const s2 = shard('s-2', [entry('linux/arm/7', 'x-linux-arm-7', B)]);

  describe('darwin/universal, when the targets name it and no shard built it', () => {
    const U = 'x-darwin-universal.tar.gz';
    const slice = (arch: string, sha: string, universal = U, more: object = {}) => ({
      ...entry(`darwin/${arch}`, `x-darwin-${arch}.tar.gz`, sha),
      archive: 'tar.gz' as const,
      ...(universal ? { universal } : {}),
      ...more,
    });
    const targets = [t('darwin/amd64'), t('darwin/arm64'), t('darwin/universal')];

    it('pairs the slices by the name they record, from different shards, for merge to assemble', () => {
      const merged = mergeShards([shard('s-1', [slice('amd64', A)]), shard('s-2', [slice('arm64', B)])], targets);
      if (!('universal' in merged) || !merged.universal) throw new Error(JSON.stringify(merged));
      expect(merged.universal.map((p) => [p.name, p.amd64.from, p.arm64.from])).toEqual([[U, 's-1', 's-2']]);
      expect(merged.artifacts.map((m) => m.artifact.target)).toEqual(['darwin/amd64', 'darwin/arm64']);
    });

    it('assembles nothing when a shard built it, or when the targets do not name it', () => {
      const built = { ...entry('darwin/universal', U, A), archive: 'tar.gz' as const };
      const one = shard('s-1', [slice('amd64', A), slice('arm64', B), built]);
      expect(mergeShards([one], targets)).not.toHaveProperty('universal');
      expect(mergeShards([shard('s-1', [slice('amd64', A)]), shard('s-2', [slice('arm64', B)])])).not.toHaveProperty('universal');
    });

    it('takes a bare darwin/universal a shard built when its header is a fat file of both slices, and refuses a thin one', () => {
      const fatHead = Buffer.alloc(48);
      fatHead.writeUInt32BE(0xcafebabe, 0);
      fatHead.writeUInt32BE(2, 4);
      fatHead.writeUInt32BE(0x01000007, 8);
      fatHead.writeUInt32BE(0x0100000c, 28);
      const bare = shard('s-1', [entry('darwin/universal', 'x-darwin-universal', A)]);
      bare.files.set('x-darwin-universal', { size: 3, sha256: A, head: fatHead });
      expect(mergeShards([bare], [t('darwin/universal')])).toHaveProperty('artifacts');
      const thin = Buffer.alloc(32);
      thin.writeUInt32LE(0xfeedfacf, 0);
      thin.writeUInt32LE(0x0100000c, 4);
      bare.files.set('x-darwin-universal', { size: 3, sha256: A, head: thin });
      expect(mergeShards([bare], [t('darwin/universal')])).toEqual({
        problems: [
          's-1/x-darwin-universal: its header contradicts target darwin/universal in artifacts.json: MACHO header says arm64, not universal',
          'no shard built darwin/universal',
        ],
      });
    });

    it('refuses a slice without its partner, slices archived or SBOMed differently, and a universal name nobody records', () => {
      expect(mergeShards([shard('s-1', [slice('amd64', A)])], [t('darwin/amd64'), t('darwin/universal')])).toEqual({
        problems: [`darwin/universal ${U}: x-darwin-amd64.tar.gz records it, but no darwin/arm64 artifact does`],
      });
      const zip = slice('arm64', B, U, { archive: 'zip', name: 'x-darwin-arm64.zip' });
      expect(mergeShards([shard('s-1', [slice('amd64', A)]), shard('s-2', [zip])], targets)).toEqual({
        problems: [`darwin/universal ${U}: its slices are archived differently (tar.gz, zip)`],
      });
      const sbom = { name: 'x-darwin-arm64.tar.gz.spdx.json', path: 'dist/x', size: 3, sha256: A, format: 'spdx' };
      const withSbom = shard(
        's-2',
        [slice('arm64', B, U, { sbom })],
        [
          ['x-darwin-arm64.tar.gz', B],
          [sbom.name, A],
        ],
      );
      withSbom.sums += `${A}  ${sbom.name}\n`;
      expect(mergeShards([shard('s-1', [slice('amd64', A)]), withSbom], targets)).toEqual({
        problems: [`darwin/universal ${U}: its slices' SBOMs differ (none, spdx)`],
      });
      // Shards of a release before darwin/universal record no name: nothing to pair.
      expect(mergeShards([shard('s-1', [slice('amd64', A, '')]), shard('s-2', [slice('arm64', B, '')])], targets)).toEqual({
        problems: ['no shard built darwin/universal'],
      });
      expect(mergeShards([shard('s-1', [slice('amd64', A, 'a/b')])])).toEqual({
        problems: ['s-1: artifacts.json entry 0 has no darwin/universal name that is a plain file name'],
      });
    });
  });

  it('merges in the order of the expected targets', () => {
    const merged = mergeShards([s1, s2], [t('linux/arm/7'), t('linux/amd64')]);
    expect('artifacts' in merged && merged.artifacts.map((m) => [m.from, m.artifact.name])).toEqual([
      ['s-2', 'x-linux-arm-7'],
      ['s-1', 'x-linux-amd64'],
    ]);
  });

  it('rejects an entry listed twice within one shard, a target that is not its own fields, and a binary whose header says another platform', () => {
    // artifacts.json lists one file twice; SHA256SUMS, which sha256sum -c reads, once.
    const twice = {
      ...shard('s-1', [entry('linux/amd64', 'x-linux-amd64', A), entry('linux/amd64', 'x-linux-amd64', A)]),
      sums: `${A}  x-linux-amd64\n`,
    };
    expect(mergeShards([twice])).toEqual({ problems: ['artifact x-linux-amd64 is listed 2 times in s-1'] });

    const relabelled = shard('s-1', [{ ...entry('linux/amd64', 'x-linux-amd64', A), goarch: 'arm64' }]);
    expect(mergeShards([relabelled])).toEqual({
      problems: ['s-1: artifacts.json entry 0 has no target that is its goos/goarch[/variant][/musl]'],
    });

    // An ELF for x86-64 (machine 62) under an arm64 name: its header is read, and contradicts it.
    const elf = Buffer.alloc(64);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
    elf.writeUInt16LE(2, 16);
    elf.writeUInt16LE(62, 18);
    const wrong = shard('s-1', [entry('linux/arm64', 'x-linux-arm64', A)]);
    wrong.files.set('x-linux-arm64', { ...wrong.files.get('x-linux-arm64')!, head: elf });
    const result = mergeShards([wrong]);
    expect('problems' in result && result.problems).toEqual([
      expect.stringMatching(/^s-1\/x-linux-arm64: its header contradicts target linux\/arm64 in artifacts\.json: /),
    ]);
  });

  it('reports every problem at once', () => {
    const tampered = shard(
      's-3',
      [entry('linux/riscv64', 'x-linux-riscv64', A)],
      [
        ['x-linux-riscv64', B],
        ['stray.txt', A],
      ],
    );
    const lying = { ...shard('s-4', [entry('windows/amd64', 'x.exe', A)]), sums: `${B}  x.exe\n${A}  other\n` };
    const dup = shard('s-5', [entry('linux/amd64', 'x-linux-amd64', A)]);
    expect(mergeShards([s1, tampered, lying, dup], [t('linux/amd64'), t('linux/riscv64'), t('darwin/arm64')])).toEqual({
      problems: [
        `s-3/x-linux-riscv64: SHA-256 on disk is ${B}, the shard recorded ${A} (altered after the build)`,
        "s-3/stray.txt: a file no artifacts.json lists (shards downloaded into one directory overwrite each other's artifacts.json: give each its own)",
        `s-4/x.exe: SHA256SUMS says ${B}, artifacts.json says ${A}`,
        's-4/other: in SHA256SUMS but not in artifacts.json',
        'artifact x-linux-amd64 comes from 2 shards: s-1, s-5',
        'target linux/amd64 comes from 2 shards: s-1, s-5',
        'no shard built linux/riscv64, darwin/arm64',
      ],
    });
  });

  it("keeps the checksum file's name the shards recorded, and refuses shards that disagree on it", () => {
    const named = (s: ShardOutput, checksums: string): ShardOutput => ({
      ...s,
      manifest: (s.manifest as ReturnType<typeof entry>[]).map((e) => ({ ...e, checksums })),
    });
    const merged = mergeShards([named(s1, 'x_1.2.3_checksums.txt'), named(s2, 'x_1.2.3_checksums.txt')]);
    expect('checksums' in merged && merged.checksums).toBe('x_1.2.3_checksums.txt');
    expect(mergeShards([s1, s2])).toMatchObject({ checksums: 'SHA256SUMS' });
    expect(mergeShards([named(s1, 'x_1.2.3_checksums.txt'), s2])).toEqual({
      problems: [
        'shards wrote different checksum files: x_1.2.3_checksums.txt (s-1), SHA256SUMS (s-2); give every shard the same checksum-name',
      ],
    });
    const split = {
      ...s1,
      manifest: [entry('linux/amd64', 'x-linux-amd64', A), { ...entry('linux/arm64', 'x-linux-arm64', A), checksums: 'other' }],
    };
    expect(mergeShards([split])).toEqual({
      problems: ['s-1: artifacts.json names 2 checksum files (SHA256SUMS, other); a shard writes one'],
    });
    // An entry without the field, or one naming a path, is not a shard's.
    const bare: Partial<ReturnType<typeof entry>> = entry('linux/amd64', 'x-linux-amd64', A);
    delete bare.checksums;
    expect(mergeShards([{ ...s1, manifest: [bare] }])).toEqual({
      problems: ['s-1: artifacts.json entry 0 has no checksum file that is a plain file name'],
    });
    expect(mergeShards([named(s1, '../SHA256SUMS')])).toEqual({
      problems: ['s-1: artifacts.json entry 0 has no checksum file that is a plain file name'],
    });
    expect([checksumsFileOf([{ checksums: 'a.txt' }]), checksumsFileOf([{ checksums: 'a/b' }]), checksumsFileOf('not JSON')]).toEqual([
      'a.txt',
      undefined,
      undefined,
    ]);
  });

  it('rejects shards built with different Go versions', () => {
    const newer = shard('s-2', [{ ...entry('linux/arm/7', 'x-linux-arm-7', B), go: '1.24.5' }]);
    expect(mergeShards([s1, newer])).toEqual({
      problems: ["shards built with different Go versions: 1.24.4 (s-1), 1.24.5 (s-2); feed every shard the plan's toolchain output"],
    });
  });

  it('rejects a directory that is no shard output, and a malformed manifest', () => {
    expect(mergeShards([{ dir: 'junk', manifest: undefined, sums: undefined, files: new Map() }])).toEqual({
      problems: ['junk: no artifacts.json (not the output-dir of a go-crossbuild build)'],
    });
    expect(mergeShards([{ ...s1, manifest: [{ name: '../x' }] }])).toEqual({
      problems: ['s-1: artifacts.json entry 0 has no plain file name'],
    });
    expect(mergeShards([{ ...s1, sums: undefined }])).toEqual({ problems: ['s-1: SHA256SUMS: no SHA256SUMS'] });
  });

  it("merges an archive of several binaries, and requires every entry's binaries: plain names, each once, a bare binary's its own", () => {
    const archive = { ...entry('linux/amd64', 'relay-linux-amd64.tar.gz', A), archive: 'tar.gz' as const, binaries: ['server', 'client'] };
    const merged = mergeShards([shard('s-1', [archive])], [t('linux/amd64')]);
    expect('artifacts' in merged && merged.artifacts.map((m) => m.artifact.binaries)).toEqual([['server', 'client']]);
    const problem = 's-1: artifacts.json entry 0 has no binaries that are plain file names, each once (a bare binary: its own name)';
    const without = { ...archive, binaries: undefined };
    for (const bad of [
      without,
      { ...archive, binaries: [] },
      { ...archive, binaries: 'server' },
      { ...archive, binaries: ['server', 'server'] },
      { ...archive, binaries: ['bin/server'] },
      { ...archive, binaries: ['..'] },
      { ...archive, binaries: ['server', 7] },
      { ...entry('linux/amd64', 'x-linux-amd64', A), binaries: ['x'] },
    ])
      expect(mergeShards([{ ...shard('s-1', [archive]), manifest: [bad] }])).toEqual({ problems: [problem] });
  });

  it('names missing files and targets nobody asked for', () => {
    expect(mergeShards([shard('.', [entry('linux/amd64', 'x-linux-amd64', A)], [])], [t('linux/arm64')])).toEqual({
      problems: ['output-dir/x-linux-amd64: listed in artifacts.json but missing', 'no shard built linux/arm64'],
    });
    expect(mergeShards([s1], [])).toEqual({ problems: ['built but not among targets: linux/amd64'] });
  });

  describe('shards with SBOMs', () => {
    const C = 'c'.repeat(64);
    const sbom = { name: 'x-linux-amd64.spdx.json', path: 'dist/x-linux-amd64.spdx.json', size: 3, sha256: C, format: 'spdx' };
    const withSbom = (files: [string, string][], sums = `${A}  x-linux-amd64\n${C}  x-linux-amd64.spdx.json\n`): ShardOutput => ({
      ...shard('s-1', [entry('linux/amd64', 'x-linux-amd64', A)], files),
      manifest: [{ ...entry('linux/amd64', 'x-linux-amd64', A), sbom }],
      sums,
    });

    it('merges an artifact with its SBOM when both are what the shard recorded', () => {
      const merged = mergeShards([
        withSbom([
          ['x-linux-amd64', A],
          ['x-linux-amd64.spdx.json', C],
        ]),
      ]);
      expect('artifacts' in merged && merged.artifacts.map((m) => m.artifact.sbom)).toEqual([sbom]);
    });

    it('refuses an SBOM that is missing, altered, unsummed or malformed', () => {
      expect(mergeShards([withSbom([['x-linux-amd64', A]])])).toEqual({
        problems: ['s-1/x-linux-amd64.spdx.json: listed in artifacts.json but missing'],
      });
      const altered = withSbom([
        ['x-linux-amd64', A],
        ['x-linux-amd64.spdx.json', B],
      ]);
      expect(mergeShards([altered])).toEqual({
        problems: [`s-1/x-linux-amd64.spdx.json: SHA-256 on disk is ${B}, the shard recorded ${C} (altered after the build)`],
      });
      const unsummed = withSbom(
        [
          ['x-linux-amd64', A],
          ['x-linux-amd64.spdx.json', C],
        ],
        `${A}  x-linux-amd64\n`,
      );
      expect(mergeShards([unsummed])).toEqual({
        problems: [`s-1/x-linux-amd64.spdx.json: SHA256SUMS says nothing, artifacts.json says ${C}`],
      });
      const malformed = { ...s1, manifest: [{ ...entry('linux/amd64', 'x-linux-amd64', A), sbom: { ...sbom, name: '../x.json' } }] };
      expect(mergeShards([malformed])).toEqual({
        problems: ['s-1: artifacts.json entry 0 has no SBOM that is a plain file with its format, size and SHA-256'],
      });
    });
  });

  it('parses sha256sum output, text and binary mode', () => {
    expect(parseSums(`${A}  a\n${B} *b.exe\n`)).toEqual(
      new Map([
        ['a', A],
        ['b.exe', B],
      ]),
    );
    expect(parseSums(`${A}  a/b\n`)).toEqual({ problem: `line "${A}  a/b" names a path, not a file` });
    expect(parseSums(`${A}  a\\b\n`)).toEqual({ problem: `line "${A}  a\\b" names a path, not a file` });
    expect(parseSums(`${A.slice(1)}  a\n`)).toEqual({ problem: `line "${A.slice(1)}  a" is not "HASH  NAME"` });
    expect(parseSums(`${A}  a\n${B}  a\n`)).toEqual({ problem: 'a is listed twice' });
  });
});
