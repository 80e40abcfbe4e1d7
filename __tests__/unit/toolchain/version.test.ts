import { describeSpec, displayVersion, goNameToSemver, parseVersionSpec, semverToGoName } from '../../../src/toolchain/version.js';

describe('Go release names and semver', () => {
  it.each([
    ['go1.24.4', '1.24.4'],
    ['go1.25rc1', '1.25.0-rc.1'],
    ['go1.25beta2', '1.25.0-beta.2'],
    ['go1.20', '1.20.0'],
    ['go1.21.0', '1.21.0'],
  ])('%s <-> %s', (name, ver) => {
    expect(goNameToSemver(name)).toBe(ver);
    expect(semverToGoName(ver)).toBe(name);
  });

  it('rejects what is not a release name', () => {
    expect(goNameToSemver('go1')).toBeUndefined();
    expect(goNameToSemver('1.24.4')).toBeUndefined();
    expect(goNameToSemver('go1.24.4.5')).toBeUndefined();
  });

  it('displays versions as Go prints them', () => {
    expect(displayVersion('1.24.4')).toBe('1.24.4');
    expect(displayVersion('1.25.0-rc.1')).toBe('1.25rc1');
  });
});

describe('parseVersionSpec', () => {
  it.each([
    ['1.24.4', { kind: 'exact', version: '1.24.4' }],
    ['go1.24.4', { kind: 'exact', version: '1.24.4' }],
    [' 1.24.4\n', { kind: 'exact', version: '1.24.4' }],
    ['1.25rc1', { kind: 'exact', version: '1.25.0-rc.1' }],
    ['go1.25beta1', { kind: 'exact', version: '1.25.0-beta.1' }],
    ['1.25.0-rc.1', { kind: 'exact', version: '1.25.0-rc.1' }],
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
    ['1.2', 'YAML turned 1.20 into 1.2'],
    ['1.15.5', 'before 1.16'],
    ['<1.10', 'before 1.16'],
  ])('%j is refused: %s', (raw, problem) => {
    const r = parseVersionSpec(raw);
    expect('problem' in r && r.problem).toContain(problem);
  });

  it('describes specs for logs', () => {
    expect(describeSpec({ kind: 'exact', version: '1.25.0-rc.1' })).toBe('1.25rc1');
    expect(describeSpec({ kind: 'range', range: '^1.23' })).toBe('^1.23');
    expect(describeSpec({ kind: 'alias', alias: 'oldstable' })).toBe('oldstable');
  });
});
