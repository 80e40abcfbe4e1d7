import {
  DEFAULT_ARTIFACT_NAME,
  archiveFormat,
  artifactFileName,
  duplicateNames,
  renderName,
  sha256sums,
  templateProblem,
} from '../../src/artifacts.js';
import { mergeDiagnostics, parseDiagnostics } from '../../src/build/diagnostics.js';
import { binaryNameOf, modulePath } from '../../src/build/packages.js';
import { planBuilds } from '../../src/build/plan.js';
import {
  buildArgs,
  buildEnv,
  envFor,
  expand,
  parseEnvRules,
  procsPerBuild,
  splitArgs,
  splitTags,
  unknownPlaceholders,
  type BuildSettings,
  type EnvRule,
} from '../../src/build/settings.js';
import { stampFrom } from '../../src/build/stamp.js';
import { parseTarget, type Target } from '../../src/targets.js';

const t = (text: string) => parseTarget(text) as Target;
const stamp = { version: 'v1.2.3', commit: 'abc1234def', date: '2023-11-14T22:13:20Z', epoch: 1_700_000_000 };
const settings: BuildSettings = {
  ldflags: '-s -w -X main.version={version}',
  tags: ['pro', 'netgo'],
  buildFlags: [],
  env: [],
  cgo: false,
  trimpath: true,
};

describe('stamp', () => {
  it('takes the tag, the checkout commit and its time', () => {
    expect(stampFrom({ ref: 'refs/tags/v1.2.3', sha: 'f'.repeat(40), gitCommit: 'a'.repeat(40), gitEpoch: 1_700_000_000, now: 0 })).toEqual(
      {
        version: 'v1.2.3',
        commit: 'a'.repeat(40),
        date: '2023-11-14T22:13:20Z',
        epoch: 1_700_000_000,
      },
    );
  });

  it('falls back to the short commit, GITHUB_SHA, SOURCE_DATE_EPOCH and now', () => {
    expect(stampFrom({ ref: 'refs/heads/main', sha: 'b'.repeat(40), now: 5_000 })).toMatchObject({
      version: 'bbbbbbb',
      commit: 'b'.repeat(40),
      epoch: 5,
    });
    expect(stampFrom({ sourceDateEpoch: '86400', gitEpoch: 1, now: 0 })).toMatchObject({
      version: 'dev',
      commit: 'unknown',
      date: '1970-01-02T00:00:00Z',
    });
    expect(() => stampFrom({ sourceDateEpoch: 'yesterday', now: 0 })).toThrow('SOURCE_DATE_EPOCH="yesterday"');
  });
});

describe('flags and placeholders', () => {
  it('expands only known placeholders', () => {
    expect(expand('-X main.v={version} -X main.c={commit} -X main.d={date} {other}', stamp)).toBe(
      '-X main.v=v1.2.3 -X main.c=abc1234def -X main.d=2023-11-14T22:13:20Z {other}',
    );
    expect(unknownPlaceholders('{version} {tag} {}')).toEqual(['tag', '']);
  });

  it('splits flags like a shell, without expanding anything', () => {
    expect(splitArgs(`-v  -gcflags "all=-N -l" -x='a b' $HOME \`id\``)).toEqual(['-v', '-gcflags', 'all=-N -l', '-x=a b', '$HOME', '`id`']);
    expect(splitArgs(`-a ""`)).toEqual(['-a', '']);
    expect(splitArgs(`-a "b`)).toEqual({ problem: 'unclosed "' });
    expect(splitTags('pro, netgo\nosusergo')).toEqual(['pro', 'netgo', 'osusergo']);
  });

  it('builds go build arguments as an array', () => {
    expect(buildArgs({ ...settings, buildFlags: ['-v', '-X={commit}'] }, stamp, '/o/app', './cmd/app', 1)).toEqual([
      'build',
      '-o',
      '/o/app',
      '-trimpath',
      '-p',
      '1',
      '-ldflags=-s -w -X main.version=v1.2.3',
      '-tags=pro,netgo',
      '-v',
      '-X=abc1234def',
      './cmd/app',
    ]);
    expect(buildArgs({ ...settings, trimpath: false, ldflags: '', tags: [], buildFlags: ['-p=4'] }, stamp, '/o', '.', 1)).toEqual([
      'build',
      '-o',
      '/o',
      '-p=4',
      '.',
    ]);
  });

  it('shares the cores out between parallel builds', () => {
    expect(procsPerBuild(2, 2)).toBe(1);
    expect(procsPerBuild(8, 2)).toBe(4);
    expect(procsPerBuild(2, 10)).toBe(1);
    expect(procsPerBuild(4, 1)).toBe(4);
  });
});

