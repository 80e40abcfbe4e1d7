import { DEFAULT_ARTIFACT_NAME } from '../../../src/gobuild/artifact-names.js';
import { readBuildSpec } from '../../../src/inputs/read-build.js';
import { TARGETS_ALLOWED } from '../../../src/targets/target.js';
import { fakeSource, inputError, noCgo, t } from '../helpers.js';

const repo = '/runner/work/repo';
const PLACEHOLDERS_ALLOWED = '{version}, {tag}, {commit} and {date}';

/** The build spec of one linux/amd64 target plus `inputs`, read in the module directory `wd`. */
const build = (inputs: Record<string, string>, wd = repo) => readBuildSpec(fakeSource({ targets: 'linux/amd64', ...inputs }), wd);
const refused = (inputs: Record<string, string>) => inputError(() => build(inputs));

describe('readBuildSpec', () => {
  it('defaults to one package, the default names, dist, an archive per target (auto), no SBOM, trimpath, as many builds as CPUs', () => {
    expect(build({})).toEqual({
      targets: [t('linux/amd64')],
      exclude: [],
      packages: ['.'],
      binaryName: undefined,
      artifactName: DEFAULT_ARTIFACT_NAME,
      checksumName: 'SHA256SUMS',
      outputDir: `${repo}/dist`,
      settings: { ldflags: '', tags: [], buildFlags: [], env: [], cgo: false, trimpath: true },
      reproducible: true,
      parallel: 2,
      failFast: false,
      archive: 'auto',
      archiveFiles: [],
      sbom: 'none',
      allowDirty: 'auto',
      cgo: noCgo,
    });
  });
});

describe('targets and exclude-targets', () => {
  it('keeps presets and explicit targets in order, and exclude patterns as given', () => {
    expect(
      build({ targets: 'first-class\nlinux/arm/7, linux/amd64/musl # comment', 'exclude-targets': 'windows/*\n*/386, linux/arm/*' }),
    ).toMatchObject({
      targets: [{ preset: 'first-class' }, t('linux/arm/7'), t('linux/amd64/musl')],
      exclude: ['windows/*', '*/386', 'linux/arm/*'],
    });
  });

  it('refuses a target that does not parse, and an exclude that is no pattern', () => {
    expect(refused({ targets: ' linux\n' })).toMatchObject({
      input: 'targets',
      value: 'linux',
      message: expect.stringContaining('"linux" is not goos/goarch[/variant][/musl]'),
      allowed: TARGETS_ALLOWED,
    });
    expect(refused({ 'exclude-targets': 'windows/*, windows' })).toMatchObject({
      input: 'exclude-targets',
      value: 'windows/*, windows',
      message: expect.stringContaining('"windows" is not a target pattern'),
      allowed: 'patterns such as windows/*, */386, linux/arm/6, separated by commas or lines',
    });
  });
});

describe('package, binary-name and artifact-name', () => {
  it('reads a list of packages, a binary name and an artifact template', () => {
    expect(build({ package: './cmd/a\n./cmd/b, example.com/m/cmd/c' }).packages).toEqual(['./cmd/a', './cmd/b', 'example.com/m/cmd/c']);
    expect(build({ 'binary-name': ' tool.v2 ', 'artifact-name': '{name}_{version}_{goos}_{goarch}{ext}' })).toMatchObject({
      binaryName: 'tool.v2',
      artifactName: '{name}_{version}_{goos}_{goarch}{ext}',
    });
  });

  it('refuses a package that is a flag or two words', () => {
    for (const [text, bad] of [
      ['-race', '-race'],
      ['./cmd/a ./cmd/b', './cmd/a ./cmd/b'],
    ]) {
      expect(refused({ package: text })).toMatchObject({
        input: 'package',
        value: text,
        message: expect.stringContaining(`"${bad}" is not a package path`),
        allowed: 'main packages such as ., ./cmd/tool, example.com/m/cmd/tool, separated by commas or lines',
      });
    }
  });

  it('refuses binary names that are no file of their own', () => {
    for (const name of ['.', '..', '...', 'a/b', 'a b'])
      expect(refused({ 'binary-name': name })).toMatchObject({
        input: 'binary-name',
        value: name,
        message: expect.stringContaining('not a plain file name'),
        allowed: 'letters, digits, . _ + - (not . or ..)',
      });
  });

  it('reads project-name, refusing one that is no file of its own', () => {
    expect(build({ package: './cmd/server, ./cmd/client', 'project-name': ' relay ' })).toMatchObject({ projectName: 'relay' });
    expect(build({})).toMatchObject({ projectName: undefined });
    for (const name of ['..', 'a/b'])
      expect(refused({ 'project-name': name })).toMatchObject({
        input: 'project-name',
        value: name,
        message: expect.stringContaining('not a plain file name'),
      });
    // With bare binaries it names the checksum file's {name} only.
    expect(build({ 'project-name': 'relay', archive: 'none' })).toMatchObject({ projectName: 'relay' });
  });

  it('refuses one binary name for several packages', () => {
    expect(refused({ package: './cmd/a,./cmd/b', 'binary-name': 'tool' })).toMatchObject({
      input: 'binary-name',
      value: 'tool',
      message: expect.stringContaining('one name cannot serve 2 packages'),
      allowed: 'leave binary-name empty: each package is named after its last path element',
    });
  });

  it('refuses an artifact template with an unknown placeholder or a directory', () => {
    expect(refused({ 'artifact-name': '{name}-{date}' })).toMatchObject({
      input: 'artifact-name',
      value: '{name}-{date}',
      message: expect.stringContaining('unknown placeholder {date}'),
      allowed: `a template such as ${DEFAULT_ARTIFACT_NAME}, or a preset: goreleaser, goreleaser-init`,
    });
    expect(refused({ 'artifact-name': '{goos}/{name}' }).message).toContain('a file name cannot contain /');
  });

  it('expands a preset to its template', () => {
    expect(build({ 'artifact-name': ' goreleaser ' }).artifactName).toBe('{name}_{version}_{goos}_{arch}{ext}');
    expect(build({ 'artifact-name': 'goreleaser-init' }).artifactName).toBe('{name}_{Os}_{uname-arch}{ext}');
  });
});

