import {
  checkNoToolchainInputs,
  DEFAULT_BASE_URL,
  hasVersionInput,
  readToolchainSpec,
  VERSION_INPUTS_ALLOWED,
} from '../../../src/inputs/read-toolchain.js';
import { ARCHITECTURE_NAMES } from '../../../src/toolchain/platform.js';
import { fakeSource, inputError } from '../helpers.js';

const repo = '/runner/work/repo';
const H = 'a'.repeat(64);
const VERSION_ALLOWED =
  'an exact version (1.24.4, go1.24.4, 1.25rc1, or a revision build such as 1.25.0-1), a range (1.24, ^1.23, ">=1.22 <1.24"), stable or oldstable';
const VERSION_FILE_ALLOWED =
  'go.mod or go.work with a "go 1.X[.Y]" or "toolchain go1.X.Y" line, .tool-versions with a "golang 1.X.Y" line, or .go-version holding a version';
const PATH_ALLOWED = 'a path, relative to the workspace, of go.mod, go.work, .go-version or .tool-versions';

/** The spec and the warnings it gave. */
function read(inputs: Record<string, string>, files: Record<string, string> = {}, env: Record<string, string> = {}) {
  const warnings: string[] = [];
  const spec = readToolchainSpec(fakeSource(inputs, files, env), warnings);
  return { ...spec, warnings };
}
const refused = (inputs: Record<string, string>, files: Record<string, string> = {}, env: Record<string, string> = {}) =>
  inputError(() => readToolchainSpec(fakeSource(inputs, files, env), []));

describe('hasVersionInput', () => {
  it('is whether go-version or go-version-file is set, blanks not counting', () => {
    expect(hasVersionInput(fakeSource({}))).toBe(false);
    expect(hasVersionInput(fakeSource({ 'go-version': ' ', 'go-version-file': '\n', 'go-sha256': H }))).toBe(false);
    expect(hasVersionInput(fakeSource({ 'go-version': '1.24' }))).toBe(true);
    expect(hasVersionInput(fakeSource({ 'go-version-file': 'go.mod' }))).toBe(true);
  });
});

describe('readToolchainSpec', () => {
  it('defaults to go.dev, no pins, no token, no check-latest, the runner platform and the workspace', () => {
    expect(read({ 'go-version': '1.24.4' })).toEqual({
      spec: { kind: 'exact', version: '1.24.4' },
      specInput: 'go-version',
      specValue: '1.24.4',
      pins: { kind: 'none' },
      baseUrl: DEFAULT_BASE_URL,
      auth: undefined,
      checkLatest: false,
      platform: { goos: 'linux', goarch: 'amd64' },
      workingDirectory: repo,
      warnings: [],
    });
    expect(DEFAULT_BASE_URL).toBe('https://go.dev/dl');
  });

  it('reads check-latest, architecture and working-directory', () => {
    expect(read({ 'go-version': '1.24.4', 'check-latest': 'true', architecture: 'ARM64', 'working-directory': 'sub' })).toMatchObject({
      checkLatest: true,
      platform: { goos: 'linux', goarch: 'arm64' },
      workingDirectory: `${repo}/sub`,
    });
    expect(read({ 'go-version': '1.24.4', architecture: 'x64' }).platform).toEqual({ goos: 'linux', goarch: 'amd64' });
  });

  it('refuses an unknown architecture, a check-latest that is no boolean, and a working-directory that is not there', () => {
    expect(refused({ 'go-version': '1.24.4', architecture: ' sparc ' })).toMatchObject({
      input: 'architecture',
      value: 'sparc',
      message: expect.stringContaining('unknown architecture'),
      allowed: ARCHITECTURE_NAMES.join(', '),
    });
    expect(ARCHITECTURE_NAMES).toEqual(expect.arrayContaining(['x64', 'arm64', 'amd64']));
    expect(refused({ 'go-version': '1.24.4', 'check-latest': 'yes' })).toMatchObject({ input: 'check-latest', value: 'yes' });
    expect(refused({ 'go-version': '1.24.4', 'working-directory': '../x' })).toMatchObject({ input: 'working-directory' });
  });
});

