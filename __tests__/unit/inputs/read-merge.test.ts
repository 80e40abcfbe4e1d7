import { readMergeSpec } from '../../../src/inputs/read-merge.js';
import { fakeSource, inputError, t } from '../helpers.js';

const repo = '/runner/work/repo';
const MERGE_TARGETS_ALLOWED = "the plan's targets output, or explicit goos/goarch[/variant] separated by commas or lines (no presets)";

describe('readMergeSpec', () => {
  it('defaults to dist in the workspace, and no targets to expect', () => {
    expect(readMergeSpec(fakeSource({}))).toEqual({
      workingDirectory: repo,
      outputDir: `${repo}/dist`,
      outputText: 'dist',
      targets: undefined,
    });
  });

  it('reads the module directory, the output directory in it, and explicit targets', () => {
    expect(
      readMergeSpec(fakeSource({ 'working-directory': 'sub', 'output-dir': 'out', targets: 'linux/amd64\nlinux/arm/7, windows/arm64' })),
    ).toEqual({
      workingDirectory: `${repo}/sub`,
      outputDir: `${repo}/sub/out`,
      outputText: 'out',
      targets: [t('linux/amd64'), t('linux/arm/7'), t('windows/arm64')],
    });
    expect(readMergeSpec(fakeSource({ targets: ' \n ' })).targets).toBeUndefined();
  });

  it('refuses presets: merge mode has no toolchain to expand them', () => {
    for (const preset of ['first-class', 'all'])
      expect(inputError(() => readMergeSpec(fakeSource({ targets: `linux/amd64, ${preset}` })))).toMatchObject({
        input: 'targets',
        value: `linux/amd64, ${preset}`,
        message: expect.stringContaining(`merge mode has no toolchain to expand ${preset}`),
        allowed: MERGE_TARGETS_ALLOWED,
      });
  });

  it('refuses targets that do not parse', () => {
    expect(inputError(() => readMergeSpec(fakeSource({ targets: 'linux/amd64\nlinux' })))).toMatchObject({
      input: 'targets',
      value: 'linux/amd64\nlinux',
      message: expect.stringContaining('"linux" is not goos/goarch[/variant][/musl]'),
      allowed: MERGE_TARGETS_ALLOWED,
    });
  });

  it('refuses a working-directory that is not there, and an output-dir outside the job', () => {
    expect(inputError(() => readMergeSpec(fakeSource({ 'working-directory': '/nowhere' }))).input).toBe('working-directory');
    expect(inputError(() => readMergeSpec(fakeSource({ 'output-dir': '/etc' })))).toMatchObject({ input: 'output-dir', value: '/etc' });
    expect(inputError(() => readMergeSpec(fakeSource({ 'working-directory': 'sub', 'output-dir': '.' }))).message).toContain(
      'it is the module directory itself',
    );
  });
});
