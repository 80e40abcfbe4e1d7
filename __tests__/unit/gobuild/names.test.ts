import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checksumsName, namePackages as judgeNames, namingProblem } from '../../../src/gobuild/names.js';
import { NAME_PRESETS } from '../../../src/gobuild/artifact-names.js';
import { InputError, orRefuse } from '../../../src/errors.js';
import { buildSpec, stamp, t } from '../helpers.js';

const spec = buildSpec;

/** The names, or the problem thrown as the action throws it. */
const namePackages = (...args: Parameters<typeof judgeNames>) => orRefuse(judgeNames(...args));
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

  it('uses binary-name for every package when set, go.mod or not', () => {
    expect(namePackages(spec({ packages: ['.', './cmd/b'], binaryName: 'app' }), dir)).toEqual([
      { pkg: '.', name: 'app' },
      { pkg: './cmd/b', name: 'app' },
    ]);
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

describe('namingProblem', () => {
  const one = [{ pkg: '.', name: 'app' }];

  it('is undefined when every name is a distinct plain file', () => {
    expect(namingError(spec(), [t('linux/amd64'), t('linux/arm/7'), t('windows/amd64')], one, stamp)).toBeUndefined();
    const two = [
      { pkg: '.', name: 'a' },
      { pkg: './cmd/b', name: 'b' },
    ];
    expect(namingError(spec(), [t('linux/amd64')], two, stamp)).toBeUndefined();
  });

  it('reports a template that renders one name for several targets', () => {
    expect(
      namingError(spec({ artifactName: '{goos}' }), [t('linux/amd64'), t('linux/arm64')], [{ pkg: '.', name: 'a' }], stamp)?.message,
    ).toBe(
      'Input artifact-name = "{goos}": artifact names collide: linux.tar.gz (linux/amd64, linux/arm64). ' +
        'Allowed: a template that includes {goos}, {goarch} and {variant} (and {name} for several packages)',
    );
  });

  it('names colliding artifacts and the builds that write them, as artifact-name', () => {
    const e = namingError(spec({ artifactName: '{name}-{goos}' }), [t('linux/amd64'), t('linux/arm64'), t('windows/amd64')], one, stamp);
    expect(e).toBeInstanceOf(InputError);
    expect(e?.input).toBe('artifact-name');
    expect(e?.value).toBe('{name}-{goos}');
    expect(e?.message).toContain('artifact names collide: app-linux.tar.gz (linux/amd64, linux/arm64). Allowed: a template that includes');
  });

  it('names the package too when several are built', () => {
    const two = [
      { pkg: './cmd/a', name: 'tool' },
      { pkg: './cmd/b', name: 'tool' },
    ];
    expect(namingError(spec(), [t('linux/amd64')], two, stamp)?.message).toContain(
      'artifact names collide: tool-linux-amd64.tar.gz (linux/amd64 ./cmd/a, linux/amd64 ./cmd/b)',
    );
  });

  it('refuses names that are no plain file, such as {variant}.. for a target without a variant, before collisions', () => {
    const e = namingError(
      spec({ artifactName: '{variant}..', archive: 'none' }),
      [t('linux/amd64'), t('linux/arm/7'), t('darwin/arm64')],
      one,
      stamp,
    );
    expect(e?.input).toBe('artifact-name');
    expect(e?.message).toBe(
      'Input artifact-name = "{variant}..": it renders names that are not a plain file name: ".." (linux/amd64); ".." (darwin/arm64). ' +
        'Allowed: a template whose every name is a file name of its own, such as {name}-{goos}-{goarch}{variant}{ext}',
    );
    // With an archive suffix the same template renders a usable (if odd) name.
    expect(namingError(spec({ artifactName: '{variant}..' }), [t('linux/amd64')], one, stamp)).toBeUndefined();
  });

  it("reports goreleaser-init's names that collide (amd64 and amd64/v3 are both x86_64), as artifact-name", () => {
    const e = namingError(spec({ artifactName: NAME_PRESETS['goreleaser-init'] }), [t('linux/amd64'), t('linux/amd64/v3')], one, stamp);
    expect(e?.input).toBe('artifact-name');
    expect(e?.message).toContain('artifact names collide: app_Linux_x86_64.tar.gz (linux/amd64, linux/amd64/v3)');
  });

  it("refuses a checksum file name that is an artifact's or the manifest's, as checksum-name", () => {
    const e = namingError(
      spec({ checksumName: 'SHA256SUMS', artifactName: 'SHA256SUMS', archive: 'none' }),
      [t('linux/amd64')],
      one,
      stamp,
    );
    expect(e?.input).toBe('checksum-name');
    expect(e?.message).toBe(
      'Input checksum-name = "SHA256SUMS": it renders "SHA256SUMS": the name of the artifact of linux/amd64. ' +
        'Allowed: a file name no artifact takes, such as {name}_{version}_checksums.txt',
    );
    expect(namingError(spec({ checksumName: '{name}.tar.gz', artifactName: '{name}' }), [t('linux/amd64')], one, stamp)?.message).toContain(
      'it renders "app.tar.gz": the name of the artifact of linux/amd64',
    );
    expect(namingError(spec({ checksumName: 'artifacts.json' }), [t('linux/amd64')], one, stamp)?.message).toContain(
      'it renders "artifacts.json": not a plain file name, or the name of artifacts.json',
    );
    expect(namingError(spec({ checksumName: '{name}_{version}_checksums.txt' }), [t('linux/amd64')], one, stamp)).toBeUndefined();
  });
});

describe('checksumsName', () => {
  it("renders checksum-name with the project's name, the first package's binary", () => {
    const two = [
      { pkg: './cmd/server', name: 'server' },
      { pkg: './cmd/client', name: 'client' },
    ];
    expect(checksumsName(spec({ checksumName: '{name}_{version}_checksums.txt' }), two, { ...stamp, version: '1.2.3' })).toBe(
      'server_1.2.3_checksums.txt',
    );
    expect(checksumsName(spec(), two, stamp)).toBe('SHA256SUMS');
  });
});
