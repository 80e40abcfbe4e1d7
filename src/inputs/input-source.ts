// Where inputs come from, and the readers every spec's reader shares: booleans as @actions/core
// reads them, and the directories every mode resolves against the workspace.
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { isWithin } from '../lib/files.js';
import type { Platform } from '../toolchain/platform.js';

export interface InputSource {
  /** The raw input, '' when unset (as @actions/core reads INPUT_*). */
  get(name: string): string;
  env: Record<string, string | undefined>;
  cwd: string;
  host: Platform;
  /** Reads a text file; undefined when it does not exist or is not a file. */
  readText(path: string): string | undefined;
  isDirectory(path: string): boolean;
  /** Logical CPUs: the default of `parallel`. */
  cpus: number;
}

/** YAML 1.2 core booleans, as @actions/core's getBooleanInput accepts them. */
export function readBoolean(src: InputSource, name: string, dflt: boolean): boolean {
  const raw = src.get(name).trim();
  if (raw === '') return dflt;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new InputError(name, raw, 'not a boolean', 'true or false');
}

/** `auto` (the default) or a boolean. */
export function readAutoBoolean(src: InputSource, name: string): boolean | 'auto' {
  const raw = src.get(name).trim();
  if (raw === '' || raw === 'auto') return 'auto';
  try {
    return readBoolean(src, name, false);
  } catch {
    throw new InputError(name, raw, 'not auto or a boolean', 'auto, true or false');
  }
}

/** Where the job's own files are: the workspace, and RUNNER_TEMP when the runner sets it. */
function inJob(src: InputSource, p: string): boolean {
  const temp = src.env.RUNNER_TEMP;
  return isWithin(src.cwd, p) || !!(temp && isWithin(temp, p));
}

function outsideJob(src: InputSource): string {
  return `outside the workspace${src.env.RUNNER_TEMP ? ' and RUNNER_TEMP' : ''}`;
}

export function readWorkingDirectory(src: InputSource): string {
  const wd = src.get('working-directory').trim() || '.';
  const workingDirectory = isAbsolute(wd) ? wd : resolve(src.cwd, wd);
  // Judged before output-dir, which is relative to it: an output-dir error would blame the wrong input.
  if (!inJob(src, workingDirectory))
    throw new InputError(
      'working-directory',
      wd,
      `${workingDirectory} is ${outsideJob(src)}`,
      'a directory of the checkout, relative to the workspace',
    );
  if (!src.isDirectory(workingDirectory)) {
    throw new InputError(
      'working-directory',
      wd,
      `no such directory (looked at ${workingDirectory})`,
      'a directory of the checkout, relative to the workspace',
    );
  }
  return workingDirectory;
}

export function readOutputDir(src: InputSource, workingDirectory: string): { outputDir: string; outputText: string } {
  const outputText = src.get('output-dir').trim() || 'dist';
  const outputDir = resolve(workingDirectory, outputText);
  if (outputDir === workingDirectory)
    throw new InputError('output-dir', outputText, 'it is the module directory itself', 'a directory for the artifacts, such as dist');
  if (isWithin(outputDir, workingDirectory))
    throw new InputError(
      'output-dir',
      outputText,
      `${outputDir} contains the module directory (${workingDirectory})`,
      'a directory for the artifacts, such as dist',
    );
  // Artifacts land where the job's own files are: a release step must not write elsewhere on the runner.
  if (!inJob(src, outputDir))
    throw new InputError(
      'output-dir',
      outputText,
      `${outputDir} is ${outsideJob(src)}`,
      'a directory inside the workspace (such as dist) or under RUNNER_TEMP',
    );
  return { outputDir, outputText };
}
