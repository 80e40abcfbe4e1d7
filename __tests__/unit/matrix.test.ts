import { matrixOutput, planShards, targetCost, toolchainOutput, type Shard } from '../../src/matrix.js';
import { mergeShards, parseSums, type ShardOutput } from '../../src/merge.js';
import { recordedPorts } from '../../src/ports.js';
import { hostedRunnerPlatform, parseRunnerRules, type RunnerRule } from '../../src/runners.js';
import { parseTarget, targetId, type Target } from '../../src/targets.js';

const t = (text: string) => parseTarget(text) as Target;
const ids = (shards: Shard[] | { problem: string }) => ('problem' in shards ? shards : shards.map((s) => s.targets.map(targetId)));
const rules = (text: string) => parseRunnerRules(text) as RunnerRule[];

const MANY = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/7',
  'linux/386',
  'linux/riscv64',
  'linux/ppc64le',
  'linux/s390x',
  'windows/amd64',
  'windows/arm64',
  'darwin/amd64',
  'darwin/arm64',
  'freebsd/amd64',
  'js/wasm',
  'wasip1/wasm',
].map(t);

/** A small deterministic PRNG, so that the property cases are the same on every run. */
function prng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('planShards', () => {
  it('defaults to one shard per target, in the order given', () => {
    expect(ids(planShards(MANY.slice(0, 3), undefined, []))).toEqual([['linux/amd64'], ['linux/arm64'], ['linux/arm/7']]);
  });

  it('never plans more shards than targets', () => {
    const shards = planShards(MANY.slice(0, 2), 8, []) as Shard[];
    expect(shards.map((s) => s.shard)).toEqual([1, 2]);
  });

  it('places every target exactly once and lists each shard in the given order', () => {
    const shards = planShards(MANY, 4, []) as Shard[];
    expect(shards).toHaveLength(4);
    expect(shards.flatMap((s) => s.targets.map(targetId)).sort()).toEqual(MANY.map(targetId).sort());
    for (const s of shards) {
      const order = s.targets.map((x) => MANY.indexOf(x));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(s.cost).toBeCloseTo(s.targets.reduce((n, x) => n + targetCost(x), 0));
    }
  });

  it('balances by cost: no shard carries more than the mean load plus one target (list-scheduling bound)', () => {
    const rand = prng(7);
    for (let round = 0; round < 50; round++) {
      const subset = MANY.filter(() => rand() < 0.7);
      if (subset.length < 2) continue;
      const k = 1 + Math.floor(rand() * subset.length);
      const shards = planShards(subset, k, []) as Shard[];
      const total = subset.reduce((n, x) => n + targetCost(x), 0);
      const biggest = Math.max(...subset.map(targetCost));
      expect(shards).toHaveLength(k);
      for (const s of shards) {
        expect(s.targets.length).toBeGreaterThan(0);
        expect(s.cost).toBeLessThanOrEqual(total / k + biggest + 1e-9);
      }
    }
  });

  it('puts the costliest targets on separate shards first (longest first)', () => {
    const sorted = [...MANY].sort((a, b) => targetCost(b) - targetCost(a));
    const shards = planShards(MANY, 3, []) as Shard[];
    const shardOf = (x: Target) => shards.findIndex((s) => s.targets.includes(x));
    expect(new Set(sorted.slice(0, 3).map(shardOf)).size).toBe(3);
  });

  it('keeps targets for different runners apart and gives the spare shards to the bigger group', () => {
    const shards = planShards(MANY.slice(0, 7).concat(t('darwin/arm64')), 3, rules('darwin/*: macos-latest')) as Shard[];
    expect(shards.map((s) => s.runsOn)).toEqual([undefined, undefined, 'macos-latest']);
    expect(shards[2].targets.map(targetId)).toEqual(['darwin/arm64']);
    expect(
      shards
        .slice(0, 2)
        .flatMap((s) => s.targets.map(targetId))
        .sort(),
    ).toEqual(MANY.slice(0, 7).map(targetId).sort());
  });

  it('uses the first runs-on rule a target matches', () => {
    const shards = planShards(
      [t('windows/arm64'), t('windows/amd64')],
      undefined,
      rules('windows/arm64: windows-11-arm\nwindows/*: windows-latest'),
    );
    expect((shards as Shard[]).map((s) => s.runsOn)).toEqual(['windows-11-arm', 'windows-latest']);
  });

  it('refuses fewer shards than runner groups', () => {
    expect(planShards([t('linux/amd64'), t('darwin/arm64')], 1, rules('darwin/*: macos-14'))).toEqual({
      problem: '1 shard cannot cover 2 runners (the default runner, macos-14): targets for different runners never share a shard',
    });
  });
});

describe('targetCost', () => {
  it('is relative to linux/amd64, and a port the table lacks costs the mean', () => {
    expect(targetCost(t('linux/amd64'))).toBe(1);
    const unknown = targetCost(t('plan9/arm'));
    expect(unknown).toBeGreaterThan(0.5);
    expect(unknown).toBeLessThan(2);
  });
});

