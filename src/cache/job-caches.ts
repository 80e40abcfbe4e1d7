// Build mode's caches in terms of its tasks: which to restore (a GOCACHE per target, a zig cache per
// cgo target, the host's for go generate), and what the summary says of each target's. Pure.
import type { Target } from '../targets/target.js';
import { targetId } from '../targets/target.js';
import { compilerId } from '../cc/choose.js';
import type { BuildSpec } from '../gobuild/build-spec.js';
import type { JobTasks } from '../gobuild/job-tasks.js';
import type { CacheReport } from '../gobuild/present.js';
import { cacheCell, exactHit, type CacheState } from './keys.js';
import type { JobCaches } from './select.js';

export function buildJobCaches(job: JobTasks, b: BuildSpec, zig: { version: string; sha256: string } | undefined): JobCaches {
  const compiler = (t: Target) => {
    const c = job.compiler(t);
    return c && zig ? { id: compilerId(zig, c.target), cache: c.cache } : undefined;
  };
  return {
    targets: { targets: job.targets, settings: b.settings, outputDir: b.outputDir, gocache: job.gocache, compiler },
    host: job.hostGocache === undefined ? undefined : { name: 'host', dir: job.hostGocache, scope: 'generate' },
  };
}

/** Each target's restore as the summary shows it: a cgo target's zig cache restores beside its build cache, and both must hit for the target to. */
export function targetCacheReports(cache: CacheState | undefined, job: JobTasks): (t: Target) => CacheReport {
  const byName = new Map(cache?.caches.filter((c) => c.kind !== 'modules').map((c) => [c.name, c]));
  return (t) => {
    const c = byName.get(targetId(t));
    const z = job.compiler(t) && cache ? byName.get(`${targetId(t)} zig`) : undefined;
    return {
      hit: c ? exactHit(c) && (!z || exactHit(z)) : null,
      cell: z ? `${cacheCell(c)}; zig: ${cacheCell(z)}` : cacheCell(c),
    };
  };
}
