// generate: per-target. Each target's `go generate` runs in that target's own copy of the sources
// (source-copies.ts), through the go shim (generate.ts), and what it wrote reaches the target's build as an
// overlay. Targets prepare in parallel; one target's packages share its one generate.
import { join, relative } from 'node:path';
import { targetId, targetSlug, type Target } from '../targets/target.js';
import type { Platform } from '../toolchain/platform.js';
import type { Prepared } from './run.js';
import type { BuildTask } from './tasks.js';
import { explainGenerateFailure, runGenerate, targetGenerateEnv, type GenerateDirs } from './generate.js';
import { changes, copyTree, inCheckout, overlay, snapshot, withoutRewrites, writeOverlay } from './source-copies.js';

export interface PerTargetOptions {
  go: string;
  goroot: string;
  packages: string[];
  tags: string[];
  host: Platform;
  dirs: GenerateDirs;
  /** Where the copies and overlays go, one per target. */
  trees: string;
  /** What is copied (sourceRoot), what is not, and where the module is within it. */
  root: string;
  skip: string[];
  workingDirectory: string;
}

export function perTargetGenerate(o: PerTargetOptions, tasks: BuildTask[]) {
  const prepared = new Map<string, Promise<Prepared>>();
  const logs: { id: string; log: string }[] = [];
  const treeOf = (t: Target) => join(o.trees, targetSlug(t));
  const moduleIn = (tree: string) => join(tree, relative(o.root, o.workingDirectory));

  const prepareTarget = async (t: Target, env: Record<string, string>): Promise<Prepared> => {
    const id = targetId(t);
    const tree = treeOf(t);
    const head = `go generate ${o.packages.join(' ')} for ${id}, in a copy of the sources; generators run on the host ${o.host.goos}/${o.host.goarch}\n`;
    let before;
    try {
      await copyTree(o.root, tree, o.skip, o.host.goos === 'windows');
      before = await snapshot(tree);
    } catch (e) {
      return { ok: false, log: head, reason: `could not copy the sources to ${tree} for go generate: ${(e as Error).message}` };
    }
    const run = await runGenerate(o.go, o.packages, o.tags, moduleIn(tree), targetGenerateEnv(env, o.goroot, o.dirs, tree));
    const log = inCheckout(run.log, tree, o.root, moduleIn(tree));
    logs.push({ id, log });
    if (!run.ok) return { ok: false, log: head + log, reason: explainGenerateFailure(log, id, o.host) };
    const changed = await withoutRewrites(changes(before, await snapshot(tree)), o.root, tree);
    const files = [...changed.written, ...changed.removed.map((p) => `${p} (removed)`)];
    const said = `${head}${log}${files.length} file${files.length === 1 ? '' : 's'} generated for ${id}${files.length ? `: ${files.join(', ')}` : ''}\n`;
    if (!files.length) return { ok: true, log: said };
    const file = `${tree}.overlay.json`;
    await writeOverlay(file, overlay(changed, o.root, tree));
    return { ok: true, log: said, flags: [`-overlay=${file}`] };
  };

  return {
    /** Failing directives' logs, per target, for annotations. */
    logs,
    /** For runBuilds: the task's target generated (once), its first task carrying the log. */
    async prepare(task: BuildTask): Promise<Prepared> {
      const id = targetId(task.target);
      if (!prepared.has(id)) prepared.set(id, prepareTarget(task.target, task.env));
      const p = await prepared.get(id)!;
      return task === tasks.find((t) => t.target === task.target) ? p : { ...p, log: '' };
    },
    /** A build log with the target's copy said as the checkout (compile errors in generated files). */
    inSources(task: BuildTask, log: string): string {
      return inCheckout(log, treeOf(task.target), o.root, o.workingDirectory);
    },
  };
}
