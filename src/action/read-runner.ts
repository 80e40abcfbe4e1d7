// The runner as the action finds it: its environment, its directories, and the step's inputs.
import * as core from '@actions/core';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter } from 'node:path';
import { ActionError } from '../errors.js';
import type { InputSource } from '../inputs/input-source.js';
import { isDirectory, readTextFile } from '../lib/files.js';
import type { RunnerEnv } from '../lib/runner-env.js';
import { hostPlatform } from '../toolchain/platform.js';

export function readRunner(jobStart: number): RunnerEnv {
  return {
    env: process.env,
    workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
    temp: process.env.RUNNER_TEMP || tmpdir(),
    toolCache: process.env.RUNNER_TOOL_CACHE ?? '',
    cpus: availableParallelism(),
    pathSep: delimiter,
    host: hostPlatform(process.platform, process.arch),
    jobStart,
    event: {
      name: process.env.GITHUB_EVENT_NAME,
      ref: process.env.GITHUB_REF,
      defaultBranch: defaultBranch(process.env.GITHUB_EVENT_PATH),
    },
  };
}

/** The event payload's `repository.default_branch`; undefined when there is no payload or none in it. */
function defaultBranch(eventPath: string | undefined): string | undefined {
  if (!eventPath) return undefined;
  try {
    const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as { repository?: { default_branch?: unknown } };
    const branch = payload.repository?.default_branch;
    return typeof branch === 'string' && branch ? branch : undefined;
  } catch {
    return undefined;
  }
}

/** Fails unless RUNNER_TOOL_CACHE names a directory, or a path one can be made at. */
export function requireToolCache(runner: RunnerEnv): void {
  const toolCache = runner.toolCache;
  if (!toolCache)
    throw new ActionError(
      'Not on a runner',
      'RUNNER_TOOL_CACHE is not set: run the action from a workflow step, or set it to a writable directory.',
    );
  if (existsSync(toolCache) && !statSync(toolCache).isDirectory())
    throw new ActionError('Not on a runner', `RUNNER_TOOL_CACHE (${toolCache}) is not a directory: set it to a writable directory.`);
}

/** The step's inputs as @actions/core reads them (INPUT_*), and the files they may name. */
export function inputSource(runner: RunnerEnv): InputSource {
  return {
    get: (name) => core.getInput(name),
    env: runner.env,
    cwd: process.cwd(),
    host: runner.host,
    readText: readTextFile,
    isDirectory,
    cpus: runner.cpus,
  };
}
