import { ActionError } from '../../../src/errors.js';
import { checkToolchain, parseGoEnv, toolchainEnv } from '../../../src/toolchain/environment.js';

describe('toolchain self-check', () => {
  it('parses go env -json', () => {
    expect(parseGoEnv('{"GOVERSION":"go1.24.4","GOROOT":"/r","GOPATH":"/p"}')).toEqual({
      GOVERSION: 'go1.24.4',
      GOROOT: '/r',
      GOPATH: '/p',
    });
  });

  it('passes for the pinned toolchain', () => {
    expect(() => checkToolchain({ GOVERSION: 'go1.24.4', GOROOT: '/nonexistent/r', GOPATH: '' }, '1.24.4', '/nonexistent/r')).not.toThrow();
  });

  it('fails on a switched toolchain or a foreign GOROOT', () => {
    expect(() => checkToolchain({ GOVERSION: 'go1.25.0', GOROOT: '/r', GOPATH: '' }, '1.24.4', '/r')).toThrow(ActionError);
    expect(() => checkToolchain({ GOVERSION: 'go1.24.4', GOROOT: '/usr/lib/go', GOPATH: '' }, '1.24.4', '/r')).toThrow(
      /GOROOT is "\/usr\/lib\/go", expected \/r/,
    );
  });

  it('expects a revision build to report exactly the release it was built from', () => {
    const at = (GOVERSION: string) => () =>
      checkToolchain({ GOVERSION, GOROOT: '/nonexistent/r', GOPATH: '' }, '1.25.0-1', '/nonexistent/r');
    // The Microsoft build of Go keeps the revision in MICROSOFT_REVISION: VERSION says go1.25.0.
    expect(at('go1.25.0')).not.toThrow();
    expect(at('go1.25.0-1')).toThrow(
      'go env GOVERSION is "go1.25.0-1", expected go1.25.0 (the Go release that the revision build go1.25.0-1 was built from)',
    );
    for (const other of ['go1.25.1', 'go1.25rc1', 'go1.25.0 X:systemcrypto', 'go1.25']) expect(at(other)).toThrow(ActionError);
  });

  it('forces GOTOOLCHAIN=local and the pinned go first on PATH', () => {
    const env = toolchainEnv({ PATH: '/usr/bin', GOTOOLCHAIN: 'auto', HOME: '/h' }, '/r', ':');
    expect(env).toMatchObject({ GOROOT: '/r', GOTOOLCHAIN: 'local', PATH: '/r/bin:/usr/bin', HOME: '/h' });
  });
});
