// Where a job's builds run: the runner, the module directory, and the log.
import type { Log } from '../lib/log.js';
import type { RunnerEnv } from '../lib/runner-env.js';

export interface BuildContext extends RunnerEnv {
  workingDirectory: string;
  log: Log;
}