describe('go-version', () => {
  it('takes exact versions, ranges and aliases, and keeps the text as given', () => {
    const spec = (v: string) => {
      const { spec, specInput, specValue } = read({ 'go-version': v });
      return { spec, specInput, specValue };
    };
    expect(spec(' go1.24.4 ')).toEqual({ spec: { kind: 'exact', version: '1.24.4' }, specInput: 'go-version', specValue: 'go1.24.4' });
    expect(spec('1.24').spec).toEqual({ kind: 'range', range: '1.24.x' });
    expect(spec('^1.23').spec).toEqual({ kind: 'range', range: '^1.23' });
    expect(spec('oldstable').spec).toEqual({ kind: 'alias', alias: 'oldstable' });
  });

  it('refuses what is no Go version, naming the input and what is allowed', () => {
    const e = refused({ 'go-version': 'banana' });
    expect(e).toMatchObject({ input: 'go-version', value: 'banana', allowed: VERSION_ALLOWED });
    expect(e.message).toBe(`Input go-version = "banana": not a Go version, range or alias. Allowed: ${VERSION_ALLOWED}`);
  });

  it('beats go-version-file, with a warning, and the file is not read', () => {
    const src = fakeSource({ 'go-version': '1.24.4', 'go-version-file': 'go.mod' });
    const readPaths: string[] = [];
    const readText = (p: string) => (readPaths.push(p), src.readText(p));
    const warnings: string[] = [];
    const spec = readToolchainSpec({ ...src, readText }, warnings);
    expect(spec).toMatchObject({ spec: { kind: 'exact', version: '1.24.4' }, specInput: 'go-version', specValue: '1.24.4' });
    expect(warnings).toEqual(['Both go-version (1.24.4) and go-version-file (go.mod) are set; using go-version.']);
    expect(readPaths).toEqual([]);
  });

  it('still refuses a bad go-version when go-version-file is set', () => {
    const e = refused({ 'go-version': 'banana', 'go-version-file': 'go.mod' }, { [`${repo}/go.mod`]: 'module m\ngo 1.24\n' });
    expect(e.input).toBe('go-version');
  });
});

describe('go-version-file', () => {
  it('reads the toolchain line, or the go line when the job sets GOTOOLCHAIN=local', () => {
    const gomod = { [`${repo}/go.mod`]: 'module m\n\ngo 1.22.1\ntoolchain go1.24.4\n' };
    const version = (env: Record<string, string>) => {
      const inputs = read({ 'go-version-file': 'go.mod' }, gomod, env);
      return [inputs.spec, inputs.specValue];
    };
    expect(version({})).toEqual([{ kind: 'exact', version: '1.24.4' }, 'go.mod (toolchain go1.24.4)']);
    expect(version({ GOTOOLCHAIN: 'local' })).toEqual([{ kind: 'exact', version: '1.22.1' }, 'go.mod (go 1.22.1)']);
    expect(version({ GOTOOLCHAIN: 'auto' })[1]).toBe('go.mod (toolchain go1.24.4)');
  });

  it('reads .go-version and .tool-versions, relative to the workspace and not to working-directory', () => {
    const files = { [`${repo}/.go-version`]: '1.23\n', [`${repo}/sub/.tool-versions`]: 'nodejs 20.1.0\ngolang 1.24.4\n' };
    expect(read({ 'go-version-file': '.go-version', 'working-directory': 'sub' }, files)).toMatchObject({
      spec: { kind: 'range', range: '1.23.x' },
      specInput: 'go-version-file',
      specValue: '.go-version (1.23)',
      workingDirectory: `${repo}/sub`,
    });
    expect(read({ 'go-version-file': 'sub/.tool-versions' }, files)).toMatchObject({
      spec: { kind: 'exact', version: '1.24.4' },
      specValue: 'sub/.tool-versions (golang 1.24.4)',
    });
  });

  it('refuses a version file outside the workspace, without reading it', () => {
    const e = refused({ 'go-version-file': '../../../etc/passwd' }, { '/etc/passwd': 'root:x:0:0' });
    expect(e).toMatchObject({ input: 'go-version-file', value: '../../../etc/passwd', allowed: PATH_ALLOWED });
    expect(e.message).toContain(`outside the workspace (${repo})`);
    expect(e.message).not.toContain('root:');
    expect(refused({ 'go-version-file': '/etc/passwd' }, { '/etc/passwd': 'root:x:0:0' }).message).toContain('outside the workspace');
  });

  it('blames neither input on its own when both are unset or blank, and does not look at the workspace', () => {
    for (const inputs of [{}, { 'go-version': ' ', 'go-version-file': '\n' }] as Record<string, string>[])
      expect(refused(inputs, { [repo]: 'a file where the workspace is' })).toMatchObject({
        input: 'go-version',
        value: '',
        message: expect.stringContaining('neither go-version nor go-version-file is set'),
        allowed: VERSION_INPUTS_ALLOWED,
      });
  });

  it('refuses a missing file, saying where it looked', () => {
    expect(refused({ 'go-version-file': 'sub/go.mod' })).toMatchObject({
      input: 'go-version-file',
      value: 'sub/go.mod',
      message: expect.stringContaining(`no such file (looked at ${repo}/sub/go.mod)`),
      allowed: PATH_ALLOWED,
    });
  });

  it('refuses a file without a version, and a version line that is no Go version, quoting the line', () => {
    expect(refused({ 'go-version-file': 'go.mod' }, { [`${repo}/go.mod`]: 'module x\n' })).toMatchObject({
      input: 'go-version-file',
      value: 'go.mod',
      message: expect.stringContaining('go.mod has no "go" or "toolchain" line'),
      allowed: VERSION_FILE_ALLOWED,
    });
    const e = refused({ 'go-version-file': 'go.mod' }, { [`${repo}/go.mod`]: 'module x\ngo 1.24\ntoolchain gobanana\n' });
    expect(e).toMatchObject({ input: 'go-version-file', value: 'go.mod', allowed: VERSION_FILE_ALLOWED });
    expect(e.message).toContain('"toolchain gobanana": not a Go version');
  });
});

