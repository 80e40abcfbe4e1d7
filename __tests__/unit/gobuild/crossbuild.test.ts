import { describeHostBuilds, workRoot } from '../../../src/gobuild/crossbuild.js';
import { countHostBuilds } from '../../../src/gobuild/generate.js';

describe('describeHostBuilds', () => {
  it('sums the shim host builds per generator', () => {
    const log = [
      'built\tgo run gen.go\tlinux/arm64',
      'reused\tgo run gen.go\tlinux/riscv64',
      'built\tgo tool stamp\tlinux/arm64',
      'built\tgo tool stamp\twindows/amd64',
      '',
    ].join('\n');
    expect(describeHostBuilds(countHostBuilds(log))).toBe('Generators: 3 host builds (go run gen.go, go tool stamp (2×)), 1 reused.');
    expect(describeHostBuilds(countHostBuilds(''))).toBe('Generators: 0 host builds, 0 reused.');
    expect(describeHostBuilds({ built: new Map([['go build ./cmd/x', 1]]), reused: 0 })).toBe(
      'Generators: 1 host build (go build ./cmd/x), 0 reused.',
    );
  });
});

describe('workRoot', () => {
  it("keeps all the action state under RUNNER_TEMP/go-crossbuild, the host GOCACHE beside the targets'", () => {
    expect(workRoot('/t')).toEqual({
      root: '/t/go-crossbuild',
      staging: '/t/go-crossbuild/build',
      gocache: '/t/go-crossbuild/gocache',
      hostGocache: '/t/go-crossbuild/gocache/host',
      hostTools: '/t/go-crossbuild/host-tools',
      shimRoot: '/t/go-crossbuild/goroot',
      trees: '/t/go-crossbuild/generate',
      zigCache: '/t/go-crossbuild/zig-cache',
    });
  });
});
