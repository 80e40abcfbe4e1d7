// What the log and the job summary show of the builds.
import { escapeHtml } from '../lib/html.js';
import { quoteForLog, size } from '../lib/format.js';
import type { Log, SummaryBlock } from '../lib/log.js';
import { join, relative } from 'node:path';
import { targetId, UNIVERSAL, type Target } from '../targets/target.js';
import { mergeDiagnostics, parseDiagnostics } from './diagnostics.js';
import { failedDirectives } from './generate.js';
import type { BuildResult } from './run.js';
import type { Compilers } from '../cc/choose.js';
import type { Zig } from '../cc/zig-install.js';

const SHOWN_ENV =
  /^(GOOS|GOARCH|GOARM|GOAMD64|GOARM64|GO386|GOMIPS|GOMIPS64|GOPPC64|GORISCV64|GOWASM|CGO_ENABLED|GOCACHE|CC|CXX|ZIG_GLOBAL_CACHE_DIR)$/;

/** One collapsed group per build, printed when it finishes: status, time, command, target env, log. */
export function logBuild(log: Log, r: BuildResult, done: number, total: number): void {
  const status = r.status === 'ok' ? 'ok' : r.status === 'failed' ? `FAILED (${r.reason})` : `skipped (${r.reason})`;
  const lines: string[] = [];
  if (r.prepareLog.trim()) lines.push(r.prepareLog.trimEnd());
  if (r.built) {
    const env = Object.entries(r.task.env).filter(([k]) => SHOWN_ENV.test(k));
    lines.push(`${env.map(([k, v]) => `${k}=${quoteForLog(v)}`).join(' ')} go ${r.task.args.map(quoteForLog).join(' ')}`);
    if (r.log.trim()) lines.push(r.log.trimEnd());
  }
  const v = r.verified;
  if (v) {
    const what = v.compared.length ? `compared ${v.compared.join(', ')}` : 'nothing compared';
    lines.push(`Build info (go version -m, ${v.seconds.toFixed(2)} s): ${what}${v.notes.map((n) => `; ${n}`).join('')}`);
  }
  log.section(`[${done}/${total}] ${r.task.id}: ${status}, ${r.seconds.toFixed(1)} s`, lines);
}

/** Compiler errors as file/line annotations, one per distinct message, naming the builds that hit it. */
export function annotate(log: Log, results: BuildResult[], cwd: string, workspace: string): void {
  const failed = results.filter((r) => r.status === 'failed');
  for (const d of mergeDiagnostics(failed.map((r) => ({ id: r.task.id, diagnostics: parseDiagnostics(r.log, cwd, workspace) })))) {
    log.annotate(d.message, { title: `go build ${d.ids.join(', ')}`, file: d.file, startLine: d.line, startColumn: d.column });
  }
}

/** A go generate run's failed directives as file/line annotations. */
export function annotateDirectives(log: Log, output: string, title: string, cwd: string, workspace: string): void {
  for (const d of failedDirectives(output)) {
    log.annotate(d.message, { title, file: relative(workspace, join(cwd, d.file)).split('\\').join('/'), startLine: d.line });
  }
}

/** `ok, header and build info checked`, and what was not checked (plan9's header, a wasm's build info, no VCS stamp). */
function okStatus(r: BuildResult): string {
  const checked = [r.checked ? 'header' : '', r.libc ? 'C library' : '', r.verified?.info ? 'build info' : ''].filter(Boolean);
  const notes = [...(r.libc ? [r.libc] : []), ...(r.checked ? [] : ['header not checked']), ...(r.verified?.notes ?? [])];
  return `ok${checked.length ? `, ${checked.join(' and ')} checked` : ''}${r.signed ? ', signed' : ''}${notes.map((n) => `; ${escapeHtml(n)}`).join('')}`;
}

/** What the summary says of a target's build cache, and whether it was an exact hit (null: caching off). */
export interface CacheReport {
  hit: boolean | null;
  cell: string;
}

/** A published artifact as the summary lists it. */
export interface Listed {
  name: string;
  size: number;
  sha256: string;
  /** Its target: a darwin/universal artifact has no build of its own, and gets a row of its own. */
  target?: string;
}

/** The builds' summary table: one row per task (a binary), with its artifact (an archive may hold several) when it was published. */
export function buildSummary(
  results: BuildResult[],
  artifacts: Listed[],
  goVersion: string,
  caches: (t: Target) => CacheReport,
  /** A line under the table (per-target generate: the generators' host builds). */
  note?: string,
): SummaryBlock[] {
  const byName = new Map(artifacts.map((a) => [a.name, a]));
  const rows = results.map((r) => {
    const a = byName.get(r.task.artifact);
    const status =
      r.status === 'ok'
        ? okStatus(r)
        : r.status === 'failed'
          ? `failed: ${escapeHtml(r.reason ?? '')}`
          : `skipped: ${escapeHtml(r.reason ?? '')}`;
    return [
      escapeHtml(r.task.id),
      a ? escapeHtml(a.name) : '',
      a ? size(a.size) : '',
      a ? `<code>${a.sha256.slice(0, 16)}</code>` : '',
      `${r.seconds.toFixed(1)} s`,
      caches(r.task.target).cell,
      status,
    ];
  });
  const universal = artifacts
    .filter((a) => a.target === targetId(UNIVERSAL))
    .map((a) => [
      targetId(UNIVERSAL),
      escapeHtml(a.name),
      size(a.size),
      `<code>${a.sha256.slice(0, 16)}</code>`,
      '',
      '',
      'ok, assembled from darwin/amd64 and darwin/arm64; header and build info of each slice checked',
    ]);
  const ok = results.filter((r) => r.status === 'ok').length;
  return [
    { heading: `Cross-build: ${ok} of ${results.length} built with Go ${goVersion}` },
    { table: [['Target', 'Artifact', 'Size', 'SHA-256', 'Time', 'Cache restored', 'Status'], ...rows, ...universal] },
    ...(note ? [{ text: escapeHtml(note) }] : []),
  ];
}

/** The job summary's C compiler block: the managed zig, how it was verified, and each target's compiler. */
export function compilerSummary(zig: Zig, targets: Target[], compilers: Compilers): SummaryBlock[] {
  const signature = { verified: 'minisign signature checked', 'not served': 'no signature served', 'at install': 'checked at install' }[
    zig.signature
  ];
  const rows = targets.map((t) => {
    const c = compilers.of(t);
    if (c.kind === 'zig')
      return [
        targetId(t),
        `<code>zig cc -target ${escapeHtml(c.target.triple)}${c.target.cpu ? ` -mcpu=${escapeHtml(c.target.cpu)}` : ''}</code>`,
        c.target.libc,
      ];
    return [targetId(t), c.kind === 'system' ? "the runner's own" : 'none (cgo off)', ''];
  });
  return [
    { heading: 'C compiler (cgo)' },
    {
      table: [
        ['zig', 'Archive', 'SHA-256', 'Verified against', 'Source'],
        [
          escapeHtml(zig.version),
          escapeHtml(zig.file),
          `<code>${zig.sha256}</code>`,
          `${zig.source}; ${signature}`,
          zig.fromToolCache ? 'tool cache' : escapeHtml(zig.url),
        ],
      ],
    },
    { table: [['Target', 'C compiler', 'C library'], ...rows] },
  ];
}
