import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBuildInfoJson, parseBuildInfoText, setting, unquoteGo, type BuildInfo } from '../../../src/binaries/buildinfo.js';

// Real output, captured from the sbomapp fixture (see __tests__/fixtures/buildinfo/README.md).
const captured = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/buildinfo/${name}`, import.meta.url)), 'utf8');
const parsed = (r: ReturnType<typeof parseBuildInfoText>): BuildInfo => {
  if ('problem' in r) throw new Error(r.problem);
  return r;
};

const SUMS = {
  greetlib: 'h1:7/NyXxWP4mUS9Mw9UnuM2UDYhsrmomLoazArZ4faV84=',
  shoutfork: 'h1:6p14OeOaU8O1+gWmdTrhfa99tVRy3YVoD2eXpNuPYfs=',
};

describe('parseBuildInfoText', () => {
  it("reads Go 1.24's go version -m: modules, both kinds of replacement, and the settings in order", () => {
    const info = parsed(parseBuildInfoText(captured('sbomapp-go1.24.4-linux-arm-7.txt')));
    expect(info.goVersion).toBe('go1.24.4');
    expect(info.path).toBe('example.com/sbomapp');
    // Go 1.24 stamps the main module with a pseudo-version from the VCS.
    expect(info.main).toEqual({ path: 'example.com/sbomapp', version: 'v0.0.0-20231114221320-f1f42fbb1c56', sum: '' });
    expect(info.deps).toEqual([
      { path: 'example.com/greetlib', version: 'v1.0.0', sum: SUMS.greetlib },
      { path: 'example.com/locallib', version: 'v0.0.0', sum: '', replace: { path: './locallib', version: '(devel)', sum: '' } },
      {
        path: 'example.com/shoutlib',
        version: 'v1.2.0',
        sum: '',
        replace: { path: 'example.com/shoutfork', version: 'v1.2.1', sum: SUMS.shoutfork },
      },
    ]);
    expect(info.settings.map((s) => s.key)).toEqual([
      '-buildmode',
      '-compiler',
      '-tags',
      '-trimpath',
      'DefaultGODEBUG',
      'CGO_ENABLED',
      'GOARCH',
      'GOOS',
      'GOARM',
      'vcs',
      'vcs.revision',
      'vcs.time',
      'vcs.modified',
    ]);
    expect([setting(info, '-tags'), setting(info, 'GOARM'), setting(info, 'vcs.modified')]).toEqual(['pro,netgo', '7', 'false']);
    expect(setting(info, 'GOAMD64')).toBeUndefined();
  });

  it("unquotes Go 1.23's quoted flag values and keeps empty ones", () => {
    const info = parsed(parseBuildInfoText(captured('sbomapp-go1.23.5-dirty-cgo.txt')));
    expect(info.goVersion).toBe('go1.23.5');
    expect(info.main?.version).toBe('(devel)');
    expect(setting(info, '-ldflags')).toBe('-s -w -X "main.version=v1 beta"');
    expect(setting(info, '-gcflags')).toBe('all=-N -l');
    expect(setting(info, 'CGO_CFLAGS')).toBe('');
    expect(setting(info, '-trimpath')).toBeUndefined();
    expect(setting(info, 'vcs.modified')).toBe('true');
  });

  it('reads a binary built outside module mode and a Go version with an experiment', () => {
    expect(parseBuildInfoText('/x/y: with: colons: go1.24.4 X:boringcrypto\n\tpath\tcommand-line-arguments\n')).toEqual({
      goVersion: 'go1.24.4 X:boringcrypto',
      path: 'command-line-arguments',
      deps: [],
      settings: [],
    });
  });

  it('reads quoted keys, escapes and invalid UTF-8 the way strconv.Quote writes them', () => {
    const info = parsed(parseBuildInfoText('b: go1.24.4\n\tbuild\t"a key"="tab\\there \\xff\\u00e9"\n\tbuild\tK=`raw`\n'));
    expect(info.settings).toEqual([
      { key: 'a key', value: 'tab\there \ufffd\u00e9' },
      { key: 'K', value: 'raw' },
    ]);
  });

  it.each([
    ['no version line', '', 'is not "FILE: goVERSION"'],
    ['an unindented line', 'b: go1.24.4\npath\tx\n', 'line 2 "path\\tx" is not indented by a tab'],
    ['a replacement with nothing to replace', 'b: go1.24.4\n\t=>\tx\tv1\th1:x\n', 'line 2 (=>): a replacement needs a module'],
    ['a dep without version', 'b: go1.24.4\n\tdep\tx\n', 'line 2 (dep): expected a module path'],
    ['a setting without =', 'b: go1.24.4\n\tbuild\tGOOS\n', 'not KEY=VALUE'],
    ['a bad escape', 'b: go1.24.4\n\tbuild\tK="\\q"\n', 'bad escape'],
  ])('refuses %s', (_, text, problem) => {
    expect(parseBuildInfoText(text)).toEqual({ problem: expect.stringContaining(problem) });
  });
});

describe('parseBuildInfoJson', () => {
  it("reads Go 1.25's go version -m -json as the same build info as the text of the same binary", () => {
    const fromJson = parsed(parseBuildInfoJson(captured('sbomapp-go1.24.4-linux-arm-7.go125.json')));
    const fromText = parsed(parseBuildInfoText(captured('sbomapp-go1.24.4-linux-arm-7.txt')));
    expect(fromJson).toEqual(fromText);
  });

  it('takes the omitted and null fields Go may write', () => {
    expect(parseBuildInfoJson('{"GoVersion":"go1.25.0","Path":"command-line-arguments","Main":{},"Deps":null}')).toEqual({
      goVersion: 'go1.25.0',
      path: 'command-line-arguments',
      deps: [],
      settings: [],
    });
  });

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['an array', '[]', 'not a JSON object'],
    ['a numeric version', '{"GoVersion":1,"Path":"x"}', 'GoVersion or Path'],
    ['a dep that is a string', '{"GoVersion":"go1.25.0","Path":"x","Main":{},"Deps":["x"]}', 'Deps is not a list of modules'],
    ['a numeric setting value', '{"GoVersion":"go1.25.0","Path":"x","Main":{},"Settings":[{"Value":1}]}', 'Settings is not a list'],
  ])('refuses %s', (_, text, problem) => {
    expect(parseBuildInfoJson(text)).toEqual({ problem: expect.stringContaining(problem) });
  });
});

describe('unquoteGo', () => {
  it('reads octal, \\U and raw literals, and refuses what Go would', () => {
    expect(unquoteGo('"\\101\\U0001F600"')).toEqual({ value: 'A\u{1F600}' });
    expect(unquoteGo('`a\\b`')).toEqual({ value: 'a\\b' });
    expect(unquoteGo('"abc')).toEqual({ problem: expect.stringContaining('not a Go string literal') });
    expect(unquoteGo('"\\x4"')).toEqual({ problem: expect.stringContaining('bad escape') });
  });
});
