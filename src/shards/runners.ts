// The `runs-on` input of plan mode: which runner label a target's shard runs on, and the platform
// of that runner (whose Go archive the plan must pin). Pure.
import type { Problem } from '../lib/problem.js';
import { validPattern } from '../targets/target.js';
import type { Platform } from '../toolchain/platform.js';

export interface RunnerRule {
  /** Target pattern: `darwin/*`, `windows/arm64`. */
  pattern: string;
  label: string;
  /** The platform the runner itself runs on: its Go archive goes into the plan's toolchain output. */
  platform: Platform;
}

/**
 * The platform of a GitHub-hosted runner label: ubuntu-* (…-arm: arm64), windows-* (…-arm: arm64),
 * macos-13 and macos-*-intel / macos-*-large (amd64), other macos-* (arm64). Undefined otherwise.
 */
export function hostedRunnerPlatform(label: string): Platform | undefined {
  const l = label.toLowerCase();
  if (/^ubuntu-(latest|slim|\d+\.\d+)(-arm)?$/.test(l)) return { goos: 'linux', goarch: l.endsWith('-arm') ? 'arm64' : 'amd64' };
  if (/^windows-(latest|\d+)(-arm)?$/.test(l)) return { goos: 'windows', goarch: l.endsWith('-arm') ? 'arm64' : 'amd64' };
  if (/^macos-13$|^macos-(latest|\d+)-(intel|large)$/.test(l)) return { goos: 'darwin', goarch: 'amd64' };
  if (/^macos-(latest|\d+)(-xlarge)?$/.test(l)) return { goos: 'darwin', goarch: 'arm64' };
  return undefined;
}

export const RUNS_ON_ALLOWED =
  'lines "PATTERN: LABEL" with a GitHub-hosted label (darwin/*: macos-latest, windows/arm64: windows-11-arm), or "PATTERN: LABEL GOOS/GOARCH" for a self-hosted runner (linux/riscv64: my-riscv linux/riscv64)';

/** Parses `PATTERN: LABEL [GOOS/GOARCH]` lines; the first rule that matches a target wins. */
export function parseRunnerRules(text: string): RunnerRule[] | Problem {
  const rules: RunnerRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const m = /^(\S+)\s*:\s*([\w.-]+)(?:\s+([a-z0-9]+)\/([a-z0-9]+))?$/.exec(line);
    if (!m) return { problem: `line "${line}" is not "PATTERN: LABEL" or "PATTERN: LABEL GOOS/GOARCH"` };
    const [, pattern, label, goos, goarch] = m;
    if (!validPattern(pattern)) return { problem: `"${pattern}" is not a target pattern (darwin/*, windows/arm64, */386)` };
    const platform = goos ? { goos, goarch } : hostedRunnerPlatform(label);
    if (!platform)
      return {
        problem: `"${label}" is not a GitHub-hosted runner label this action knows: name its platform ("${pattern}: ${label} linux/arm64")`,
      };
    rules.push({ pattern, label, platform });
  }
  return rules;
}
