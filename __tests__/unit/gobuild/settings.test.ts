import {
  buildArgs,
  buildEnv,
  envFor,
  expand,
  parseEnvRules,
  procsPerBuild,
  splitTags,
  unknownPlaceholders,
  type EnvRule,
} from '../../../src/gobuild/settings.js';
import { settings, stamp, t } from '../helpers.js';

describe('flags and placeholders', () => {
  it('expands only known placeholders', () => {
    expect(expand('-X main.v={version} -X main.t={tag} -X main.c={commit} -X main.d={date} {other}', stamp)).toBe(
      '-X main.v=1.2.3 -X main.t=v1.2.3 -X main.c=abc1234def -X main.d=2023-11-14T22:13:20Z {other}',
    );
    expect(unknownPlaceholders('{version} {tag} {branch} {}')).toEqual(['branch', '']);
  });

  it('splits tags at commas, spaces and lines', () => {
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
      '-ldflags=-s -w -X main.version=1.2.3',
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
