import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  embeddedBuildInfo,
  parseBuildInfoJson,
  parseBuildInfoText,
  setting,
  unquoteGo,
  type BuildInfo,
} from '../../../src/binaries/buildinfo.js';

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

describe('embeddedBuildInfo', () => {
  /** Go 1.18+'s inline form: the magic at a 16-byte boundary, pointer size, flags, then two uvarint-prefixed strings. */
  function blob(version: string, mod: string, at = 64): Buffer {
    const str = (s: string) => {
      const b = Buffer.from(s);
      const len: number[] = [];
      for (let n = b.length; ; n >>= 7) {
        len.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
        if (n <= 0x7f) break;
      }
      return Buffer.concat([Buffer.from(len), b]);
    };
    const head = Buffer.alloc(32);
    head.write('\xff Go buildinf:', 0, 'latin1');
    head[14] = 8;
    head[15] = 2;
    const marker = '0'.repeat(16);
    return Buffer.concat([Buffer.alloc(at, 0x41), head, str(version), str(`${marker}${mod}${marker}`)]);
  }
  const MOD =
    'path\texample.com/app\nmod\texample.com/app\t(devel)\t\ndep\texample.com/lib\tv1.0.0\th1:abc=\nbuild\tGOOS=darwin\nbuild\tGOARCH=arm64\n';

  it('reads what go version -m would print of it', () => {
    expect(embeddedBuildInfo(blob('go1.24.4', MOD))).toEqual({
      goVersion: 'go1.24.4',
      path: 'example.com/app',
      main: { path: 'example.com/app', version: '(devel)', sum: '' },
      deps: [{ path: 'example.com/lib', version: 'v1.0.0', sum: 'h1:abc=' }],
      settings: [
        { key: 'GOOS', value: 'darwin' },
        { key: 'GOARCH', value: 'arm64' },
      ],
    });
    // A module text longer than 127 bytes takes a two-byte length.
    const long = parsed(embeddedBuildInfo(blob('go1.24.4', MOD + `build\t-ldflags=${'x'.repeat(200)}\n`)));
    expect(setting(long, '-ldflags')).toBe('x'.repeat(200));
  });

  it('says what is missing: no magic at a 16-byte boundary, the old pointer form, a cut-off string', () => {
    expect(embeddedBuildInfo(blob('go1.24.4', MOD, 70))).toEqual({ problem: 'no Go build info in the binary' });
    const old = blob('go1.17', MOD);
    old[64 + 15] = 0;
    expect(embeddedBuildInfo(old)).toEqual({ problem: 'the build info is in the pre-1.18 form, which this reader does not take' });
    const cut = blob('go1.24.4', MOD);
    expect(embeddedBuildInfo(cut.subarray(0, cut.length - 10))).toEqual({ problem: 'the build info runs past the end of the binary' });
  });

  const realGo = '/usr/lib/go-1.24/bin/go';
  (existsSync(realGo) ? it : it.skip)(`reads a real binary as go version -m does (${realGo}; skipped without it)`, () => {
    const printed = parseBuildInfoText(execFileSync(realGo, ['version', '-m', realGo], { env: { PATH: '/usr/bin:/bin' } }).toString());
    expect(embeddedBuildInfo(readFileSync(realGo))).toEqual(printed);
  });
});
