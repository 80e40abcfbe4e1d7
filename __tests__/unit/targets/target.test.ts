import {
  matchesPattern,
  nearest,
  needsCgo,
  parseTarget,
  parseTargetList,
  resolveTargets,
  targetId,
  targetSlug,
  type Port,
  type Target,
} from '../../../src/targets/target.js';

const port = (id: string, extra: Partial<Port> = {}): Port => {
  const [GOOS, GOARCH] = id.split('/');
  return { GOOS, GOARCH, CgoSupported: true, FirstClass: false, ...extra };
};
const PORTS = [
  port('linux/amd64', { FirstClass: true }),
  port('linux/arm', { FirstClass: true }),
  port('linux/arm64', { FirstClass: true }),
  port('windows/amd64', { FirstClass: true }),
  port('ios/arm64'),
  port('android/amd64'),
  port('android/arm64'),
  port('wasip1/wasm', { CgoSupported: false }),
  port('openbsd/mips64', { Broken: true }),
];
const t = (text: string) => parseTarget(text) as Target;

describe('parseTarget', () => {
  it.each([
    ['linux/amd64', { goos: 'linux', goarch: 'amd64', variant: '', env: {} }],
    ['Linux/ARM/7', { goos: 'linux', goarch: 'arm', variant: '7', env: { GOARM: '7' } }],
    ['linux/arm/6+softfloat', { goos: 'linux', goarch: 'arm', variant: '6+softfloat', env: { GOARM: '6,softfloat' } }],
    ['linux/amd64/v3', { goos: 'linux', goarch: 'amd64', variant: 'v3', env: { GOAMD64: 'v3' } }],
    ['linux/arm64/v8.2+lse', { goos: 'linux', goarch: 'arm64', variant: 'v8.2+lse', env: { GOARM64: 'v8.2,lse' } }],
    ['linux/riscv64/rva22u64', { goos: 'linux', goarch: 'riscv64', variant: 'rva22u64', env: { GORISCV64: 'rva22u64' } }],
    ['linux/mips/softfloat', { goos: 'linux', goarch: 'mips', variant: 'softfloat', env: { GOMIPS: 'softfloat' } }],
    ['linux/mips64le/hardfloat', { goos: 'linux', goarch: 'mips64le', variant: 'hardfloat', env: { GOMIPS64: 'hardfloat' } }],
    ['linux/ppc64le/power9', { goos: 'linux', goarch: 'ppc64le', variant: 'power9', env: { GOPPC64: 'power9' } }],
    ['linux/386/softfloat', { goos: 'linux', goarch: '386', variant: 'softfloat', env: { GO386: 'softfloat' } }],
    ['js/wasm/satconv+signext', { goos: 'js', goarch: 'wasm', variant: 'satconv+signext', env: { GOWASM: 'satconv,signext' } }],
    ['darwin/universal', { goos: 'darwin', goarch: 'universal', variant: '', env: {} }],
  ])('%s', (text, target) => expect(parseTarget(text)).toEqual(target));

  it.each([
    ['linux', 'is not goos/goarch'],
    ['linux/', 'is not goos/goarch'],
    ['linux/amd64/v3/x', 'is not goos/goarch'],
    ['linux/amd 64', 'is not goos/goarch'],
    ['linux/arm/8', '"8" is not a variant of arm (GOARM: 5, 6, 7'],
    ['linux/amd64/v5', 'is not a variant of amd64'],
    ['linux/arm64/v10.0', 'is not a variant of arm64'],
    ['linux/s390x/z15', 'linux/s390x has no variants'],
    ['darwin/universal/v3', 'darwin/universal takes no variant or C library'],
    ['darwin/universal/musl', 'darwin/universal takes no variant or C library'],
  ])('refuses %s', (text, problem) => expect((parseTarget(text) as { problem: string }).problem).toContain(problem));

  it('names and slugs targets', () => {
    expect(targetId(t('linux/arm/7'))).toBe('linux/arm/7');
    expect(targetSlug(t('linux/arm64/v8.2+lse'))).toBe('linux-arm64-v8.2_lse');
    expect(targetSlug(t('darwin/arm64'))).toBe('darwin-arm64');
  });
});

