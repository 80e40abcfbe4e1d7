import { readAutoBoolean, readBoolean, readOutputDir, readWorkingDirectory } from '../../../src/inputs/input-source.js';
import { fakeSource, inputError } from '../helpers.js';

const repo = '/runner/work/repo';

describe('readBoolean', () => {
  it('takes the default when unset or blank', () => {
    expect(readBoolean(fakeSource({}), 'cache', true)).toBe(true);
    expect(readBoolean(fakeSource({ cache: '  ' }), 'cache', false)).toBe(false);
  });

  it("takes YAML 1.2 core booleans, as @actions/core's getBooleanInput does, around white space", () => {
    for (const yes of ['true', 'True', 'TRUE', ' true\n']) expect(readBoolean(fakeSource({ cache: yes }), 'cache', false)).toBe(true);
    for (const no of ['false', 'False', 'FALSE', '\tfalse ']) expect(readBoolean(fakeSource({ cache: no }), 'cache', true)).toBe(false);
  });

  it('refuses anything else, YAML 1.1 words and mixed case included, naming the input', () => {
    for (const raw of ['yes', 'on', '1', 'tRUE', 'auto']) {
      expect(inputError(() => readBoolean(fakeSource({ 'fail-fast': ` ${raw} ` }), 'fail-fast', false))).toMatchObject({
        input: 'fail-fast',
        value: raw,
        message: `Input fail-fast = "${raw}": not a boolean. Allowed: true or false`,
        allowed: 'true or false',
      });
    }
  });
});

describe('readAutoBoolean', () => {
  it('is auto when unset or auto, else a boolean', () => {
    expect(readAutoBoolean(fakeSource({}), 'cache-read-only')).toBe('auto');
    expect(readAutoBoolean(fakeSource({ 'cache-read-only': ' auto ' }), 'cache-read-only')).toBe('auto');
    expect(readAutoBoolean(fakeSource({ 'cache-read-only': 'True' }), 'cache-read-only')).toBe(true);
    expect(readAutoBoolean(fakeSource({ 'cache-read-only': 'false' }), 'cache-read-only')).toBe(false);
  });

  it("refuses anything else with its own allowed values, not readBoolean's", () => {
    for (const raw of ['Auto', 'yes', 'AUTO']) {
      expect(inputError(() => readAutoBoolean(fakeSource({ 'cache-read-only': raw }), 'cache-read-only'))).toMatchObject({
        input: 'cache-read-only',
        value: raw,
        message: `Input cache-read-only = "${raw}": not auto or a boolean. Allowed: auto, true or false`,
        allowed: 'auto, true or false',
      });
    }
  });
});

describe('readWorkingDirectory', () => {
  it('defaults to the workspace and resolves a relative path against it', () => {
    expect(readWorkingDirectory(fakeSource({}))).toBe(repo);
    expect(readWorkingDirectory(fakeSource({ 'working-directory': ' sub/mod ' }))).toBe(`${repo}/sub/mod`);
    expect(readWorkingDirectory(fakeSource({ 'working-directory': './a/../b' }))).toBe(`${repo}/b`);
  });

  it('takes an absolute directory as it is', () => {
    expect(readWorkingDirectory(fakeSource({ 'working-directory': `${repo}/abs` }))).toBe(`${repo}/abs`);
  });

  it('refuses a path that is no directory, saying where it looked', () => {
    const noDirs = { ...fakeSource({ 'working-directory': 'go.mod' }), isDirectory: () => false };
    expect(inputError(() => readWorkingDirectory(noDirs))).toMatchObject({
      input: 'working-directory',
      value: 'go.mod',
      message: expect.stringContaining(`no such directory (looked at ${repo}/go.mod)`),
      allowed: 'a directory of the checkout, relative to the workspace',
    });
  });

  it('refuses a directory outside the workspace and RUNNER_TEMP as itself, before looking at it', () => {
    const everywhere = (wd: string) => ({ ...fakeSource({ 'working-directory': wd }), isDirectory: () => true });
    for (const [wd, resolved] of [
      ['../other', '/runner/work/other'],
      ['/etc', '/etc'],
      ['sub/../../repo2', '/runner/work/repo2'],
    ])
      expect(inputError(() => readWorkingDirectory(everywhere(wd)))).toMatchObject({
        input: 'working-directory',
        value: wd,
        message: expect.stringContaining(`${resolved} is outside the workspace and RUNNER_TEMP`),
        allowed: 'a directory of the checkout, relative to the workspace',
      });
    expect(readWorkingDirectory(everywhere('/runner/temp/mod'))).toBe('/runner/temp/mod');
  });
});

