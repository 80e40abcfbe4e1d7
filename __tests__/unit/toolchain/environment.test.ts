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
    expect(() =>
      checkToolchain({ GOVERSION: 'go1.24.4', GOROOT: '/nonexistent/r', GOPATH: '' }, 'go1.24.4', '/nonexistent/r'),
    ).not.toThrow();
  });

  it('fails on a switched toolchain or a foreign GOROOT', () => {
    expect(() => checkToolchain({ GOVERSION: 'go1.25.0', GOROOT: '/r', GOPATH: '' }, 'go1.24.4', '/r')).toThrow(ActionError);
    expect(() => checkToolchain({ GOVERSION: 'go1.24.4', GOROOT: '/usr/lib/go', GOPATH: '' }, 'go1.24.4', '/r')).toThrow(
      /GOROOT is "\/usr\/lib\/go", expected \/r/,
    );
  });

  it('forces GOTOOLCHAIN=local and the pinned go first on PATH', () => {
    const env = toolchainEnv({ PATH: '/usr/bin', GOTOOLCHAIN: 'auto', HOME: '/h' }, '/r', ':');
    expect(env).toMatchObject({ GOROOT: '/r', GOTOOLCHAIN: 'local', PATH: '/r/bin:/usr/bin', HOME: '/h' });
  });
});
