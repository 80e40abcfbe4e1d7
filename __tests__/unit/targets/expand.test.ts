import type { InputError } from '../../../src/errors.js';
import { accepted, refusal } from '../helpers.js';
import { expandTargets, type TargetsSpec } from '../../../src/targets/expand.js';
import { parseTargetList, targetId, TARGETS_ALLOWED, type Port, type TargetEntry } from '../../../src/targets/target.js';

const port = (id: string, extra: Partial<Port> = {}): Port => {
  const [GOOS, GOARCH] = id.split('/');
  return { GOOS, GOARCH, CgoSupported: true, FirstClass: false, ...extra };
};
const PORTS = [
  port('linux/amd64', { FirstClass: true }),
  port('linux/arm64', { FirstClass: true }),
  port('windows/amd64', { FirstClass: true }),
  port('darwin/amd64', { FirstClass: true }),
  port('darwin/arm64', { FirstClass: true }),
  port('freebsd/amd64'),
  port('ios/arm64'),
  port('openbsd/mips64', { Broken: true }),
];

/** The spec as the inputs give it: the targets text, parsed, and exclusions. */
function spec(targetsText: string, exclude: string[] = [], cgo = false): TargetsSpec {
  return { targets: parseTargetList(targetsText) as TargetEntry[], exclude, settings: { cgo } };
}
const ids = (s: TargetsSpec, goVersion = '1.24.4') => accepted(expandTargets(s, PORTS, goVersion)).map(targetId);

/** The problem expandTargets returns, worded as the action's error. */
const refused = (s: TargetsSpec, goVersion = '1.24.4'): InputError => refusal(expandTargets(s, PORTS, goVersion));

describe('expandTargets', () => {
  it('expands presets against the port list: first-class, or all that builds without cgo', () => {
    expect(ids(spec('first-class'))).toEqual(['linux/amd64', 'linux/arm64', 'windows/amd64', 'darwin/amd64', 'darwin/arm64']);
    expect(ids(spec('all'))).toEqual(['linux/amd64', 'linux/arm64', 'windows/amd64', 'darwin/amd64', 'darwin/arm64', 'freebsd/amd64']);
  });

  it('passes the cgo setting on: all includes the cgo-only ports when cgo is on', () => {
    expect(ids(spec('all', [], true))).toEqual([
      'linux/amd64',
      'linux/arm64',
      'windows/amd64',
      'darwin/amd64',
      'darwin/arm64',
      'freebsd/amd64',
      'ios/arm64',
    ]);
  });

  it('keeps explicit targets with their variants, after the preset, without duplicates', () => {
    const targets = accepted(expandTargets(spec('linux/arm64/v8.2, first-class, linux/amd64'), PORTS, '1.24.4'));
    expect(targets.map(targetId)).toEqual([
      'linux/arm64/v8.2',
      'linux/amd64',
      'linux/arm64',
      'windows/amd64',
      'darwin/amd64',
      'darwin/arm64',
    ]);
    expect(targets[0].env).toEqual({ GOARM64: 'v8.2' });
  });

  it('applies exclusions', () => {
    expect(ids(spec('all', ['windows/*', '*/arm64']))).toEqual(['linux/amd64', 'darwin/amd64', 'freebsd/amd64']);
    expect(ids(spec('linux/amd64, linux/arm64/v8.2', ['linux/arm64']))).toEqual(['linux/amd64']);
  });

  it('refuses exclusions that leave nothing, naming exclude-targets', () => {
    const e = refused(spec('first-class', ['linux/*', 'windows/amd64', 'darwin/*']));
    expect(e.input).toBe('exclude-targets');
    expect(e.value).toBe('linux/*, windows/amd64, darwin/*');
    expect(e.message).toBe(
      'Input exclude-targets = "linux/*, windows/amd64, darwin/*": it excludes every target. Allowed: patterns that leave at least one target',
    );
  });

  it('refuses a target that is not a port, naming targets and that target', () => {
    const e = refused(spec('linux/amd64,\nlinux/amd46'));
    expect(e.input).toBe('targets');
    expect(e.value).toBe('linux/amd46');
    expect(e.allowed).toBe(TARGETS_ALLOWED);
    expect(e.message).toContain('linux/amd46 is not a port of this Go toolchain (did you mean linux/amd64?)');
    // Even when an exclusion would remove it: every explicit target must be a port.
    expect(refused(spec('linux/amd64, plan9/sparc', ['plan9/*'])).input).toBe('targets');
  });

  it('refuses a variant the toolchain ignores, naming targets', () => {
    expect(ids(spec('linux/arm64/v8.2'), '1.23.0')).toEqual(['linux/arm64/v8.2']);
    const e = refused(spec('linux/arm64/v8.2'), '1.22.12');
    expect(e.input).toBe('targets');
    expect(e.message).toContain('linux/arm64/v8.2 needs GOARM64, which Go 1.22.12 ignores');
  });

  it('keeps darwin/universal where it is listed, a pseudo-target no preset names, once, unless excluded', () => {
    expect(ids(spec('darwin/universal, darwin/amd64, darwin/arm64, darwin/universal'))).toEqual([
      'darwin/universal',
      'darwin/amd64',
      'darwin/arm64',
    ]);
    expect(ids(spec('first-class, darwin/universal'))).toContain('darwin/universal');
    expect(ids(spec('first-class'))).not.toContain('darwin/universal');
    expect(ids(spec('all'))).not.toContain('darwin/universal');
    expect(ids(spec('darwin/universal, first-class', ['darwin/*']))).toEqual(['linux/amd64', 'linux/arm64', 'windows/amd64']);
  });

  it('refuses darwin/universal without both slices, naming targets, the slice missing and how to add it', () => {
    const e = refused(spec('linux/amd64, darwin/arm64, darwin/universal'));
    expect(e.input).toBe('targets');
    expect(e.value).toBe('darwin/universal');
    expect(e.message).toBe(
      'Input targets = "darwin/universal": darwin/universal is assembled from darwin/amd64 and darwin/arm64, and darwin/amd64 is not among the targets. Allowed: darwin/universal together with darwin/amd64 and darwin/arm64 (add darwin/amd64 to targets), or no darwin/universal',
    );
    expect(refused(spec('darwin/universal')).message).toContain('and darwin/amd64 and darwin/arm64 are not among the targets');
    // A variant of a slice is not the slice.
    expect(refused(spec('darwin/universal, darwin/amd64/v3, darwin/arm64')).message).toContain('darwin/amd64 is not among the targets');
    const excluded = refused(spec('first-class, darwin/universal', ['darwin/arm64']));
    expect(excluded.input).toBe('targets');
    expect(excluded.message).toContain('darwin/arm64 is not among the targets (exclude-targets removes darwin/arm64)');
    expect(excluded.message).toContain('(add darwin/arm64 to targets, or exclude-targets no darwin slice)');
  });
});
