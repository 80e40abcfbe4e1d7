// What a job shows of its toolchain: `go env` in a log group, and the toolchain's table at the head
// of the job summary (the archive and its SHA-256, the preinstalled tree's module and h1, or the Go
// on PATH, unverified).
import { escapeHtml } from '../lib/html.js';
import type { Log } from '../lib/log.js';
import { mustRun } from '../lib/process.js';
import type { Toolchain } from './toolchain.js';
import { displayVersion } from './version.js';

export async function announce(tc: Toolchain, goEnv: Record<string, string>, log: Log): Promise<void> {
  const ran = await mustRun(tc.go, ['env'], { env: goEnv });
  log.section('go env', [ran.stdout.trimEnd()]);
  log.summary({ heading: 'Go toolchain' }, { table: toolchainTable(tc) });
}

export function toolchainTable(tc: Toolchain): string[][] {
  if (!tc.verified)
    return [
      ['Go', 'Archive', 'SHA-256', 'Verified against', 'Source'],
      [displayVersion(tc.version), 'none', 'none', 'unverified (Go on PATH)', escapeHtml(tc.go)],
    ];
  const m = tc.moduleHash;
  if (m)
    return [
      ['Go', 'Module', 'h1', 'Verified against', 'Source'],
      [
        displayVersion(tc.version),
        escapeHtml(m.module),
        `<code>${m.h1}</code>`,
        `${tc.hashSource} (${m.source})`,
        'tool cache (preinstalled)',
      ],
    ];
  return [
    ['Go', 'Archive', 'SHA-256', 'Verified against', 'Source'],
    [
      displayVersion(tc.version),
      escapeHtml(tc.file),
      `<code>${tc.sha256}</code>`,
      tc.hashSource,
      tc.fromToolCache ? 'tool cache' : 'download',
    ],
  ];
}
