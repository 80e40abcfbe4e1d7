// Whether a job saves the caches it restored: decided by the event unless cache-read-only says.
// Pure. A repository's cache is shared and bounded (10 GB, oldest evicted first): entries written by
// pull requests and feature branches are visible only to themselves, yet evict the default branch's.
// And a pull_request_target job runs with the base branch's cache scope, so saving there would let
// a pull request's code write caches that the default branch restores.
import type { JobEvent } from '../lib/runner-env.js';

export interface SavePolicy {
  readOnly: boolean;
  /** Why, in words for the log and the summary. */
  why: string;
}

const PULL_REQUEST_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'merge_group',
]);

/** `auto` saves on the default branch and on tags, restores only elsewhere; true and false say so. */
export function savePolicy(readOnly: boolean | 'auto', event: JobEvent): SavePolicy {
  if (readOnly !== 'auto') return { readOnly, why: `cache-read-only: ${readOnly}` };
  const { name, ref, defaultBranch } = event;
  if (name && PULL_REQUEST_EVENTS.has(name)) return { readOnly: true, why: `a ${name} event restores caches but saves none` };
  if (ref?.startsWith('refs/tags/')) return { readOnly: false, why: `a tag (${ref.slice('refs/tags/'.length)}) saves caches` };
  // Scheduled runs always run on the default branch.
  if (name === 'schedule') return { readOnly: false, why: 'a scheduled run (on the default branch) saves caches' };
  if (!defaultBranch || !ref) return { readOnly: false, why: 'the default branch is unknown to this job, so caches are saved' };
  const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
  if (branch === defaultBranch) return { readOnly: false, why: `the default branch (${branch}) saves caches` };
  return { readOnly: true, why: `${branch} is not the default branch (${defaultBranch}): caches are restored, not saved` };
}
