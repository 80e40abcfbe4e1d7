// {version}, {tag}, {commit}, {date} and the archive mtime, from the checkout and the runner's variables.
import { ActionError } from '../errors.js';
import { run } from '../lib/process.js';
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
 * tag: the tag of `refs/tags/<tag>`. version: that tag's last path element (Go tags a nested
 * module's release `cmd/tool/v1.2.3`) without the leading `v` of `v1.2.3`, as goreleaser's
 * `.Version` drops it. Not on a tag, both are the short commit, else `dev`. commit: the checkout's
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
  const fallback = commit.slice(0, 7) || 'dev';
  return {
    version: tag ? versionOf(tag) : fallback,
    tag: tag || fallback,
    commit: commit || 'unknown',
    date: new Date(epoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    epoch,
  };
}

/** `v1.2.3` → `1.2.3`, `cmd/tool/v1.2.3` → `1.2.3`; a tag that is no version stays as it is. */
export function versionOf(tag: string): string {
  const last = tag.slice(tag.lastIndexOf('/') + 1);
  return /^v\d/.test(last) ? last.slice(1) : last || tag;
}

export async function readStamp(env: NodeJS.ProcessEnv, dir: string): Promise<Stamp> {
  // Undefined outside a git checkout, or with no git on PATH.
  const git = async (args: string[]) => {
    const out = await run('git', ['-C', dir, ...args]);
    return out.ok ? out.stdout.trim() : undefined;
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
