import { ActionError } from '../../src/errors.js';
import { escapeHtml } from '../../src/html.js';
import { isRetryableStatus } from '../../src/http.js';
import { checkToolchain, parseGoEnv, toolchainEnv } from '../../src/toolchain/environment.js';
import { extractCommand } from '../../src/toolchain/install.js';
import { goLine } from '../../src/toolchain/requirement.js';

describe('extractCommand', () => {
  it('streams tar.gz into tar', () => {
    expect(extractCommand('go1.24.4.linux-amd64.tar.gz', '/s', false)).toEqual({
      streamed: true,
      command: 'tar',
      args: ['-xzof', '-', '-C', '/s'],
    });
  });

  it('extracts a verified zip with Windows own tar.exe, not a GNU tar from PATH', () => {
    const c = extractCommand('go1.24.4.windows-amd64.zip', 'D:\\tc\\stage', true, 'C:\\WINDOWS');
    expect(c.streamed).toBe(false);
    expect(c.command).toBe('C:\\WINDOWS\\System32\\tar.exe');
    expect(c.args[0]).toBe('-xf');
    expect(c.args[1]).toMatch(/archive\.zip$/);
    expect(c.args.slice(2)).toEqual(['-C', 'D:\\tc\\stage']);
  });
});

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

describe('goLine', () => {
  it('reads the go directive as semver', () => {
    expect(goLine('module x\n\ngo 1.25 // newer\n')).toEqual({ version: '1.25.0', line: 'go 1.25' });
    expect(goLine('module x\ngo 1.22.3\n')).toEqual({ version: '1.22.3', line: 'go 1.22.3' });
    expect(goLine('module x\n')).toBeUndefined();
  });
});

describe('retry policy', () => {
  it.each([
    [500, true],
    [503, true],
    [429, true],
    [408, true],
    [404, false],
    [403, false],
  ])('HTTP %i retryable: %s', (status, retry) => expect(isRetryableStatus(status)).toBe(retry));
});

describe('escapeHtml', () => {
  it('makes manifest and directive text inert in the job summary', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">&')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;');
  });
});
