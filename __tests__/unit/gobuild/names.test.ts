import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binaryNameClash, checksumsName, namePackages as judgeNames, nameProject, namingProblem } from '../../../src/gobuild/names.js';
import { NAME_PRESETS } from '../../../src/gobuild/artifact-names.js';
import { InputError, orRefuse } from '../../../src/errors.js';
import { buildSpec, stamp, t } from '../helpers.js';

const spec = buildSpec;

/** The names, or the problem thrown as the action throws it. */
const namePackages = (...args: Parameters<typeof judgeNames>) => orRefuse(judgeNames(...args));
/** A problem worded as the action's error. */
const refused = (p: unknown) => InputError.of(p as never).message;
/** The naming problem worded as the action's error, or undefined. */
const namingError = (...args: Parameters<typeof namingProblem>) => {
  const p = namingProblem(...args);
  return p && InputError.of(p);
};

describe('namePackages (real files)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'names-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names each package as go build would, the module root after go.mod', () => {
    writeFileSync(join(dir, 'go.mod'), 'module example.com/tool/v2\n\ngo 1.22\n');
    expect(namePackages(spec({ packages: ['.', './cmd/helper', 'example.com/tool/v2/cmd/other'] }), dir)).toEqual([
      { pkg: '.', name: 'tool' },
      { pkg: './cmd/helper', name: 'helper' },
      { pkg: 'example.com/tool/v2/cmd/other', name: 'other' },
    ]);
  });

  it('uses binary-name when set, go.mod or not', () => {
    expect(namePackages(spec({ packages: ['.'], binaryName: 'app' }), dir)).toEqual([{ pkg: '.', name: 'app' }]);
  });

  it('refuses two packages whose binaries take one name, naming package and both packages', () => {
    writeFileSync(join(dir, 'go.mod'), 'module example.com/tool\n\ngo 1.22\n');
    const p = judgeNames(spec({ packages: ['./cmd/tool', './tools/tool', './cmd/other'] }), dir);
    expect(InputError.of(p as never).message).toBe(
      'Input package = "./cmd/tool, ./tools/tool, ./cmd/other": two packages build a binary of one name: tool (./cmd/tool, ./tools/tool). ' +
        'Allowed: main packages whose last path elements differ (go build names each binary after it)',
    );
    // The module root is named after the module: `.` and ./cmd/tool clash too.
    expect(refused(judgeNames(spec({ packages: ['.', './cmd/tool'] }), dir))).toContain('tool (., ./cmd/tool)');
  });

  it("names the project after project-name, the one binary, or the module path's last element without /vN", () => {
    writeFileSync(join(dir, 'go.mod'), 'module example.com/relay/v2\n\ngo 1.22\n');
    const two = [
      { pkg: './cmd/server', name: 'server' },
      { pkg: './cmd/client', name: 'client' },
    ];
    expect(nameProject(spec({ projectName: 'suite' }), dir, two)).toBe('suite');
    expect(nameProject(spec(), dir, [two[0]])).toBe('server');
    expect(nameProject(spec(), dir, two)).toBe('relay');
    writeFileSync(join(dir, 'go.mod'), 'module relay\n');
    expect(nameProject(spec(), dir, two)).toBe('relay');
  });

  it('refuses a project name it cannot derive for several archived binaries, naming project-name', () => {
    const two = [
      { pkg: './cmd/server', name: 'server' },
      { pkg: './cmd/client', name: 'client' },
    ];
    expect(refused(nameProject(spec(), dir, two))).toBe(
      `Input project-name = "": no name can be derived for the archives and checksum file of 2 packages (no module path in ${join(dir, 'go.mod')}). ` +
        'Allowed: a file name for the archives and checksum file, such as the project name',
    );
    // Bare binaries are named after themselves (checksum-name's {name} is the first), and a packages problem is said as it is.
    expect(nameProject(spec({ archive: 'none' }), dir, two)).toBe('server');
    const noName = { input: 'binary-name', value: '', problem: 'x', allowed: 'y' };
    expect(nameProject(spec(), dir, noName)).toBe(noName);
  });

  it('names a sub-package without go.mod, but refuses the root, naming binary-name and the go.mod it looked for', () => {
    expect(namePackages(spec({ packages: ['./cmd/x'] }), dir)).toEqual([{ pkg: './cmd/x', name: 'x' }]);
    let err: unknown;
    try {
      namePackages(spec({ packages: ['./cmd/x', '.'] }), dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe('binary-name');
    expect((err as InputError).message).toBe(
      `Input binary-name = "": no name can be derived for package . (no module path in ${join(dir, 'go.mod')}). Allowed: a file name for the binary`,
    );
  });

  it('takes no name from a go.mod that is not a regular file', () => {
    mkdirSync(join(dir, 'go.mod'));
    expect(() => namePackages(spec(), dir)).toThrow('no name can be derived for package .');
  });
});

describe('binaryNameClash', () => {
  it('is undefined for distinct names, and lists every clash with its packages', () => {
    expect(binaryNameClash([{ pkg: '.', name: 'a' }], ['.'])).toBeUndefined();
    const named = [
      { pkg: './a/x', name: 'x' },
      { pkg: './b/x', name: 'x' },
      { pkg: './c/y', name: 'y' },
      { pkg: './d/y', name: 'y' },
    ];
    expect(binaryNameClash(named, ['./a/x', './b/x', './c/y', './d/y'])?.problem).toBe(
      'two packages build a binary of one name: x (./a/x, ./b/x); y (./c/y, ./d/y)',
    );
  });
});

