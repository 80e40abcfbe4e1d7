import {
  describeSpec,
  displayVersion,
  goNameToSemver,
  isRevision,
  parseVersionSpec,
  releaseOfGoVersion,
  reportedGoVersion,
  revisionOf,
  semverToGoName,
  upstreamVersion,
} from '../../../src/toolchain/version.js';

describe('Go release names and semver', () => {
  it.each([
    ['go1.24.4', '1.24.4'],
    ['go1.25rc1', '1.25.0-rc.1'],
    ['go1.25beta2', '1.25.0-beta.2'],
    ['go1.20', '1.20.0'],
    ['go1.21.0', '1.21.0'],
    // Revision builds (the Microsoft build of Go): always spelled in full.
    ['go1.25.0-1', '1.25.0-1'],
    ['go1.24.4-12', '1.24.4-12'],
    ['go1.20.0-3', '1.20.0-3'],
  ])('%s <-> %s', (name, ver) => {
    expect(goNameToSemver(name)).toBe(ver);
    expect(semverToGoName(ver)).toBe(name);
  });

  it('rejects what is not a release name', () => {
    expect(goNameToSemver('go1')).toBeUndefined();
    expect(goNameToSemver('1.24.4')).toBeUndefined();
    expect(goNameToSemver('go1.24.4.5')).toBeUndefined();
    // A revision is numbered from 1, of a release spelled in full, and not of a pre-release.
    expect(goNameToSemver('go1.25.0-0')).toBeUndefined();
    expect(goNameToSemver('go1.20-1')).toBeUndefined();
    expect(goNameToSemver('go1.25rc1-1')).toBeUndefined();
    expect(goNameToSemver('go1.25.0-1-fips')).toBeUndefined();
  });

  it("tells a revision build from Go's own pre-releases", () => {
    expect(revisionOf('1.25.0-1')).toBe(1);
    expect(revisionOf('1.25.0-12')).toBe(12);
    expect(revisionOf('1.25.0-rc.1')).toBeUndefined();
    expect(revisionOf('1.25.0')).toBeUndefined();
    expect(isRevision('1.25.0-beta.2')).toBe(false);
    expect(upstreamVersion('1.25.0-1')).toBe('1.25.0');
    expect(upstreamVersion('1.25.0-rc.1')).toBe('1.25.0-rc.1');
  });

  it('expects from a revision build the GOVERSION of the release it was built from', () => {
    expect(reportedGoVersion('1.25.0-1')).toBe('go1.25.0');
    expect(reportedGoVersion('1.20.0-2')).toBe('go1.20');
    expect(reportedGoVersion('1.24.4')).toBe('go1.24.4');
    expect(reportedGoVersion('1.25.0-rc.1')).toBe('go1.25rc1');
  });

  it('displays versions as Go prints them', () => {
    expect(displayVersion('1.24.4')).toBe('1.24.4');
    expect(displayVersion('1.25.0-rc.1')).toBe('1.25rc1');
    expect(displayVersion('1.25.0-1')).toBe('1.25.0-1');
  });
});

describe('releaseOfGoVersion: what the Go on PATH says it is', () => {
  it.each([
    ['go1.24.4', '1.24.4'],
    ['go1.20', '1.20.0'],
    ['go1.25rc1', '1.25.0-rc.1'],
    ['go1.24.4 X:boringcrypto', '1.24.4'],
    ['go1.26.0-X:nodwarf5', '1.26.0'],
    ['go1.22.9 (Red Hat 1.22.9-2.el9_5)', '1.22.9'],
    // The Microsoft build of Go reports its upstream release.
    ['go1.25.0', '1.25.0'],
  ])('%j is %s', (goversion, version) => expect(releaseOfGoVersion(goversion)).toBe(version));

  it.each(['devel go1.26-abcdef Tue Jan 1 00:00:00 2026 +0000', '', 'go1.24.4abc', 'gccgo'])('%j names no release', (goversion) =>
    expect(releaseOfGoVersion(goversion)).toBeUndefined(),
  );
});

describe('parseVersionSpec', () => {
  it.each([
    ['1.24.4', { kind: 'exact', version: '1.24.4' }],
    ['go1.24.4', { kind: 'exact', version: '1.24.4' }],
    [' 1.24.4\n', { kind: 'exact', version: '1.24.4' }],
    ['1.25rc1', { kind: 'exact', version: '1.25.0-rc.1' }],
    ['go1.25beta1', { kind: 'exact', version: '1.25.0-beta.1' }],
    ['1.25.0-rc.1', { kind: 'exact', version: '1.25.0-rc.1' }],
    // A revision build is an exact version, not a pre-release of 1.25.0.
    ['1.25.0-1', { kind: 'exact', version: '1.25.0-1' }],
    ['go1.25.0-1', { kind: 'exact', version: '1.25.0-1' }],
    ['1.24.4-12', { kind: 'exact', version: '1.24.4-12' }],
    ['1.16.0-1', { kind: 'exact', version: '1.16.0-1' }],
    ['1.24', { kind: 'range', range: '1.24.x' }],
    ['go1.22', { kind: 'range', range: '1.22.x' }],
    ['^1.23', { kind: 'range', range: '^1.23' }],
    ['>=1.22 <1.24', { kind: 'range', range: '>=1.22 <1.24' }],
    ['~1.22.3', { kind: 'range', range: '~1.22.3' }],
    // Pre-release ranges, as setup-go's docs write them.
    ['>=1.24.0-rc.1', { kind: 'range', range: '>=1.24.0-rc.1' }],
    ['~1.25.0-rc.1', { kind: 'range', range: '~1.25.0-rc.1' }],
    ['^1.25.0-beta.1', { kind: 'range', range: '^1.25.0-beta.1' }],
    ['stable', { kind: 'alias', alias: 'stable' }],
    ['oldstable', { kind: 'alias', alias: 'oldstable' }],
  ])('%j', (raw, spec) => expect(parseVersionSpec(raw)).toEqual(spec));

  it.each([
    ['banana', 'not a Go version'],
    ['1.24.4.5', 'not a Go version'],
    ['latest', 'not a Go version'],
    ['>=1.22 <', 'not a Go version'],
    ['>=1.24.0-alpha.1', 'not a Go version'],
    ['1.25.0-alpha', 'not a Go version'],
    ['1.25.0-1.2', 'a range cannot name a revision build (such as 1.25.0-1)'],
    ['1.25.0-0', 'revision builds are numbered from 1'],
    ['1.25-1', 'a range cannot name a revision build (such as 1.25.0-1)'],
    ['>=1.25.0-1', 'a range cannot name a revision build'],
    ['~1.25.0-2', 'a range cannot name a revision build'],
    ['1.24.x-1', 'a range cannot name a revision build'],
    ['1.15.5-1', 'before 1.16'],
    ['1.2', 'YAML turned 1.20 into 1.2'],
    ['1.15.5', 'before 1.16'],
    ['<1.10', 'before 1.16'],
  ])('%j is refused: %s', (raw, problem) => {
    const r = parseVersionSpec(raw);
    expect('problem' in r && r.problem).toContain(problem);
  });

  it('describes specs for logs', () => {
    expect(describeSpec({ kind: 'exact', version: '1.25.0-rc.1' })).toBe('1.25rc1');
    expect(describeSpec({ kind: 'exact', version: '1.25.0-1' })).toBe('1.25.0-1');
    expect(describeSpec({ kind: 'range', range: '^1.23' })).toBe('^1.23');
    expect(describeSpec({ kind: 'alias', alias: 'oldstable' })).toBe('oldstable');
  });
});
