import { execName, explainGenerateFailure, failedDirectives, hostGenerateEnv, targetGenerateEnv } from '../../src/build/generate.js';

const host = { goos: 'linux', goarch: 'amd64' };

describe('go generate helpers', () => {
  it('names the exec wrapper as the go command looks it up', () => {
    expect(execName({ goos: 'linux', goarch: 'arm64' }, 'linux')).toBe('go_linux_arm64_exec');
    expect(execName({ goos: 'linux', goarch: 'arm64' }, 'windows')).toBe('go_linux_arm64_exec.exe');
  });

  it('removes inherited target variables for the host run', () => {
    const env = hostGenerateEnv(
      { PATH: '/bin', GOOS: 'linux', GOARCH: 'arm64', GOARM64: 'v8.2', CGO_ENABLED: '1', GOCACHE: '/x', GOFLAGS: '-mod=mod' },
      '/host-cache',
    );
    expect(env).toEqual({ PATH: '/bin', GOFLAGS: '-mod=mod', GOCACHE: '/host-cache' });
  });

  it('puts the wrappers first on PATH (any spelling of PATH) for a target run', () => {
    const env = targetGenerateEnv({ Path: 'C:\\Go\\bin', GOOS: 'linux', GOARCH: 'arm64' }, 'D:\\exec', 'D:\\tools', 'D:\\cache', ';');
    expect(env).toEqual({
      Path: 'D:\\exec;C:\\Go\\bin',
      GOOS: 'linux',
      GOARCH: 'arm64',
      GO_CROSSBUILD_HOST_TOOLS: 'D:\\tools',
      GO_CROSSBUILD_HOST_GOCACHE: 'D:\\cache',
    });
  });

  it('finds failing directives and explains an exec format error', () => {
    const log = 'go run ./gen\nbash: ./x: cannot execute binary file: Exec format error\nselfexec.go:6: running "bash": exit status 126\n';
    expect(failedDirectives(log)).toEqual([{ file: 'selfexec.go', line: 6, message: 'running "bash": exit status 126' }]);
    const text = explainGenerateFailure(log, 'linux/arm64', host);
    expect(text).toMatch(
      /^go generate failed for linux\/arm64 at selfexec.go:6 \(running "bash": exit status 126\)\. A program built for another platform/,
    );
    expect(text).toContain('GOOS=$(go env GOHOSTOS)');
    expect(explainGenerateFailure('main.go:3: running "stringer": exit status 1\n', 'the host', host)).toBe(
      'go generate failed for the host at main.go:3 (running "stringer": exit status 1).',
    );
  });
});