describe('env', () => {
  const rules = parseEnvRules('# comment\nFOO=1\nwindows/*: FOO=win\nlinux/arm64: CC=aarch64-linux-gnu-gcc\nEMPTY=\n') as EnvRule[];

  it('parses global and per-target lines', () => {
    expect(rules).toEqual([
      { pattern: undefined, key: 'FOO', value: '1' },
      { pattern: 'windows/*', key: 'FOO', value: 'win' },
      { pattern: 'linux/arm64', key: 'CC', value: 'aarch64-linux-gnu-gcc' },
      { pattern: undefined, key: 'EMPTY', value: '' },
    ]);
    expect(envFor(rules, t('windows/arm64'))).toEqual({ FOO: 'win', EMPTY: '' });
    expect(envFor(rules, t('linux/arm64'))).toEqual({ FOO: '1', CC: 'aarch64-linux-gnu-gcc', EMPTY: '' });
  });

  it.each([
    ['FOO', 'not KEY=VALUE'],
    ['1FOO=x', 'not KEY=VALUE'],
    ['linux: FOO=1', '"linux" is not a target pattern'],
    ['GOARCH=arm64', 'GOARCH is set by the action'],
    ['linux/arm: GOARM=6', 'GOARM is set by the action'],
    ['CGO_ENABLED=1', 'CGO_ENABLED is set by the action'],
  ])('refuses %s, naming that line alone', (line, problem) => {
    const r = parseEnvRules(`GOPROXY=https://ci:TOKEN@proxy.example.com\n${line}`) as { problem: string; line: string };
    expect(r.problem).toContain(problem);
    expect(r.line).toBe(line);
    expect(r.problem).not.toContain('TOKEN');
  });

  it('scrubs inherited target variables and sets the target, cgo, GOCACHE and user lines', () => {
    const base = {
      PATH: '/bin',
      GOARCH: 'arm64',
      GOARM: '5',
      GOAMD64: 'v4',
      CGO_ENABLED: '1',
      GOCACHE: '/shared',
      GOROOT: '/r',
      GOTOOLCHAIN: 'local',
      GOFLAGS: '-mod=mod',
    };
    expect(buildEnv(base, t('linux/arm/7'), { ...settings, env: rules }, '/c/linux-arm-7')).toEqual({
      PATH: '/bin',
      GOROOT: '/r',
      GOTOOLCHAIN: 'local',
      GOFLAGS: '-mod=mod',
      GOOS: 'linux',
      GOARCH: 'arm',
      GOARM: '7',
      CGO_ENABLED: '0',
      GOCACHE: '/c/linux-arm-7',
      FOO: '1',
      EMPTY: '',
    });
  });
});

describe('artifact names', () => {
  it('renders the default template with the variant and suffixes', () => {
    expect(renderName(DEFAULT_ARTIFACT_NAME, 'app', t('linux/arm/7'), '')).toBe('app-linux-arm-7');
    expect(artifactFileName(DEFAULT_ARTIFACT_NAME, 'app', t('windows/amd64'), null)).toBe('app-windows-amd64.exe');
    expect(artifactFileName(DEFAULT_ARTIFACT_NAME, 'app', t('js/wasm'), null)).toBe('app-js-wasm.wasm');
    expect(artifactFileName(DEFAULT_ARTIFACT_NAME, 'app', t('windows/amd64'), 'zip')).toBe('app-windows-amd64.zip');
    expect(artifactFileName('{name}_{goos}_{goarch}{variant}', 'app', t('linux/amd64/v3'), 'tar.gz')).toBe('app_linux_amd64-v3.tar.gz');
  });

  it('chooses archive formats', () => {
    expect(archiveFormat('auto', 'windows')).toBe('zip');
    expect(archiveFormat('auto', 'darwin')).toBe('tar.gz');
    expect(archiveFormat('zip', 'linux')).toBe('zip');
    expect(archiveFormat('none', 'linux')).toBeNull();
  });

  it('checks templates and finds collisions', () => {
    expect(templateProblem('{name}-{os}')).toContain('unknown placeholder {os}');
    expect(templateProblem('bin/{name}')).toContain('cannot contain /');
    expect(templateProblem(DEFAULT_ARTIFACT_NAME)).toBeUndefined();
    expect(
      duplicateNames([
        { name: 'a', who: 'x' },
        { name: 'b', who: 'y' },
        { name: 'a', who: 'z' },
      ]),
    ).toEqual(['a (x, z)']);
  });

  it('writes sha256sum lines sorted by name', () => {
    expect(
      sha256sums([
        { name: 'b', sha256: '2' },
        { name: 'a', sha256: '1' },
      ]),
    ).toBe('1  a\n2  b\n');
  });
});