describe('outputs', () => {
  it('writes the matrix with runs-on only where a rule set it', () => {
    const shards = planShards([t('linux/amd64'), t('linux/arm/7'), t('darwin/arm64')], 2, rules('darwin/*: macos-14')) as Shard[];
    expect(matrixOutput(shards)).toEqual({
      include: [
        { shard: 1, targets: 'linux/amd64,linux/arm/7' },
        { shard: 2, targets: 'darwin/arm64', 'runs-on': 'macos-14' },
      ],
    });
  });

  it('writes one sorted go-sha256 line per archive', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    expect(
      toolchainOutput('1.24.4', [
        { file: 'go1.24.4.linux-amd64.tar.gz', sha256: b },
        { file: 'go1.24.4.darwin-arm64.tar.gz', sha256: a },
        { file: 'go1.24.4.linux-amd64.tar.gz', sha256: b },
      ]),
    ).toEqual({ version: '1.24.4', sha256: `${a}  go1.24.4.darwin-arm64.tar.gz\n${b}  go1.24.4.linux-amd64.tar.gz` });
  });
});

describe('runner labels', () => {
  it.each([
    ['ubuntu-latest', 'linux/amd64'],
    ['ubuntu-24.04-arm', 'linux/arm64'],
    ['windows-2025', 'windows/amd64'],
    ['windows-11-arm', 'windows/arm64'],
    ['macos-13', 'darwin/amd64'],
    ['macos-15-intel', 'darwin/amd64'],
    ['macos-latest-large', 'darwin/amd64'],
    ['macos-14', 'darwin/arm64'],
    ['macos-latest', 'darwin/arm64'],
    ['macos-15-xlarge', 'darwin/arm64'],
  ])('%s runs %s', (label, platform) => {
    const p = hostedRunnerPlatform(label)!;
    expect(`${p.goos}/${p.goarch}`).toBe(platform);
  });

  it('needs the platform of a self-hosted label, and checks patterns', () => {
    expect(hostedRunnerPlatform('self-hosted')).toBeUndefined();
    expect(parseRunnerRules('linux/riscv64: rv-box linux/riscv64  # our board\n\n')).toEqual([
      { pattern: 'linux/riscv64', label: 'rv-box', platform: { goos: 'linux', goarch: 'riscv64' } },
    ]);
    expect(parseRunnerRules('linux/riscv64: rv-box')).toEqual({
      problem: '"rv-box" is not a GitHub-hosted runner label this action knows: name its platform ("linux/riscv64: rv-box linux/arm64")',
    });
    expect(parseRunnerRules('linux: ubuntu-latest')).toEqual({
      problem: '"linux" is not a target pattern (darwin/*, windows/arm64, */386)',
    });
  });
});

describe('recordedPorts', () => {
  it('knows the minors read from real toolchains, with their differences', () => {
    const has = (v: string, id: string) => recordedPorts(v)!.some((p) => `${p.GOOS}/${p.GOARCH}` === id);
    expect(has('1.22.12', 'openbsd/riscv64')).toBe(false);
    expect(has('1.23.0', 'openbsd/riscv64')).toBe(true);
    expect(has('1.23.5', 'windows/arm')).toBe(true);
    expect(has('1.24.4', 'windows/arm')).toBe(false); // broken in 1.24: dist list leaves it out
    expect(recordedPorts('1.24.0')!.find((p) => p.GOOS === 'linux' && p.GOARCH === 'amd64')).toMatchObject({ FirstClass: true });
  });

  it('knows nothing of other minors, so that plan mode asks the toolchain', () => {
    expect(recordedPorts('1.19.8')).toBeUndefined();
    expect(recordedPorts('1.99.0')).toBeUndefined();
  });
});

describe('merge', () => {
  const A = 'a'.repeat(64);
  const B = 'b'.repeat(64);
  const entry = (target: string, name: string, sha256: string) => {
    const [goos, goarch, variant = ''] = target.split('/');
    return { target, goos, goarch, variant, name, path: `dist/${name}`, size: 3, sha256, archive: null, cacheHit: null, go: '1.24.4' };
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
      problems: ['s-1: artifacts.json entry 0 has no target that is its goos/goarch[/variant]'],
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

  it('names missing files and targets nobody asked for', () => {
    expect(mergeShards([shard('.', [entry('linux/amd64', 'x-linux-amd64', A)], [])], [t('linux/arm64')])).toEqual({
      problems: ['output-dir/x-linux-amd64: listed in artifacts.json but missing', 'no shard built linux/arm64'],
    });
    expect(mergeShards([s1], [])).toEqual({ problems: ['built but not among targets: linux/amd64'] });
  });

  it('parses sha256sum output, text and binary mode', () => {
    expect(parseSums(`${A}  a\n${B} *b.exe\n`)).toEqual(
      new Map([
        ['a', A],
        ['b.exe', B],
      ]),
    );
    expect(parseSums(`${A}  a/b\n`)).toEqual({ problem: `line "${A}  a/b" is not "HASH  NAME"` });
    expect(parseSums(`${A}  a\n${B}  a\n`)).toEqual({ problem: 'a is listed twice' });
  });
});
