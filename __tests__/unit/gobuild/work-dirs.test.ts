import { workDirs } from '../../../src/gobuild/work-dirs.js';

describe('workDirs', () => {
  it("keeps all the action state under RUNNER_TEMP/go-crossbuild, the host GOCACHE beside the targets'", () => {
    expect(workDirs('/t')).toEqual({
      root: '/t/go-crossbuild',
      staging: '/t/go-crossbuild/build',
      gocache: '/t/go-crossbuild/gocache',
      hostGocache: '/t/go-crossbuild/gocache/host',
      hostTools: '/t/go-crossbuild/host-tools',
      shimRoot: '/t/go-crossbuild/goroot',
      sourceCopies: '/t/go-crossbuild/generate',
      zigCache: '/t/go-crossbuild/zig-cache',
    });
  });
});
