import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputSource, readRunner, requireToolCache } from '../../../src/action/read-runner.js';
import { ActionError } from '../../../src/errors.js';
import { openStep, type RunnerStep } from './runner-files.js';

describe('reading the runner', () => {
  let step: RunnerStep;
  const runnerVars = {
    GITHUB_WORKSPACE: undefined,
    RUNNER_TEMP: undefined,
    RUNNER_TOOL_CACHE: undefined,
    GITHUB_EVENT_NAME: undefined,
    GITHUB_REF: undefined,
    GITHUB_EVENT_PATH: undefined,
  };
  beforeEach(() => (step = openStep(runnerVars)));
  afterEach(() => step.close());

  /** An event payload file with this text; its path. */
  const payload = (text: string) => {
    const file = join(step.dir, `event-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, text);
    return file;
  };

  it("takes the job's directories and event from the runner's variables", () => {
    Object.assign(process.env, {
      GITHUB_WORKSPACE: '/home/runner/work/app/app',
      RUNNER_TEMP: '/home/runner/work/_temp',
      RUNNER_TOOL_CACHE: '/opt/hostedtoolcache',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/trunk',
      GITHUB_EVENT_PATH: payload(JSON.stringify({ ref: 'refs/heads/trunk', repository: { default_branch: 'trunk', name: 'app' } })),
    });
    const r = readRunner(1_700_000_000_000);
    expect(r).toMatchObject({
      workspace: '/home/runner/work/app/app',
      temp: '/home/runner/work/_temp',
      toolCache: '/opt/hostedtoolcache',
      jobStart: 1_700_000_000_000,
      event: { name: 'push', ref: 'refs/heads/trunk', defaultBranch: 'trunk' },
    });
    // The live environment, so that what a stage exports is seen by what runs after it.
    expect(r.env).toBe(process.env);
    expect(r.cpus).toBeGreaterThanOrEqual(1);
  });

  it('falls back to the working directory and the system temp off a runner, and leaves the tool cache empty', () => {
    process.env.GITHUB_WORKSPACE = ''; // set but empty counts as unset
    const r = readRunner(0);
    expect(r).toMatchObject({ workspace: process.cwd(), temp: tmpdir(), toolCache: '' });
    expect(r.event).toEqual({ name: undefined, ref: undefined, defaultBranch: undefined });
  });

  it.each([
    ['a missing payload file', undefined],
    ['a payload that is not JSON', '{"repository": '],
    ['a payload that is JSON null', 'null'],
    ['a payload without a repository', '{"ref": "refs/heads/main"}'],
    ['an empty default branch', '{"repository": {"default_branch": ""}}'],
    ['a default branch that is not text', '{"repository": {"default_branch": 7}}'],
  ])('knows no default branch from %s', (_, text) => {
    process.env.GITHUB_EVENT_PATH = text === undefined ? join(step.dir, 'no-such-event.json') : payload(text);
    expect(readRunner(0).event.defaultBranch).toBeUndefined();
  });

  describe('requireToolCache', () => {
    const runnerWith = (toolCache: string) => ({ ...readRunner(0), toolCache });
    const failure = (toolCache: string) => {
      try {
        requireToolCache(runnerWith(toolCache));
      } catch (e) {
        return e;
      }
      return undefined;
    };

    it('accepts a directory, or a path where one can be made', () => {
      expect(failure(step.dir)).toBeUndefined();
      expect(failure(join(step.dir, 'not', 'yet'))).toBeUndefined();
    });

    it('refuses no tool cache at all, saying how to run the action', () => {
      const e = failure('');
      expect(e).toBeInstanceOf(ActionError);
      expect(e).toMatchObject({
        title: 'Not on a runner',
        message: 'RUNNER_TOOL_CACHE is not set: run the action from a workflow step, or set it to a writable directory.',
      });
    });

    it('refuses a tool cache that is a file, naming it', () => {
      const file = join(step.dir, 'tool-cache');
      writeFileSync(file, '');
      expect(failure(file)).toMatchObject({
        title: 'Not on a runner',
        message: `RUNNER_TOOL_CACHE (${file}) is not a directory: set it to a writable directory.`,
      });
    });
  });

  describe('inputSource', () => {
    it("reads the step's inputs as the runner passes them (INPUT_*), trimmed, '' when unset", () => {
      process.env['INPUT_GO-VERSION'] = '  1.24.4\n';
      process.env.INPUT_TARGETS = 'linux/amd64\nlinux/arm64';
      const src = inputSource(readRunner(0));
      expect(src.get('go-version')).toBe('1.24.4');
      expect(src.get('targets')).toBe('linux/amd64\nlinux/arm64');
      expect(src.get('go-version-file')).toBe('');
    });

    it("hands over the runner's environment, CPUs and host, and the step's working directory", () => {
      const runner = { ...readRunner(0), cpus: 7, host: { goos: 'linux', goarch: 'riscv64' } };
      const src = inputSource(runner);
      expect(src).toMatchObject({ cpus: 7, host: { goos: 'linux', goarch: 'riscv64' }, cwd: process.cwd() });
      expect(src.env).toBe(runner.env);
    });

    it('reads regular files only, and tells directories from files and missing paths', () => {
      const src = inputSource(readRunner(0));
      const dir = join(step.dir, 'module');
      mkdirSync(dir);
      writeFileSync(join(dir, 'go.mod'), 'module example.com/app\n\ngo 1.24\n');
      expect(src.readText(join(dir, 'go.mod'))).toBe('module example.com/app\n\ngo 1.24\n');
      expect(src.readText(dir)).toBeUndefined();
      expect(src.readText(join(dir, 'missing'))).toBeUndefined();
      expect([dir, join(dir, 'go.mod'), join(dir, 'missing')].map(src.isDirectory)).toEqual([true, false, false]);
    });
  });
});
