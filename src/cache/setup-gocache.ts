// Which GOCACHE a setup-mode job caches. By default one under RUNNER_TEMP, exported, restored and
// saved: every job starts it empty, so a restore never lands on a runner's own cache and pruning
// never touches it. Left alone: a GOCACHE the job sets itself, and, on a self-hosted runner, Go's
// own build cache when the runner kept it from an earlier job (warmer than any restore, and saving
// it would only upload the runner's whole history).
import { isAbsolute } from 'node:path';
import { workDirs } from '../gobuild/work-dirs.js';
import { run } from '../lib/process.js';
import { nonEmpty } from './disk.js';

/** `dir`: the GOCACHE to export, restore and save; none: GOCACHE is left alone. `note`: why, for the log. */
export type SetupGocache = { dir: string; note?: string } | { dir?: undefined; note: string };

export interface GocacheFacts {
  /** GOCACHE as the job set it ('' when unset). */
  jobGocache: string;
  /** RUNNER_ENVIRONMENT=self-hosted. */
  selfHosted: boolean;
  /** Go's own build cache (`go env GOCACHE`), and whether it held anything when the step started. */
  goOwn?: { dir: string; kept: boolean };
  temp: string;
}

export function chooseSetupGocache(f: GocacheFacts): SetupGocache {
  const dir = workDirs(f.temp).hostGocache;
  if (f.jobGocache) return { note: `GOCACHE is set by the job (${f.jobGocache}): the build cache is left to it, only modules are cached.` };
  if (!f.selfHosted) return { dir };
  if (f.goOwn?.kept)
    return {
      note: `This self-hosted runner kept Go's own build cache (${f.goOwn.dir}) from earlier jobs: it is used as it is, not exported, restored or saved; only modules are cached.`,
    };
  const where = f.goOwn ? ` (${f.goOwn.dir} is empty)` : '';
  return {
    dir,
    note: `This self-hosted runner has no build cache of Go's own yet${where}: GOCACHE goes under RUNNER_TEMP and through the Actions cache, as on a hosted runner.`,
  };
}

/** The facts, read before any go command of the step could write into Go's own cache (`go env` does). */
export async function setupGocache(env: NodeJS.ProcessEnv, go: string, goEnv: Record<string, string>, temp: string): Promise<SetupGocache> {
  const selfHosted = env.RUNNER_ENVIRONMENT === 'self-hosted';
  let goOwn: GocacheFacts['goOwn'];
  if (selfHosted && !env.GOCACHE) {
    const r = await run(go, ['env', 'GOCACHE'], { env: goEnv });
    const dir = r.ok ? r.stdout.trim() : '';
    // `off` when Go has no place for one (no home directory).
    if (isAbsolute(dir)) goOwn = { dir, kept: await nonEmpty(dir) };
  }
  return chooseSetupGocache({ jobGocache: env.GOCACHE ?? '', selfHosted, goOwn, temp });
}
