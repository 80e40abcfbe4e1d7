import { describeHostBuilds } from '../../../src/gobuild/build-tasks.js';
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