describe('checksum-name', () => {
  it('is SHA256SUMS by default, else the template given', () => {
    expect(build({}).checksumName).toBe('SHA256SUMS');
    expect(build({ 'checksum-name': ' {name}_{version}_checksums.txt ' }).checksumName).toBe('{name}_{version}_checksums.txt');
  });

  it('refuses a path and the fields of artifact names', () => {
    expect(refused({ 'checksum-name': 'out/{name}.sha256' })).toMatchObject({
      input: 'checksum-name',
      value: 'out/{name}.sha256',
      message: expect.stringContaining('a file name cannot contain /'),
      allowed: 'a file name such as {name}_{version}_checksums.txt',
    });
    expect(refused({ 'checksum-name': '{name}-{arch}.txt' }).message).toContain(
      'unknown placeholder {arch} (known: {name} {version} {tag} {commit})',
    );
  });
});

describe('output-dir', () => {
  it('is relative to the module directory, and stays in the workspace or RUNNER_TEMP', () => {
    expect(build({}, `${repo}/sub`).outputDir).toBe(`${repo}/sub/dist`);
    expect(build({ 'output-dir': '/runner/temp/out' }).outputDir).toBe('/runner/temp/out');
    expect(refused({ 'output-dir': '/etc' })).toMatchObject({ input: 'output-dir', value: '/etc' });
  });
});

