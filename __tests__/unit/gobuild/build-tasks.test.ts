import { t } from '../helpers.js';
import { buildCount, describeHostBuilds } from '../../../src/gobuild/build-tasks.js';
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

describe('buildCount', () => {
  const task = (target: string, pkg = '.') => ({ target: t(target), pkg });
  it('counts targets for one package, binaries with packages × targets for several', () => {
    expect(buildCount([task('linux/amd64')])).toBe('1 target');
    expect(buildCount([task('linux/amd64'), task('windows/amd64')])).toBe('2 targets');
    const two = ['linux/amd64', 'darwin/arm64'].flatMap((x) => [task(x, './cmd/server'), task(x, './cmd/client')]);
    expect(buildCount(two)).toBe('4 binaries (2 packages × 2 targets)');
    expect(buildCount([task('linux/amd64', './cmd/a'), task('linux/amd64', './cmd/b')])).toBe('2 binaries (2 packages × 1 target)');
  });
});