describe('go-sha256', () => {
  it('takes one hash, or sha256sum lines', () => {
    expect(read({ 'go-version': '1.24.4', 'go-sha256': ` ${H.toUpperCase()}\n` }).pins).toEqual({ kind: 'single', sha256: H });
    expect(read({ 'go-version': '1.24.4', 'go-sha256': `${H}  go1.24.4.linux-amd64.tar.gz\n# comment\n` }).pins).toEqual({
      kind: 'files',
      byFile: new Map([['go1.24.4.linux-amd64.tar.gz', H]]),
    });
  });

  it('refuses what does not parse, naming both pin formats', () => {
    const e = refused({ 'go-version': '1.24.4', 'go-sha256': ' xyz\n' });
    expect(e).toMatchObject({ input: 'go-sha256', value: 'xyz', message: expect.stringContaining('"xyz" is not a SHA-256') });
    expect(e.allowed).toMatch(/^one SHA-256 \(64 hex digits\), or lines "HASH {2}FILENAME".*golang\.org\/toolchain v0\.0\.1-go1\.24\.4/);
  });
});

describe('go-download-base-url', () => {
  it('is the input, else the runner env GO_DOWNLOAD_BASE_URL, else go.dev; without a trailing slash', () => {
    expect(read({ 'go-version': '1.24.4', 'go-download-base-url': ' https://mirror.example/go/ ' }).baseUrl).toBe(
      'https://mirror.example/go',
    );
    expect(read({ 'go-version': '1.24.4' }, {}, { GO_DOWNLOAD_BASE_URL: 'https://env.example/go/' }).baseUrl).toBe(
      'https://env.example/go',
    );
    expect(
      read(
        { 'go-version': '1.24.4', 'go-download-base-url': 'https://input.example/go' },
        {},
        { GO_DOWNLOAD_BASE_URL: 'https://env.example' },
      ).baseUrl,
    ).toBe('https://input.example/go');
  });

  it('refuses a bad URL, naming the env variable when it came from there', () => {
    expect(refused({ 'go-version': '1.24.4', 'go-download-base-url': 'mirror/go' })).toMatchObject({
      input: 'go-download-base-url',
      value: 'mirror/go',
      message: expect.stringContaining('not a URL'),
      allowed: 'an http(s) URL of a go.dev/dl mirror, such as https://go.dev/dl',
    });
    expect(refused({ 'go-version': '1.24.4' }, {}, { GO_DOWNLOAD_BASE_URL: 'ftp://env.example/go' })).toMatchObject({
      input: 'go-download-base-url (from env GO_DOWNLOAD_BASE_URL)',
      value: 'ftp://env.example/go',
    });
    expect(refused({ 'go-version': '1.24.4', 'go-download-base-url': 'https://m.example/go?x=1' }).message).toContain(
      'a base URL takes no query or fragment (the action adds ?mode=json&include=all)',
    );
  });

  it('never echoes a mirror URL credential or query', () => {
    expect(refused({ 'go-version': '1.24.4', 'go-download-base-url': 'https://me:s3cret@mirror.example/go' }).message).not.toContain(
      's3cret',
    );
    expect(refused({ 'go-version': '1.24.4', 'go-download-base-url': 'https://mirror.example/go?token=s3cret' }).message).not.toContain(
      's3cret',
    );
    expect(refused({ 'go-version': '1.24.4', 'go-download-base-url': 'ftp://me:s3cret@mirror.example/go' }).message).not.toContain(
      's3cret',
    );
  });
});