describe('ldflags, tags and build-flags', () => {
  it('reads ldflags with placeholders, tags from commas, spaces or lines, and flags quoted as go quotes GOFLAGS', () => {
    expect(
      build({
        ldflags: ' -s -w -X main.version={version} ',
        tags: 'netgo, osusergo\nv1.2',
        'build-flags': `-gcflags "all=-N -l" '-asmflags=all=-D "X=a b"' -mod=readonly -pgo=off`,
      }).settings,
    ).toMatchObject({
      ldflags: '-s -w -X main.version={version}',
      tags: ['netgo', 'osusergo', 'v1.2'],
      buildFlags: ['-gcflags', 'all=-N -l', '-asmflags=all=-D "X=a b"', '-mod=readonly', '-pgo=off'],
    });
    // What go itself takes: quoted words, a pattern, a quote inside a word (kept as a character).
    for (const ldflags of [`-X 'main.note=a b' -s`, 'all=-s -w', `-X main.name=O'Brien`, `-extldflags "-static -lm"`])
      expect(build({ ldflags }).settings.ldflags).toBe(ldflags);
  });

  it('refuses ldflags that go build would refuse, before anything runs', () => {
    const cases: [string, string][] = [
      [`-s -X 'main.v=1 2`, "the ' that opens 'main.v=1 is never closed"],
      [`-X "main.v={version}`, 'the " that opens "main.v={version} is never closed'],
      [`"-s -w"`, 'it starts with a " quote'],
      ['s -w', 'does not start with -, so go build reads it as pattern=flags, and it has no ='],
      ['=-s', 'has no package pattern before its ='],
    ];
    for (const [ldflags, problem] of cases)
      expect(refused({ ldflags })).toMatchObject({
        input: 'ldflags',
        value: ldflags,
        message: expect.stringContaining(problem),
        allowed: expect.stringContaining('the -ldflags value as go build takes it'),
      });
  });

  it('refuses an unknown placeholder in ldflags and build-flags', () => {
    expect(refused({ ldflags: '-X main.v={ver}' })).toMatchObject({
      input: 'ldflags',
      value: '-X main.v={ver}',
      message: expect.stringContaining('unknown placeholder {ver}'),
      allowed: PLACEHOLDERS_ALLOWED,
    });
    expect(refused({ 'build-flags': '-gcflags={name}' })).toMatchObject({
      input: 'build-flags',
      value: '-gcflags={name}',
      message: expect.stringContaining('unknown placeholder {name}'),
      allowed: PLACEHOLDERS_ALLOWED,
    });
  });

  it('refuses a tag that is no build tag', () => {
    expect(refused({ tags: 'netgo,!cgo' })).toMatchObject({
      input: 'tags',
      value: 'netgo,!cgo',
      message: expect.stringContaining('"!cgo" is not a build tag'),
      allowed: 'build tags (letters, digits, _ and .) separated by commas or spaces',
    });
  });

  it('refuses build-flags the action owns, in every spelling', () => {
    for (const [text, flag] of [
      ['-o out', '-o'],
      ['-v -o=out', '-o=out'],
      ['--ldflags=-s', '--ldflags=-s'],
      ['-tags netgo', '-tags'],
      ['-trimpath=false', '-trimpath=false'],
    ]) {
      expect(refused({ 'build-flags': text })).toMatchObject({
        input: 'build-flags',
        value: text,
        message: expect.stringContaining(`${flag} is set by the action`),
        allowed: 'other go build flags; use output-dir/artifact-name, ldflags, tags, reproducible',
      });
    }
    expect(build({ 'build-flags': '-overlay=x.json -tagsfile' }).settings.buildFlags).toEqual(['-overlay=x.json', '-tagsfile']);
  });

  it('refuses build-flags that start with a package, or do not split', () => {
    expect(refused({ 'build-flags': './cmd/x -v' })).toMatchObject({
      input: 'build-flags',
      value: './cmd/x -v',
      message: expect.stringContaining('"./cmd/x" is not a flag'),
      allowed: 'go build flags only; packages go in the package input',
    });
    expect(refused({ 'build-flags': '-gcflags "all=-N' })).toMatchObject({
      input: 'build-flags',
      message: expect.stringContaining('the " that opens "all=-N is never closed'),
      allowed: expect.stringContaining('go build flags as go splits GOFLAGS'),
    });
  });

  it('refuses a quote inside a word, which go would keep, and per-package values go would refuse', () => {
    const cases: [string, string][] = [
      [`-gcflags="all=-N -l"`, '-gcflags="all=-N has a quote inside a word'],
      [`-mod='readonly'`, "-mod='readonly' has a quote inside a word"],
      [`-gcflags '"-N"'`, 'the value of -gcflags: it starts with a " quote'],
      ['--asmflags=x', 'the value of --asmflags: "x" does not start with -'],
      ['-gccgoflags', '-gccgoflags has no value'],
      [`-gcflags 'all=-d "x'`, 'the value of -gcflags: the " that opens "x is never closed'],
    ];
    for (const [text, problem] of cases)
      expect(refused({ 'build-flags': text })).toMatchObject({
        input: 'build-flags',
        value: text,
        message: expect.stringContaining(problem),
        allowed: expect.stringContaining("such as -v '-gcflags=all=-N -l'"),
      });
  });

  it('refuses -C in every spelling: go takes it only as its first argument', () => {
    for (const [text, flag] of [
      ['-C sub', '-C'],
      ['-v --C=sub', '--C=sub'],
    ])
      expect(refused({ 'build-flags': text })).toMatchObject({
        input: 'build-flags',
        value: text,
        message: expect.stringContaining(`${flag} must be the first argument of go`),
        allowed: 'other go build flags; working-directory names the module directory',
      });
    expect(build({ 'build-flags': '-cover -coverpkg=./...' }).settings.buildFlags).toEqual(['-cover', '-coverpkg=./...']);
  });
});

describe('env', () => {
  it('reads global and per-target lines', () => {
    expect(build({ env: 'GOFLAGS=-mod=mod\n# comment\nwindows/*: CGO_CFLAGS=-O2' }).settings.env).toEqual([
      { pattern: undefined, key: 'GOFLAGS', value: '-mod=mod' },
      { pattern: 'windows/*', key: 'CGO_CFLAGS', value: '-O2' },
    ]);
  });

  it('quotes only the bad env line, masked', () => {
    const e = refused({ env: 'GOPROXY=https://ci:TOKEN@proxy.example.com\nFOO https://u:PW@x.example' });
    expect(e.message).toBe(
      'Input env = "FOO https://***@x.example": not KEY=VALUE or goos/goarch: KEY=VALUE. Allowed: lines KEY=VALUE, or goos/goarch: KEY=VALUE for one target (patterns such as windows/* allowed)',
    );
    expect(e.value).toBe('FOO https://***@x.example');
  });

  it('refuses the variables the action owns', () => {
    expect(refused({ env: 'GOARCH=arm64' })).toMatchObject({
      input: 'env',
      value: 'GOARCH=arm64',
      message: expect.stringContaining('GOARCH is set by the action'),
    });
  });
});