describe('packages', () => {
  it('reads the module path and derives binary names as go build does', () => {
    expect(modulePath('// c\nmodule example.com/tool/v2 // main\n\ngo 1.22\n')).toBe('example.com/tool/v2');
    expect(binaryNameOf('.', 'example.com/tool/v2')).toBe('tool');
    expect(binaryNameOf('.', 'example.com/hello')).toBe('hello');
    expect(binaryNameOf('./cmd/helper', 'example.com/hello')).toBe('helper');
    expect(binaryNameOf('example.com/x/cmd/y', undefined)).toBe('y');
    expect(binaryNameOf('.', undefined)).toBeUndefined();
  });
});

describe('diagnostics', () => {
  const log =
    '# example.com/broken\n./greeting_windows.go:4:33: cannot use 42 (untyped int constant) as string value in return statement\nvet: x.go:2: something\nnot a diagnostic\n';

  it('turns compiler lines into workspace-relative annotations', () => {
    expect(parseDiagnostics(log, '/w/mod', '/w')).toEqual([
      {
        file: 'mod/greeting_windows.go',
        line: 4,
        column: 33,
        message: 'cannot use 42 (untyped int constant) as string value in return statement',
      },
    ]);
    expect(parseDiagnostics('x.go:2: something', '/w', '/w')).toEqual([{ file: 'x.go', line: 2, column: undefined, message: 'something' }]);
  });

  it('merges the same message across targets', () => {
    const d = parseDiagnostics(log, '/w', '/w');
    expect(
      mergeDiagnostics([
        { id: 'windows/amd64', diagnostics: d },
        { id: 'windows/arm64', diagnostics: d },
      ]),
    ).toEqual([{ ...d[0], ids: ['windows/amd64', 'windows/arm64'] }]);
  });
});

describe('planBuilds', () => {
  const base = {
    template: DEFAULT_ARTIFACT_NAME,
    archive: 'auto' as const,
    settings,
    stamp,
    procs: 1,
    baseEnv: { PATH: '/bin' },
    stagingDir: '/s',
    gocacheRoot: '/c',
  };

  it('gives every target its own binary, GOCACHE and artifact', () => {
    const jobs = planBuilds({ ...base, targets: [t('linux/arm/7'), t('windows/amd64')], packages: [{ pkg: '.', name: 'app' }] });
    expect(Array.isArray(jobs) && jobs.map((j) => [j.id, j.binary, j.gocache, j.artifact, j.archive, j.env.GOCACHE])).toEqual([
      ['linux/arm/7', '/s/linux-arm-7/app', '/c/linux-arm-7', 'app-linux-arm-7.tar.gz', 'tar.gz', '/c/linux-arm-7'],
      ['windows/amd64', '/s/windows-amd64/app.exe', '/c/windows-amd64', 'app-windows-amd64.zip', 'zip', '/c/windows-amd64'],
    ]);
  });

  it('keeps several packages of one target apart and reports collisions', () => {
    const jobs = planBuilds({
      ...base,
      targets: [t('linux/amd64')],
      packages: [
        { pkg: '.', name: 'a' },
        { pkg: './cmd/b', name: 'b' },
      ],
    });
    expect(Array.isArray(jobs) && jobs.map((j) => [j.id, j.binary])).toEqual([
      ['linux/amd64 .', '/s/linux-amd64-a/a'],
      ['linux/amd64 ./cmd/b', '/s/linux-amd64-b/b'],
    ]);
    expect(
      planBuilds({ ...base, template: '{goos}', targets: [t('linux/amd64'), t('linux/arm64')], packages: [{ pkg: '.', name: 'a' }] }),
    ).toEqual({
      duplicates: ['linux.tar.gz (linux/amd64, linux/arm64)'],
    });
  });
});
