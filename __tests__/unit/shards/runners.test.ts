import { hostedRunnerPlatform, parseRunnerRules } from '../../../src/shards/runners.js';

describe('runner labels', () => {
  it.each([
    ['ubuntu-latest', 'linux/amd64'],
    ['ubuntu-24.04-arm', 'linux/arm64'],
    ['windows-2025', 'windows/amd64'],
    ['windows-11-arm', 'windows/arm64'],
    ['macos-13', 'darwin/amd64'],
    ['macos-15-intel', 'darwin/amd64'],
    ['macos-latest-large', 'darwin/amd64'],
    ['macos-14', 'darwin/arm64'],
    ['macos-latest', 'darwin/arm64'],
    ['macos-15-xlarge', 'darwin/arm64'],
  ])('%s runs %s', (label, platform) => {
    const p = hostedRunnerPlatform(label)!;
    expect(`${p.goos}/${p.goarch}`).toBe(platform);
  });

  it('needs the platform of a self-hosted label, and checks patterns', () => {
    expect(hostedRunnerPlatform('self-hosted')).toBeUndefined();
    expect(parseRunnerRules('linux/riscv64: rv-box linux/riscv64  # our board\n\n')).toEqual([
      { pattern: 'linux/riscv64', label: 'rv-box', platform: { goos: 'linux', goarch: 'riscv64' } },
    ]);
    expect(parseRunnerRules('linux/riscv64: rv-box')).toEqual({
      problem: '"rv-box" is not a GitHub-hosted runner label this action knows: name its platform ("linux/riscv64: rv-box linux/arm64")',
    });
    expect(parseRunnerRules('linux: ubuntu-latest')).toEqual({
      problem: '"linux" is not a target pattern (darwin/*, windows/arm64, */386)',
    });
  });
});
