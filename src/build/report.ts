// What the log and the job summary show of the builds.
import * as core from '@actions/core';
import type { Artifact } from '../artifacts.js';
import type { Restored } from '../cache/keys.js';
import { targetId } from '../targets.js';
import { mergeDiagnostics, parseDiagnostics } from './diagnostics.js';
import type { BuildResult } from './fanout.js';
import { escapeHtml } from '../html.js';

const SHOWN_ENV = /^(GOOS|GOARCH|GOARM|GOAMD64|GOARM64|GO386|GOMIPS|GOMIPS64|GOPPC64|GORISCV64|GOWASM|CGO_ENABLED|GOCACHE)$/;

/** One collapsed group per build, printed when it finishes: status, time, command, target env, log. */
export function logBuild(r: BuildResult, done: number, total: number): void {
  const status = r.status === 'ok' ? 'ok' : r.status === 'failed' ? `FAILED (${r.reason})` : `skipped (${r.reason})`;
  core.startGroup(`[${done}/${total}] ${r.job.id}: ${status}, ${r.seconds.toFixed(1)} s`);
  if (r.prepareLog.trim()) core.info(r.prepareLog.trimEnd());
  if (r.built) {
    const env = Object.entries(r.job.env).filter(([k]) => SHOWN_ENV.test(k));
    core.info(`${env.map(([k, v]) => `${k}=${v}`).join(' ')} go ${r.job.args.map(quoteForLog).join(' ')}`);
    if (r.log.trim()) core.info(r.log.trimEnd());
  }
  core.endGroup();
}

/** Compiler errors as file/line annotations, one per distinct message, naming the builds that hit it. */
export function annotate(results: BuildResult[], cwd: string, workspace: string): void {
  const failed = results.filter((r) => r.status === 'failed');
  for (const d of mergeDiagnostics(failed.map((r) => ({ id: r.job.id, diagnostics: parseDiagnostics(r.log, cwd, workspace) })))) {
    core.error(d.message, { title: `go build ${d.ids.join(', ')}`, file: d.file, startLine: d.line, startColumn: d.column });
  }
}

/** Shows an argv entry readably; it was passed as one argument, never through a shell. */
export function quoteForLog(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function size(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

function cacheCell(c: Restored | undefined): string {
  if (!c) return 'off';
  if (c.skipped) return `skipped (${c.skipped})`;
  if (!c.matchedKey) return 'miss';
  return `${c.matchedKey === c.key ? 'hit' : 'older key'}, ${size(c.restoredBytes)}`;
}

export async function summarize(
  results: BuildResult[],
  artifacts: Artifact[],
  goVersion: string,
  caches: Map<string, Restored>,
  /** A line under the table (per-target generate: the generators' host builds). */
  note?: string,
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const byTarget = new Map(artifacts.map((a) => [a.name, a]));
  const rows = results.map((r) => {
    const a = byTarget.get(r.job.artifact);
    const status =
      r.status === 'ok'
        ? r.checked
          ? 'ok, header checked'
          : 'ok (header not checked)'
        : r.status === 'failed'
          ? `failed: ${escapeHtml(r.reason ?? '')}`
          : `skipped: ${escapeHtml(r.reason ?? '')}`;
    return [
      targetId(r.job.target),
      a ? escapeHtml(a.name) : '',
      a ? size(a.size) : '',
      a ? `<code>${a.sha256.slice(0, 16)}</code>` : '',
      `${r.seconds.toFixed(1)} s`,
      cacheCell(caches.get(targetId(r.job.target))),
      status,
    ];
  });
  const ok = results.filter((r) => r.status === 'ok').length;
  core.summary
    .addHeading(`Cross-build: ${ok} of ${results.length} built with Go ${goVersion}`, 3)
    .addTable([
      ['Target', 'Artifact', 'Size', 'SHA-256', 'Time', 'Cache restored', 'Status'].map((data) => ({ data, header: true })),
      ...rows,
    ]);
  if (note) core.summary.addRaw(escapeHtml(note), true);
  await core.summary.write();
}
