import {
  countHostBuilds,
  perTargetProblem,
  explainGenerateFailure,
  failedDirectives,
  hostGenerateEnv,
  targetGenerateEnv,
} from '../../../src/gobuild/generate.js';
import { refusal } from '../helpers.js';

const host = { goos: 'linux', goarch: 'amd64' };

describe('go generate helpers', () => {
  it('removes inherited target variables for the host run', () => {
    const env = hostGenerateEnv(
      { PATH: '/bin', GOOS: 'linux', GOARCH: 'arm64', GOARM64: 'v8.2', CGO_ENABLED: '1', GOCACHE: '/x', GOFLAGS: '-mod=mod' },
      '/host-cache',
    );
    expect(env).toEqual({ PATH: '/bin', GOFLAGS: '-mod=mod', GOCACHE: '/host-cache' });
  });

  it('points GOROOT at the shim for a target run, and tells the shim the real one', () => {
    const dirs = { shimRoot: '/t/goroot', hostTools: '/t/host-tools', hostGocache: '/t/gocache/host' };
    const env = targetGenerateEnv(
      // The managed C compiler of the target's build never reaches its generators.
      {
        PATH: '/go/bin:/bin',
        GOOS: 'linux',
        GOARCH: 'arm64',
        GOROOT: '/go',
        CC: 'zig cc -target aarch64-linux-gnu.2.17',
        CXX: 'zig c++',
        ZIG_GLOBAL_CACHE_DIR: '/z',
        ZIG_LOCAL_CACHE_DIR: '/z',
      },
      '/go',
      dirs,
      '/t/generate/linux-arm64',
    );
    expect(env).toEqual({
      PATH: '/go/bin:/bin',
      GOOS: 'linux',
      GOARCH: 'arm64',
      GOROOT: '/t/goroot',
      GO_CROSSBUILD_TARGET: 'linux/arm64',
      GO_CROSSBUILD_GOROOT: '/go',
      GO_CROSSBUILD_HOST_TOOLS: '/t/host-tools',
      GO_CROSSBUILD_HOST_GOCACHE: '/t/gocache/host',
      GO_CROSSBUILD_TREE: '/t/generate/linux-arm64',
    });
  });

  it('counts the shim host builds per generator', () => {
    const log = [
      'built\tgo run gen.go\tlinux/arm64',
      'reused\tgo run gen.go\tlinux/riscv64',
      'built\tgo tool stamp\tlinux/arm64',
      'built\tgo tool stamp\twindows/amd64',
      '',
    ].join('\n');
    const h = countHostBuilds(log);
    expect([...h.built]).toEqual([
      ['go run gen.go', 1],
      ['go tool stamp', 2],
    ]);
    expect(h.reused).toBe(1);
    expect(countHostBuilds('')).toEqual({ built: new Map(), reused: 0 });
  });

  it('finds failing directives and explains an exec format error', () => {
    const log = 'tools/gen-arm64\ninternal/x/x.go:6: running "tools/gen-arm64": fork/exec tools/gen-arm64: exec format error\n';
    expect(failedDirectives(log)).toEqual([
      { file: 'internal/x/x.go', line: 6, message: 'running "tools/gen-arm64": fork/exec tools/gen-arm64: exec format error' },
    ]);
    const text = explainGenerateFailure(log, 'linux/arm64', host);
    expect(text).toMatch(
      /^go generate failed for linux\/arm64 at internal\/x\/x.go:6 \(running "tools\/gen-arm64": fork\/exec tools\/gen-arm64: exec format error\)\. A program built for another platform .* runs a prebuilt binary/,
    );
    expect(text).toContain('GOOS=$(go env GOHOSTOS)');
    expect(explainGenerateFailure('main.go:3: running "stringer": exit status 1\n', 'the host', host)).toBe(
      'go generate failed for the host at main.go:3 (running "stringer": exit status 1).',
    );
  });

  it('refuses per-target generate on a toolchain older than Go 1.18, naming the input', () => {
    expect(perTargetProblem('1.18.0')).toBeUndefined();
    // A revision build of 1.18.0 is 1.18.0, though semver orders 1.18.0-1 before it.
    expect(perTargetProblem('1.18.0-1')).toBeUndefined();
    expect(perTargetProblem('1.24.4')).toBeUndefined();
    expect(refusal(perTargetProblem('1.17.13')).message).toBe(
      'Input generate = "per-target": needs Go 1.18 or newer, and the toolchain is Go 1.17.13. Allowed: a newer go-version, or generate: once',
    );
  });
});
