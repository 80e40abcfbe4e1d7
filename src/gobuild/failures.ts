// The step after the builds: when any build failed or was skipped, the summary lists every build and
// one error names each that did not succeed. Nothing is published then.
import { ActionError } from '../errors.js';
import type { Log } from '../lib/log.js';
import { basename } from 'node:path';
import { targetId, type Target } from '../targets/target.js';
import type { BuildOutcome } from './build-tasks.js';
import type { BuildResult } from './run.js';
import { buildSummary, type CacheReport } from './present.js';

export function refuseFailedBuilds(
  outcome: BuildOutcome,
  goVersion: string,
  caches: (t: Target) => CacheReport,
  outputDir: string,
  log: Log,
): void {
  const { results, note } = outcome;
  const failed = results.filter((r) => r.status !== 'ok');
  if (!failed.length) return;
  log.summary(...buildSummary(results, [], goVersion, caches, note));
  // Several packages: the id names the package, and the binary is named too (the archive it would join is not written).
  const binary = (r: BuildResult) => (r.task.id === targetId(r.task.target) ? '' : `${basename(r.task.binary)}: `);
  const list = failed
    .map((r) => `${r.task.id} (${binary(r)}${r.status === 'failed' ? r.reason?.replace(/\.$/, '') : 'skipped'})`)
    .join(', ');
  throw new ActionError(
    'Build failed',
    `${failed.length} of ${results.length} builds did not succeed: ${list}. Nothing was written to ${outputDir}; see each target's log group.`,
  );
}