describe('target lists', () => {
  it('splits on commas and lines, with comments and presets', () => {
    const list = parseTargetList('linux/amd64, linux/arm/7\n# not this\nfirst-class\n\nwindows/amd64 # tail comment');
    expect(list).toEqual([t('linux/amd64'), t('linux/arm/7'), { preset: 'first-class' }, t('windows/amd64')]);
  });

  it('matches exclusion patterns part by part', () => {
    expect(matchesPattern(t('windows/amd64'), 'windows/*')).toBe(true);
    expect(matchesPattern(t('linux/386'), '*/386')).toBe(true);
    expect(matchesPattern(t('linux/arm/6'), 'linux/arm')).toBe(true);
    expect(matchesPattern(t('linux/arm/6'), 'linux/arm/7')).toBe(false);
    expect(matchesPattern(t('linux/arm/7'), 'linux/arm/*')).toBe(true);
    expect(matchesPattern(t('linux/amd64'), 'windows/*')).toBe(false);
  });

  it('expands presets against the toolchain, leaving out broken and cgo-only ports', () => {
    const all = resolveTargets([{ preset: 'all' }], [], PORTS, false, '1.24.4') as Target[];
    expect(all.map(targetId)).toEqual(['linux/amd64', 'linux/arm', 'linux/arm64', 'windows/amd64', 'android/arm64', 'wasip1/wasm']);
    const withCgo = resolveTargets([{ preset: 'all' }], [], PORTS, true, '1.24.4') as Target[];
    expect(withCgo.map(targetId)).toContain('ios/arm64');
    const first = resolveTargets([{ preset: 'first-class' }], ['windows/*'], PORTS, false, '1.24.4') as Target[];
    expect(first.map(targetId)).toEqual(['linux/amd64', 'linux/arm', 'linux/arm64']);
  });

  it('removes duplicates, first one wins', () => {
    const r = resolveTargets(
      [t('linux/arm64'), { preset: 'first-class' }, t('linux/arm/7'), t('linux/arm/7')],
      [],
      PORTS,
      false,
      '1.24.4',
    ) as Target[];
    expect(r.map(targetId)).toEqual(['linux/arm64', 'linux/amd64', 'linux/arm', 'windows/amd64', 'linux/arm/7']);
  });

  it('refuses unknown ports with a suggestion, and variants the toolchain ignores', () => {
    expect((resolveTargets([t('linux/amd46')], [], PORTS, false, '1.24.4') as { problem: string }).problem).toContain(
      '(did you mean linux/amd64?)',
    );
    expect((resolveTargets([t('plan9/sparc')], [], PORTS, false, '1.24.4') as { problem: string }).problem).not.toContain('did you mean');
    expect((resolveTargets([t('linux/arm64/v8.2')], [], PORTS, false, '1.22.12') as { problem: string }).problem).toContain(
      'GOARM64, which Go 1.22.12 ignores',
    );
    expect(resolveTargets([t('linux/arm64/v8.2')], [], PORTS, false, '1.23.0')).toHaveLength(1);
    // A revision build of 1.23.0 (which semver orders before 1.23.0) has GOARM64 too.
    expect(resolveTargets([t('linux/arm64/v8.2')], [], PORTS, false, '1.23.0-1')).toHaveLength(1);
  });

  it('takes a musl C library after the variant, for cgo builds of linux only', () => {
    expect(t('linux/amd64/musl')).toEqual({ goos: 'linux', goarch: 'amd64', variant: '', env: {}, libc: 'musl' });
    expect(t('linux/arm/7/musl')).toEqual({ goos: 'linux', goarch: 'arm', variant: '7', env: { GOARM: '7' }, libc: 'musl' });
    expect([targetId(t('linux/arm/7/musl')), targetSlug(t('linux/arm/7/musl'))]).toEqual(['linux/arm/7/musl', 'linux-arm-7-musl']);
    expect(parseTarget('linux/amd64/musl/v3')).toEqual({ problem: '"linux/amd64/musl/v3" is not goos/goarch[/variant][/musl]' });
    // A gnu and a musl build of the same port are two targets; a two-part pattern covers both.
    const both = resolveTargets([t('linux/amd64'), t('linux/amd64/musl')], [], PORTS, true, '1.24.4') as Target[];
    expect(both.map(targetId)).toEqual(['linux/amd64', 'linux/amd64/musl']);
    expect(resolveTargets([t('linux/amd64'), t('linux/amd64/musl')], ['linux/*/musl'], PORTS, true, '1.24.4')).toHaveLength(1);
    expect(resolveTargets([t('linux/amd64/musl')], ['linux/amd64'], PORTS, true, '1.24.4')).toHaveLength(0);
    expect(matchesPattern(t('linux/amd64'), 'linux/*/musl')).toBe(false);
    expect((resolveTargets([t('linux/amd64/musl')], [], PORTS, false, '1.24.4') as { problem: string }).problem).toContain('set cgo: true');
    expect((resolveTargets([t('windows/amd64/musl')], [], PORTS, true, '1.24.4') as { problem: string }).problem).toContain(
      'windows has no musl',
    );
  });

  it('knows which ports need cgo', () => {
    expect(needsCgo({ GOOS: 'ios', GOARCH: 'arm64' })).toBe(true);
    expect(needsCgo({ GOOS: 'android', GOARCH: 'arm' })).toBe(true);
    expect(needsCgo({ GOOS: 'android', GOARCH: 'arm64' })).toBe(false);
    expect(nearest('windwos/amd64', ['windows/amd64', 'linux/amd64'])).toBe('windows/amd64');
  });
});
