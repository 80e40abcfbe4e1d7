import { checkTargets, namedTargets } from '../../../src/gobuild/target-check.js';
import { recordedPorts } from '../../../src/targets/ports.js';
import { parseTargetList, targetId, type Port, type TargetEntry } from '../../../src/targets/target.js';
import { accepted, buildSpec, noCgo, refusal, stamp } from '../helpers.js';

const ports = recordedPorts('1.24.4') as Port[];
const linux = { goos: 'linux', goarch: 'amd64' };
const one = [{ pkg: '.', name: 'app' }];
const targets = (text: string) => parseTargetList(text) as TargetEntry[];

describe('namedTargets', () => {
  it('expands the targets against the ports, with names that can be written', () => {
    const got = accepted(namedTargets(buildSpec({ targets: targets('linux/amd64, windows/arm64') }), ports, '1.24.4', one, 'app', stamp));
    expect(got.map(targetId)).toEqual(['linux/amd64', 'windows/arm64']);
  });

  it('refuses a target that is no port before it looks at names', () => {
    const e = refusal(
      namedTargets(buildSpec({ targets: targets('linux/amd65'), artifactName: '{name}' }), ports, '1.24.4', one, 'app', stamp),
    );
    expect([e.input, e.value]).toEqual(['targets', 'linux/amd65']);
  });

  it('judges the targets before a binary name that could not be derived, then refuses that', () => {
    const noName = { input: 'binary-name', value: '', problem: 'no name can be derived for package .', allowed: 'a file name' };
    expect(refusal(namedTargets(buildSpec({ targets: targets('linux/amd65') }), ports, '1.24.4', noName, 'app', stamp)).input).toBe(
      'targets',
    );
    expect(refusal(namedTargets(buildSpec({ targets: targets('linux/amd64') }), ports, '1.24.4', noName, 'app', stamp)).input).toBe(
      'binary-name',
    );
  });

  it("refuses a project name that could not be derived, once the packages' names are known", () => {
    const noProject = { input: 'project-name', value: '', problem: 'no name can be derived', allowed: 'a file name' };
    const two = [...one, { pkg: './cmd/b', name: 'b' }];
    expect(refusal(namedTargets(buildSpec({ targets: targets('linux/amd64') }), ports, '1.24.4', two, noProject, stamp)).input).toBe(
      'project-name',
    );
  });

  it('refuses names that collide across the expanded targets', () => {
    const e = refusal(
      namedTargets(buildSpec({ targets: targets('first-class'), artifactName: '{name}' }), ports, '1.24.4', one, 'app', stamp),
    );
    expect(e.input).toBe('artifact-name');
    expect(e.message).toContain('artifact names collide: app.tar.gz (');
  });
});

describe('checkTargets', () => {
  it('gives every target its C compiler, and no zig when cgo is off', () => {
    const c = accepted(checkTargets(buildSpec({ targets: targets('linux/arm64') }), ports, '1.24.4', one, 'app', stamp, linux));
    expect(c.targets.map(targetId)).toEqual(['linux/arm64']);
    expect([c.packages, c.project]).toEqual([one, 'app']);
    expect(c.compilers.of(c.targets[0])).toEqual({ kind: 'none' });
    expect(c).not.toHaveProperty('zigArchive');
  });

  it('chooses the zig archive for this runner when zig compiles some target', () => {
    const cgo = { ...noCgo, enabled: true };
    const b = buildSpec({ targets: targets('linux/arm64, windows/amd64'), cgo, settings: { ...buildSpec().settings, cgo: true } });
    const c = accepted(checkTargets(b, ports, '1.24.4', one, 'app', stamp, linux));
    expect(c.compilers.of(c.targets[1])).toMatchObject({ kind: 'zig', target: { triple: 'x86_64-windows-gnu' } });
    expect(c.zigArchive).toMatchObject({ file: 'zig-x86_64-linux-0.15.2.tar.xz', source: 'checksum table' });
  });

  it('refuses a cgo target this runner cannot compile, naming it', () => {
    const cgo = { ...noCgo, enabled: true };
    const b = buildSpec({ targets: targets('linux/amd64, darwin/arm64'), cgo, settings: { ...buildSpec().settings, cgo: true } });
    const e = refusal(checkTargets(b, ports, '1.24.4', one, 'app', stamp, linux));
    expect([e.input, e.value]).toEqual(['targets', 'darwin/arm64']);
  });
});