describe('token', () => {
  it('is a Bearer credential for the origin of go-download-base-url, and only when that input is set', () => {
    const set = read({ 'go-version': '1.24.4', token: 'abc', 'go-download-base-url': 'https://mirror.example:8443/go/' });
    expect(set.auth).toEqual({ origin: 'https://mirror.example:8443', authorization: 'Bearer abc' });
    expect(set.warnings).toEqual([]);
    const fromEnv = read({ 'go-version': '1.24.4', token: 'abc' }, {}, { GO_DOWNLOAD_BASE_URL: 'https://mirror.example/go' });
    expect(fromEnv.auth).toBeUndefined();
    expect(fromEnv.warnings).toEqual(['token is ignored: it is sent only to the host of go-download-base-url, and that input is not set.']);
    expect(read({ 'go-version': '1.24.4', token: 'abc' })).toMatchObject({ auth: undefined, baseUrl: DEFAULT_BASE_URL });
  });

  it('refuses a token with white space without saying it', () => {
    const e = refused({ 'go-version': '1.24.4', token: 'Bearer abc', 'go-download-base-url': 'https://mirror.example/go' });
    expect(e).toMatchObject({
      input: 'token',
      value: '***',
      allowed: 'the token alone, without "Bearer" or "token" before it',
      message: expect.stringContaining('it contains white space'),
    });
    expect(e.message).not.toContain('abc');
  });

  it('only warns about a token with white space when it is ignored anyway', () => {
    expect(read({ 'go-version': '1.24.4', token: 'Bearer abc' })).toMatchObject({
      auth: undefined,
      warnings: [expect.stringMatching(/^token is ignored/)],
    });
  });
});

describe('checkNoToolchainInputs', () => {
  const check = (inputs: Record<string, string>) => {
    const warnings: string[] = [];
    checkNoToolchainInputs(fakeSource(inputs), warnings);
    return warnings;
  };

  it('warns about the inputs that only steer a download', () => {
    expect(
      check({ 'go-download-base-url': 'https://mirror.example/go', token: 't', 'check-latest': 'true', architecture: 'arm64' }),
    ).toEqual([
      'go-download-base-url, token, architecture, check-latest are ignored: neither go-version nor go-version-file is set, so the Go on PATH is used.',
    ]);
    expect(check({ architecture: 'not-an-arch' })).toEqual([
      'architecture is ignored: neither go-version nor go-version-file is set, so the Go on PATH is used.',
    ]);
    expect(check({ 'check-latest': 'false' })).toEqual([]);
    expect(check({})).toEqual([]);
  });

  it('refuses a hash it cannot check, and a check-latest that is no boolean', () => {
    expect(inputError(() => check({ 'go-sha256': ` ${H} ` }))).toMatchObject({
      input: 'go-sha256',
      value: H,
      message: expect.stringContaining('it pins an archive, but neither go-version nor go-version-file is set'),
      allowed: `${VERSION_INPUTS_ALLOWED} beside it`,
    });
    expect(VERSION_INPUTS_ALLOWED).toBe(
      `go-version (${VERSION_ALLOWED}) or go-version-file (go.mod, go.work, .go-version, .tool-versions)`,
    );
    expect(inputError(() => check({ 'check-latest': 'maybe' })).input).toBe('check-latest');
  });
});
