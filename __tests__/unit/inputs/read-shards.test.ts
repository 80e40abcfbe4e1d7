import { readBuildSpec } from '../../../src/inputs/read-build.js';
import { readShardSpec } from '../../../src/inputs/read-shards.js';
import { RUNS_ON_ALLOWED } from '../../../src/shards/runners.js';
import { fakeSource, inputError } from '../helpers.js';

const build = readBuildSpec(fakeSource({ targets: 'first-class' }), '/runner/work/repo');
const shards = (inputs: Record<string, string>) => readShardSpec(fakeSource(inputs), build);

describe('readShardSpec', () => {
  it('defaults to one shard per target on the plan job runner, and carries the build along', () => {
    const spec = shards({});
    expect(spec).toEqual({ build, shards: undefined, runsOn: [] });
    expect(spec.build).toBe(build);
  });

  it('reads shards and runs-on rules, hosted labels and self-hosted platforms', () => {
    expect(
      shards({ shards: ' 4 ', 'runs-on': 'darwin/*: macos-latest\n# self-hosted\nlinux/riscv64: my-riscv linux/riscv64' }),
    ).toMatchObject({
      shards: 4,
      runsOn: [
        { pattern: 'darwin/*', label: 'macos-latest', platform: { goos: 'darwin', goarch: 'arm64' } },
        { pattern: 'linux/riscv64', label: 'my-riscv', platform: { goos: 'linux', goarch: 'riscv64' } },
      ],
    });
    expect(shards({ shards: '1' }).shards).toBe(1);
    expect(shards({ shards: '256' }).shards).toBe(256);
  });

  it('refuses shards that are no whole number from 1 to 256', () => {
    for (const text of ['0', '257', '2.5', 'many', '0b11', '1e1'])
      expect(inputError(() => shards({ shards: text }))).toMatchObject({
        input: 'shards',
        value: text,
        message: expect.stringContaining('not a whole number from 1 to 256'),
        allowed: 'the number of matrix jobs (default: about one per 4 cold builds of cost, at most 20)',
      });
  });

  it('refuses runs-on lines that do not parse, or name a runner it cannot place', () => {
    expect(inputError(() => shards({ 'runs-on': 'darwin/*: macos-latest\nwindows' }))).toMatchObject({
      input: 'runs-on',
      value: 'darwin/*: macos-latest\nwindows',
      message: expect.stringContaining('line "windows" is not "PATTERN: LABEL"'),
      allowed: RUNS_ON_ALLOWED,
    });
    expect(inputError(() => shards({ 'runs-on': 'linux/*: my-runner' })).message).toContain(
      '"my-runner" is not a GitHub-hosted runner label this action knows',
    );
  });
});
