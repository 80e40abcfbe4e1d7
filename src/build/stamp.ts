// {version}, {commit}, {date} and the archive mtime, from the checkout and the runner's variables.
import { getExecOutput } from '@actions/exec';
import { ActionError } from '../errors.js';
import type { Stamp } from './settings.js';

export interface StampSources {
  ref?: string;
  sha?: string;
  sourceDateEpoch?: string;
  gitCommit?: string;
  gitEpoch?: number;
  now: number;
}

/**
 * version: the tag of `refs/tags/<tag>`, else the short commit, else `dev`. commit: the checkout's
 * HEAD, else GITHUB_SHA. Time: SOURCE_DATE_EPOCH, else the commit time, else now.
 */
export function stampFrom(s: StampSources): Stamp {
  const commit = s.gitCommit || s.sha || '';
  const tag = s.ref?.startsWith('refs/tags/') ? s.ref.slice('refs/tags/'.length) : undefined;
  let epoch: number;
  if (s.sourceDateEpoch !== undefined && s.sourceDateEpoch !== '') {
    if (!/^\d+$/.test(s.sourceDateEpoch))
      throw new ActionError(
        'Invalid SOURCE_DATE_EPOCH',
        `SOURCE_DATE_EPOCH=${JSON.stringify(s.sourceDateEpoch)} is not a number of seconds since 1970.`,
      );
    epoch = Number(s.sourceDateEpoch);
  } else epoch = s.gitEpoch ?? Math.floor(s.now / 1000);
  return {
    version: tag || commit.slice(0, 7) || 'dev',
    commit: commit || 'unknown',
    date: new Date(epoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    epoch,
  };
}

export async function readStamp(env: NodeJS.ProcessEnv, dir: string): Promise<Stamp> {
  const git = async (args: string[]) => {
    try {
      const out = await getExecOutput('git', ['-C', dir, ...args], { silent: true, ignoreReturnCode: true });
      return out.exitCode === 0 ? out.stdout.trim() : undefined;
    } catch {
      return undefined; // no git on PATH
    }
  };
  const gitCommit = await git(['rev-parse', 'HEAD']);
  const time = gitCommit ? await git(['log', '-1', '--format=%ct', 'HEAD']) : undefined;
  return stampFrom({
    ref: env.GITHUB_REF,
    sha: env.GITHUB_SHA,
    sourceDateEpoch: env.SOURCE_DATE_EPOCH,
    gitCommit,
    gitEpoch: time ? Number(time) : undefined,
    now: Date.now(),
  });
}