describe('readOutputDir', () => {
  it('defaults to dist in the module directory, and keeps the text as given for messages', () => {
    expect(readOutputDir(fakeSource({}), `${repo}/sub`)).toEqual({ outputDir: `${repo}/sub/dist`, outputText: 'dist' });
    expect(readOutputDir(fakeSource({ 'output-dir': ' ../out ' }), `${repo}/sub`)).toEqual({
      outputDir: `${repo}/out`,
      outputText: '../out',
    });
  });

  it('takes a directory in the workspace or under RUNNER_TEMP, and nothing else', () => {
    const ok = (dir: string) => readOutputDir(fakeSource({ 'output-dir': dir }), repo).outputDir;
    expect(ok('dist')).toBe(`${repo}/dist`);
    expect(ok(`${repo}/abs/dist`)).toBe(`${repo}/abs/dist`);
    expect(ok('/runner/temp/out')).toBe('/runner/temp/out');
    for (const dir of ['../elsewhere', '/etc', '/runner/temp2', '/runner/work/repo2/dist']) {
      expect(inputError(() => readOutputDir(fakeSource({ 'output-dir': dir }), repo))).toMatchObject({
        input: 'output-dir',
        value: dir,
        message: expect.stringContaining('is outside the workspace and RUNNER_TEMP'),
        allowed: 'a directory inside the workspace (such as dist) or under RUNNER_TEMP',
      });
    }
  });

  it('names the resolved path, and leaves RUNNER_TEMP out of the message when the runner sets none', () => {
    const noTemp = { ...fakeSource({ 'output-dir': '/runner/temp/out' }), env: {} };
    expect(inputError(() => readOutputDir(noTemp, repo)).message).toBe(
      'Input output-dir = "/runner/temp/out": /runner/temp/out is outside the workspace. Allowed: a directory inside the workspace (such as dist) or under RUNNER_TEMP',
    );
    expect(inputError(() => readOutputDir(fakeSource({ 'output-dir': '../../x' }), `${repo}/sub`)).message).toContain(
      '/runner/work/x is outside the workspace and RUNNER_TEMP',
    );
  });

  it('refuses a directory that holds the module directory', () => {
    for (const [dir, resolved] of [
      ['..', repo],
      ['../..', '/runner/work'],
      [repo, repo],
    ])
      expect(inputError(() => readOutputDir(fakeSource({ 'output-dir': dir }), `${repo}/sub`))).toMatchObject({
        input: 'output-dir',
        value: dir,
        message: expect.stringContaining(`${resolved} contains the module directory (${repo}/sub)`),
        allowed: 'a directory for the artifacts, such as dist',
      });
    expect(readOutputDir(fakeSource({ 'output-dir': '../sub2' }), `${repo}/sub`).outputDir).toBe(`${repo}/sub2`);
  });

  it('refuses the module directory itself', () => {
    for (const dir of ['.', './', '../sub']) {
      expect(inputError(() => readOutputDir(fakeSource({ 'output-dir': dir }), `${repo}/sub`))).toMatchObject({
        input: 'output-dir',
        value: dir,
        message: expect.stringContaining('it is the module directory itself'),
        allowed: 'a directory for the artifacts, such as dist',
      });
    }
  });
});