describe('cgo, reproducible, parallel and fail-fast', () => {
  it('turn cgo and its compiler on, trimpath off, the bound and fail-fast', () => {
    const spec = build({ cgo: 'true', reproducible: 'false', parallel: ' 8 ', 'fail-fast': 'TRUE' });
    expect(spec).toMatchObject({ reproducible: false, parallel: 8, failFast: true, cgo: { enabled: true, compiler: 'zig' } });
    expect(spec.settings).toMatchObject({ cgo: true, trimpath: false });
    expect(build({ parallel: '256' }).parallel).toBe(256);
    expect(build({ parallel: '1' }).parallel).toBe(1);
  });

  it('refuses a parallel that is no whole number from 1 to 256, giving the CPUs as the default', () => {
    for (const text of ['0', '257', '1.5', 'two', '-1', '0x10', '1e1']) {
      expect(refused({ parallel: text })).toMatchObject({
        input: 'parallel',
        value: text,
        message: expect.stringContaining('not a whole number from 1 to 256'),
        allowed: 'a number of concurrent builds (default: 2, the logical CPUs)',
      });
    }
  });

  it('refuses booleans that are not, and CC lines the managed compiler owns', () => {
    expect(refused({ cgo: 'on' })).toMatchObject({ input: 'cgo', value: 'on' });
    expect(refused({ reproducible: 'no' })).toMatchObject({ input: 'reproducible', value: 'no' });
    expect(refused({ 'fail-fast': '1' })).toMatchObject({ input: 'fail-fast', value: '1' });
    expect(refused({ cgo: 'true', env: 'CC=gcc' }).input).toBe('env');
    expect(build({ cgo: 'true', 'c-compiler': 'system', env: 'CC=gcc' }).cgo.compiler).toBe('system');
  });
});

describe('archive and archive-files', () => {
  it('takes each archive format, and files to put in it from commas or lines', () => {
    for (const archive of ['none', 'auto', 'tar.gz', 'zip']) expect(build({ archive: ` ${archive} ` }).archive).toBe(archive);
    expect(build({ archive: 'zip', 'archive-files': 'LICENSE*\nREADME.md, completions/' }).archiveFiles).toEqual([
      'LICENSE*',
      'README.md',
      'completions/',
    ]);
  });

  it('refuses an unknown format, and archive-files without an archive', () => {
    expect(refused({ archive: 'tgz' })).toMatchObject({
      input: 'archive',
      value: 'tgz',
      message: expect.stringContaining('unknown archive format'),
      allowed: 'auto (zip for windows, tar.gz otherwise), tar.gz, zip, none',
    });
    expect(refused({ archive: 'none', 'archive-files': 'LICENSE\nREADME.md' })).toMatchObject({
      input: 'archive-files',
      value: 'LICENSE, README.md',
      message: expect.stringContaining('archive is none, so there is no archive to put them in'),
      allowed: 'archive: auto, tar.gz or zip with archive-files (or no archive-files)',
    });
  });
});

describe('sbom and allow-dirty', () => {
  it('default to no SBOM and a clean checkout where a release is made (auto)', () => {
    expect(build({})).toMatchObject({ sbom: 'none', allowDirty: 'auto' });
    expect(build({ 'allow-dirty': ' auto ' }).allowDirty).toBe('auto');
  });

  it('take each SBOM format, auto and a YAML boolean', () => {
    expect(build({ sbom: 'spdx', 'allow-dirty': 'true' })).toMatchObject({ sbom: 'spdx', allowDirty: true });
    expect(build({ sbom: ' cyclonedx ', 'allow-dirty': 'False' })).toMatchObject({ sbom: 'cyclonedx', allowDirty: false });
    expect(build({ sbom: 'none' }).sbom).toBe('none');
  });

  it('refuse an unknown SBOM format, case included, and an allow-dirty that is neither auto nor a boolean', () => {
    for (const sbom of ['SPDX', 'cyclonedx-xml'])
      expect(refused({ sbom })).toMatchObject({
        input: 'sbom',
        value: sbom,
        message: expect.stringContaining('unknown SBOM format'),
        allowed: 'none, spdx (SPDX 2.3 JSON) or cyclonedx (CycloneDX 1.6 JSON)',
      });
    expect(refused({ 'allow-dirty': 'dirty' })).toMatchObject({ input: 'allow-dirty', value: 'dirty', allowed: 'auto, true or false' });
  });
});