describe('namingProblem', () => {
  const one = [{ pkg: '.', name: 'app' }];

  it('is undefined when every name is a distinct plain file', () => {
    expect(namingError(spec(), [t('linux/amd64'), t('linux/arm/7'), t('windows/amd64')], one, 'app', stamp)).toBeUndefined();
    const two = [
      { pkg: '.', name: 'a' },
      { pkg: './cmd/b', name: 'b' },
    ];
    expect(namingError(spec(), [t('linux/amd64')], two, 'tool', stamp)).toBeUndefined();
  });

  it('reports a template that renders one name for several targets', () => {
    expect(
      namingError(spec({ artifactName: '{goos}' }), [t('linux/amd64'), t('linux/arm64')], [{ pkg: '.', name: 'a' }], 'a', stamp)?.message,
    ).toBe(
      'Input artifact-name = "{goos}": artifact names collide: linux.tar.gz (linux/amd64, linux/arm64). ' +
        'Allowed: a template that includes {goos}, {goarch} and {variant} (and {name} for several packages)',
    );
  });

  it('names colliding artifacts and the builds that write them, as artifact-name', () => {
    const e = namingError(
      spec({ artifactName: '{name}-{goos}' }),
      [t('linux/amd64'), t('linux/arm64'), t('windows/amd64')],
      one,
      'app',
      stamp,
    );
    expect(e).toBeInstanceOf(InputError);
    expect(e?.input).toBe('artifact-name');
    expect(e?.value).toBe('{name}-{goos}');
    expect(e?.message).toContain('artifact names collide: app-linux.tar.gz (linux/amd64, linux/arm64). Allowed: a template that includes');
  });

  it('names the package too when several bare binaries are built', () => {
    const two = [
      { pkg: './cmd/a', name: 'a' },
      { pkg: './cmd/b', name: 'b' },
    ];
    expect(
      namingError(spec({ archive: 'none', artifactName: '{goos}-{goarch}{ext}' }), [t('linux/amd64')], two, 'x', stamp)?.message,
    ).toContain('artifact names collide: linux-amd64 (linux/amd64 ./cmd/a, linux/amd64 ./cmd/b)');
  });

  it('gives each target one archive, named after the project, for all of its binaries', () => {
    const two = [
      { pkg: './cmd/server', name: 'server' },
      { pkg: './cmd/client', name: 'client' },
    ];
    const targets = [t('linux/amd64'), t('windows/amd64')];
    expect(namingError(spec(), targets, two, 'relay', stamp)).toBeUndefined();
    // Collisions are between targets, not between the binaries an archive holds.
    expect(namingError(spec({ artifactName: '{name}' }), [t('linux/amd64'), t('linux/arm64')], two, 'relay', stamp)?.message).toContain(
      'artifact names collide: relay.tar.gz (linux/amd64, linux/arm64). ',
    );
  });

  it('refuses names that are no plain file, such as {variant}.. for a target without a variant, before collisions', () => {
    const e = namingError(
      spec({ artifactName: '{variant}..', archive: 'none' }),
      [t('linux/amd64'), t('linux/arm/7'), t('darwin/arm64')],
      one,
      'app',
      stamp,
    );
    expect(e?.input).toBe('artifact-name');
    expect(e?.message).toBe(
      'Input artifact-name = "{variant}..": it renders names that are not a plain file name: ".." (linux/amd64); ".." (darwin/arm64). ' +
        'Allowed: a template whose every name is a file name of its own, such as {name}-{goos}-{goarch}{variant}{ext}',
    );
    // With an archive suffix the same template renders a usable (if odd) name.
    expect(namingError(spec({ artifactName: '{variant}..' }), [t('linux/amd64')], one, 'app', stamp)).toBeUndefined();
  });

  it("reports goreleaser-init's names that collide (amd64 and amd64/v3 are both x86_64), as artifact-name", () => {
    const e = namingError(
      spec({ artifactName: NAME_PRESETS['goreleaser-init'] }),
      [t('linux/amd64'), t('linux/amd64/v3')],
      one,
      'app',
      stamp,
    );
    expect(e?.input).toBe('artifact-name');
    expect(e?.message).toContain('artifact names collide: app_Linux_x86_64.tar.gz (linux/amd64, linux/amd64/v3)');
  });

  it("refuses a checksum file name that is an artifact's or the manifest's, as checksum-name", () => {
    const e = namingError(
      spec({ checksumName: 'SHA256SUMS', artifactName: 'SHA256SUMS', archive: 'none' }),
      [t('linux/amd64')],
      one,
      'app',
      stamp,
    );
    expect(e?.input).toBe('checksum-name');
    expect(e?.message).toBe(
      'Input checksum-name = "SHA256SUMS": it renders "SHA256SUMS": the name of the artifact of linux/amd64. ' +
        'Allowed: a file name no artifact takes, such as {name}_{version}_checksums.txt',
    );
    expect(
      namingError(spec({ checksumName: '{name}.tar.gz', artifactName: '{name}' }), [t('linux/amd64')], one, 'app', stamp)?.message,
    ).toContain('it renders "app.tar.gz": the name of the artifact of linux/amd64');
    expect(namingError(spec({ checksumName: 'artifacts.json' }), [t('linux/amd64')], one, 'app', stamp)?.message).toContain(
      'it renders "artifacts.json": not a plain file name, or the name of artifacts.json',
    );
    expect(namingError(spec({ checksumName: '{name}_{version}_checksums.txt' }), [t('linux/amd64')], one, 'app', stamp)).toBeUndefined();
  });
});

describe('checksumsName', () => {
  it("renders checksum-name with the project's name", () => {
    expect(checksumsName(spec({ checksumName: '{name}_{version}_checksums.txt' }), 'relay', { ...stamp, version: '1.2.3' })).toBe(
      'relay_1.2.3_checksums.txt',
    );
    expect(checksumsName(spec(), 'relay', stamp)).toBe('SHA256SUMS');
  });
});
