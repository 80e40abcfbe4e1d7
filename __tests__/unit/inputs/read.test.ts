// Input validation through a fake input source: no runner, no files but the ones given.
import { InputError } from '../../../src/errors.js';
import { join } from 'node:path';
import type { InputSource } from '../../../src/inputs/input-source.js';
import { readInputs } from '../../../src/inputs/read.js';
import { maskUrls, urlSecrets } from '../../../src/inputs/url.js';
import { BAD_INPUTS } from '../../support/bad-inputs.ts';

function source(inputs: Record<string, string>, files: Record<string, string> = {}, env: Record<string, string> = {}): InputSource {
  return {
    get: (name) => inputs[name] ?? '',
    env: { RUNNER_TEMP: '/runner/temp', ...env },
    cwd: '/runner/work/repo',
    host: { goos: 'linux', goarch: 'amd64' },
    readText: (p) => files[p],
    isDirectory: (p) => p.startsWith('/runner/work/repo'),
    cpus: 2,
  };
}

const refused = (inputs: Record<string, string>, files?: Record<string, string>) => {
  try {
    readInputs(source({ 'go-version': '1.24.4', ...inputs }, files));
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('accepted');
};

describe('paths stay in the job', () => {
  it('refuses a version file outside the workspace, without reading it', () => {
    const e = refused({ 'go-version': '', 'go-version-file': '../../../etc/passwd' }, { '/etc/passwd': 'root:x:0:0' });
    expect(e.input).toBe('go-version-file');
    expect(e.message).toContain('outside the workspace');
    expect(e.message).not.toContain('root:');
  });

  it('takes an output-dir in the workspace or under RUNNER_TEMP, and nothing else', () => {
    const ok = (dir: string) => readInputs(source({ 'go-version': '1.24.4', targets: 'linux/amd64', 'output-dir': dir }));
    expect(ok('dist')).toMatchObject({ build: { outputDir: '/runner/work/repo/dist' } });
    expect(ok('/runner/temp/out')).toMatchObject({ build: { outputDir: '/runner/temp/out' } });
    for (const dir of ['../elsewhere', '/etc', '/runner/temp2']) {
      expect(refused({ targets: 'linux/amd64', 'output-dir': dir }).message).toContain('is outside the workspace and RUNNER_TEMP');
    }
  });

  it('refuses binary names that are no file of their own', () => {
    for (const name of ['.', '..', '...', 'a/b'])
      expect(refused({ targets: 'linux/amd64', 'binary-name': name }).input).toBe('binary-name');
    expect(readInputs(source({ 'go-version': '1.24.4', targets: 'linux/amd64', 'binary-name': 'tool.v2' }))).toMatchObject({
      build: { binaryName: 'tool.v2' },
    });
  });
});

describe('secrets', () => {
  it('quotes only the bad env line, masked', () => {
    const e = refused({ targets: 'linux/amd64', env: 'GOPROXY=https://ci:TOKEN@proxy.example.com\nFOO https://u:PW@x.example' });
    expect(e.message).toBe(
      'Input env = "FOO https://***@x.example": not KEY=VALUE or goos/goarch: KEY=VALUE. Allowed: lines KEY=VALUE, or goos/goarch: KEY=VALUE for one target (patterns such as windows/* allowed)',
    );
  });

  it('never echoes a mirror URL credential or query', () => {
    expect(refused({ 'go-download-base-url': 'https://me:s3cret@mirror.example/go' }).message).not.toContain('s3cret');
    expect(refused({ 'go-download-base-url': 'https://mirror.example/go?token=s3cret' }).message).not.toContain('s3cret');
    expect(refused({ 'go-download-base-url': 'ftp://me:s3cret@mirror.example/go' }).message).not.toContain('s3cret');
  });

  it('masks and lists URL credentials', () => {
    expect(maskUrls('a https://u:p@h/x and http://tok@h2 b')).toBe('a https://***@h/x and http://***@h2 b');
    expect(urlSecrets('GOPROXY=https://ci:TOKEN@proxy\nX=http://me@h\nY=https://ghp_abcdef123456@h')).toEqual([
      'TOKEN',
      'ghp_abcdef123456',
    ]);
    expect(urlSecrets('https://go.dev/dl')).toEqual([]);
  });
});

describe('the bad-input corpus', () => {
  const cwd = '/runner/work/repo';
  const read = (c: (typeof BAD_INPUTS)[string]) => {
    const files = Object.fromEntries(Object.entries(c.files ?? {}).map(([name, text]) => [join(cwd, name), text]));
    return () =>
      readInputs({
        get: (name) => c.inputs[name] ?? '',
        env: { RUNNER_TEMP: '/runner/temp', ...c.env },
        cwd,
        host: { goos: 'linux', goarch: 'amd64' },
        readText: (p) => files[p],
        isDirectory: (p) => p === cwd || Object.keys(files).some((f) => f.startsWith(`${p}/`)),
        cpus: 2,
      });
  };

  it.each(Object.entries(BAD_INPUTS).filter(([, c]) => !c.late))('refuses %s, naming the input and the value', (_name, c) => {
    let error: unknown;
    try {
      read(c)();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    expect(e.input).toBe(c.input);
    expect(e.message).toMatch(/^Input .* = ".*": .*\. Allowed: /s);
    for (const s of c.says) expect(e.message).toContain(s);
    for (const secret of c.never ?? []) expect(e.message).not.toContain(secret);
  });

  it.each(Object.entries(BAD_INPUTS).filter(([, c]) => c.late))('leaves %s to the action: reading the inputs accepts it', (_name, c) => {
    expect(read(c)).not.toThrow();
  });
});

describe('go-version-file', () => {
  it('reads the toolchain line, or the go line when the job sets GOTOOLCHAIN=local', () => {
    const gomod = { '/runner/work/repo/go.mod': 'module m\n\ngo 1.22.1\ntoolchain go1.24.4\n' };
    const read = (env: Record<string, string>) => {
      const inputs = readInputs(source({ 'go-version-file': 'go.mod' }, gomod, env));
      return 'spec' in inputs ? [inputs.spec, inputs.specValue] : undefined;
    };
    expect(read({})).toEqual([{ kind: 'exact', version: '1.24.4' }, 'go.mod (toolchain go1.24.4)']);
    expect(read({ GOTOOLCHAIN: 'local' })).toEqual([{ kind: 'exact', version: '1.22.1' }, 'go.mod (go 1.22.1)']);
  });
});

describe('token', () => {
  it('is a Bearer credential for the origin of go-download-base-url, and only when that input is set', () => {
    const set = readInputs(source({ 'go-version': '1.24.4', token: 'abc', 'go-download-base-url': 'https://mirror.example:8443/go/' }));
    expect('auth' in set && set.auth).toEqual({ origin: 'https://mirror.example:8443', authorization: 'Bearer abc' });
    const fromEnv = readInputs(source({ 'go-version': '1.24.4', token: 'abc' }, {}, { GO_DOWNLOAD_BASE_URL: 'https://mirror.example/go' }));
    expect('auth' in fromEnv && fromEnv.auth).toBeUndefined();
    expect(fromEnv.warnings).toEqual(['token is ignored: it is sent only to the host of go-download-base-url, and that input is not set.']);
  });

  it('refuses a token with white space without saying it', () => {
    const e = refused({ token: 'Bearer abc', 'go-download-base-url': 'https://mirror.example/go' });
    expect(e.input).toBe('token');
    expect(e.message).not.toContain('abc');
  });
});

describe('no version: the Go on PATH', () => {
  it('is what setup mode uses, with the other setup inputs read as usual', () => {
    const inputs = readInputs(source({ cache: 'false', generate: 'once', 'working-directory': 'sub' }));
    expect(inputs).toEqual({
      mode: 'setup',
      goOnPath: true,
      workingDirectory: '/runner/work/repo/sub',
      generate: { mode: 'once', packages: ['./...'] },
      cache: { enabled: false, readOnly: 'auto', onRelease: false, dependencyPath: [] },
      problemMatchers: true,
      warnings: [],
    });
    expect(readInputs(source({ mode: 'setup' }))).toMatchObject({ mode: 'setup', goOnPath: true });
  });

  it('warns about the inputs that only steer a download, and refuses a hash it cannot check', () => {
    const inputs = readInputs(
      source({ 'go-download-base-url': 'https://mirror.example/go', token: 't', 'check-latest': 'true', architecture: 'arm64' }),
    );
    expect(inputs.warnings).toEqual([
      'go-download-base-url, token, architecture, check-latest are ignored: neither go-version nor go-version-file is set, so the Go on PATH is used.',
    ]);
    expect(readInputs(source({ 'check-latest': 'false' })).warnings).toEqual([]);
    expect(refused({ 'go-version': '', 'go-sha256': 'a'.repeat(64) }).input).toBe('go-sha256');
  });

  it('is never what build or plan mode uses', () => {
    for (const mode of ['build', 'plan']) {
      const e = refused({ 'go-version': '', mode, targets: 'linux/amd64' });
      expect(e.input).toBe('go-version');
      expect(e.message).toContain(`${mode} mode needs a pinned toolchain`);
    }
  });
});

describe('sbom and allow-dirty', () => {
  const build = (inputs: Record<string, string>) => {
    const read = readInputs(source({ 'go-version': '1.24.4', targets: 'linux/amd64', ...inputs }));
    if (!('build' in read) || !read.build) throw new Error('no build spec');
    return read.build;
  };

  it('default to no SBOM and a clean checkout', () => {
    expect(build({})).toMatchObject({ sbom: 'none', allowDirty: false });
  });

  it('take each SBOM format and a YAML boolean', () => {
    expect(build({ sbom: 'spdx', 'allow-dirty': 'true' })).toMatchObject({ sbom: 'spdx', allowDirty: true });
    expect(build({ sbom: ' cyclonedx ', 'allow-dirty': 'False' })).toMatchObject({ sbom: 'cyclonedx', allowDirty: false });
    expect(refused({ targets: 'linux/amd64', sbom: 'SPDX' }).input).toBe('sbom');
  });
});
