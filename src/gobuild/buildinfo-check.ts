// Does a binary's embedded build info say it is what the action asked for? Pure: what the target,
// the inputs, the checkout and the toolchain expect, against what `go version -m` read from the
// binary. The header check (binaries/binary-format.ts) sees GOOS/GOARCH only; the build info also
// knows the variant, -trimpath, cgo, the VCS state and the Go version.
import semver from 'semver';
import { setting, type BuildInfo } from '../binaries/buildinfo.js';
import { releaseBuild, type JobEvent } from '../lib/runner-env.js';
import { variantVariable, type Target } from '../targets/target.js';
import { releaseOfGoVersion, reportedGoVersion, upstreamVersion } from '../toolchain/version.js';

export interface Expected {
  target: Target;
  /**
   * For a target that names no variant: the toolchain's own default for its variable (`v1` for
   * GOAMD64; '' where Go records none). Undefined when it could not be read.
   */
  defaultVariant?: string;
  /** `reproducible`: the build passed -trimpath. */
  trimpath: boolean;
  cgo: boolean;
  /** The checkout's HEAD; undefined when it is not a git checkout (or git is missing). */
  head?: string;
  cleanTree: CleanTree;
  /** The pinned toolchain (semver, `1.24.4` or the revision build `1.25.0-1`). */
  goVersion: string;
}

/** One field that differs: what the build info says, what was expected and why. */
export interface Finding {
  key: string;
  expected: string;
  /** Undefined when the build info records no such field. */
  actual: string | undefined;
  why: string;
}

/** Whether a binary must come from a checkout without changes, and why (for the messages). */
export interface CleanTree {
  required: boolean;
  why: string;
}

/**
 * allow-dirty → the clean-tree rule. `auto` requires a clean tree only where a release is made (a
 * release event, a run on a tag), as goreleaser requires one for a release and not for a snapshot.
 */
export function cleanTreeRule(allowDirty: boolean | 'auto', event: JobEvent): CleanTree {
  if (allowDirty !== 'auto') return { required: !allowDirty, why: `allow-dirty: ${allowDirty}` };
  const release = releaseBuild(event);
  return release
    ? { required: true, why: `allow-dirty: auto on a release build (${release})` }
    : { required: false, why: 'allow-dirty: auto, and this is no tag or release build' };
}

export interface Checked {
  findings: Finding[];
  /** What was not checked, and why: for the log and the summary, never invented. */
  notes: string[];
  /** The fields compared, for the log. */
  compared: string[];
}

export const GO_VERSION = 'Go version';
export const NO_VARIANT_WHY = "the toolchain's default, as the target names no variant";

/** `go version -m [-json] BINARY`: `-json` arrived in Go 1.25 (earlier ones refuse the flag). */
export function goVersionArgs(goVersion: string, binary: string): string[] {
  return ['version', '-m', ...(jsonBuildInfo(goVersion) ? ['-json'] : []), binary];
}

/** By minor: Go 1.25's release candidates have the flag too. */
export function jsonBuildInfo(goVersion: string): boolean {
  const v = semver.parse(upstreamVersion(goVersion));
  return v !== null && (v.major > 1 || v.minor >= 25);
}

export function checkBuildInfo(e: Expected, info: BuildInfo): Checked {
  const findings: Finding[] = [];
  const notes: string[] = [];
  const compared: string[] = [];
  const expect = (key: string, expected: string, actual: string | undefined, why: string) => {
    compared.push(key);
    // Go records no variant variable whose value is empty (GOWASM by default): '' is that.
    if ((actual ?? '') !== expected) findings.push({ key, expected, actual, why });
  };

  // A revision build reports the release it was built from (toolchain/version.ts), so compare
  // releases: `go1.25.0 X:systemcrypto` from the Microsoft build of Go 1.25.0-1 is right.
  compared.push(GO_VERSION);
  if (releaseOfGoVersion(info.goVersion) !== upstreamVersion(e.goVersion))
    findings.push({ key: GO_VERSION, expected: reportedGoVersion(e.goVersion), actual: info.goVersion, why: 'the pinned toolchain' });

  // Go records build settings from 1.18 on; before, a binary says only its Go version and modules.
  if (!info.settings.length) {
    notes.push(`${info.goVersion} records no build settings (Go 1.18 began to): only the Go version was checked`);
    return { findings, notes, compared };
  }
  const t = e.target;
  expect('GOOS', t.goos, setting(info, 'GOOS'), 'the target');
  expect('GOARCH', t.goarch, setting(info, 'GOARCH'), 'the target');
  const variable = variantVariable(t.goarch);
  if (variable && t.variant) expect(variable, t.env[variable], setting(info, variable), 'the target names this variant');
  else if (variable && e.defaultVariant !== undefined) expect(variable, e.defaultVariant, setting(info, variable), NO_VARIANT_WHY);
  else if (variable) notes.push(`${variable} not compared: the toolchain's default could not be read`);
  if (e.trimpath) expect('-trimpath', 'true', setting(info, '-trimpath'), 'reproducible: true');
  expect('CGO_ENABLED', e.cgo ? '1' : '0', setting(info, 'CGO_ENABLED'), `cgo: ${e.cgo}`);

  if (setting(info, 'vcs') === undefined) {
    notes.push('no VCS stamp (built outside a git checkout, or with -buildvcs=false): revision and changes not checked');
    return { findings, notes, compared };
  }
  const revision = setting(info, 'vcs.revision');
  if (e.head === undefined) notes.push(`the checkout's HEAD could not be read: vcs.revision ${revision ?? '(none)'} not compared`);
  else expect('vcs.revision', e.head, revision, "the checkout's HEAD");
  const modified = setting(info, 'vcs.modified');
  if (modified === 'true' && !e.cleanTree.required) notes.push(`built from a checkout with changes (${e.cleanTree.why})`);
  else expect('vcs.modified', 'false', modified, e.cleanTree.why);
  return { findings, notes, compared };
}

/** `build info says GOAMD64=v3, expected v1 (the toolchain's default, …)`. */
export function describeFinding(f: Finding): string {
  const says =
    f.key === GO_VERSION
      ? `build info says it was built by ${f.actual}`
      : f.actual === undefined
        ? `build info records no ${f.key}`
        : `build info says ${f.key}=${f.actual}`;
  return `${says}, expected ${f.key === GO_VERSION || f.expected !== '' ? f.expected : 'none'} (${f.why})`;
}

/** The value a GOENV file (what `go env -w` writes: `KEY=VALUE` lines) gives `key`, if any. */
export function goEnvFileValue(text: string, key: string): string | undefined {
  let value: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0 && line.slice(0, eq).trim() === key) value = line.slice(eq + 1).trim();
  }
  return value;
}

/**
 * Why a target without a variant got another value than the toolchain's default: the action
 * scrubs the variable from the job's environment and refuses it in the env input, so what is left
 * is a GOENV file (`go env -w GOAMD64=v3` in an earlier step, or a GOENV the env input names).
 */
export function variantSource(key: string, goenvPath: string | undefined, goenvText: string | undefined): string {
  const value = goenvText === undefined ? undefined : goEnvFileValue(goenvText, key);
  if (goenvPath && value !== undefined)
    return `the GOENV file ${goenvPath} sets ${key}=${value} (go env -w); name the variant in the target instead, or remove it there`;
  return `something outside the action's inputs set ${key}: a GOENV file (go env -w) is the usual place`;
}

/** What `git status --porcelain` lists, shortened for a message: `?? a.txt, M b.go and 3 more`. */
export function changedFiles(porcelain: string, max: number): string | undefined {
  const lines = porcelain.split('\n').filter((l) => l.trim() !== '');
  if (!lines.length) return undefined;
  const more = lines.length > max ? ` and ${lines.length - max} more` : '';
  return `${lines
    .slice(0, max)
    .map((l) => l.trim())
    .join(', ')}${more}`;
}

/**
 * Why a binary's checkout had changes, for its failure. `generated`: generate: once ran in the
 * checkout, so what it wrote is among the changes unless committed or ignored.
 */
export function describeChanges(porcelain: string, generated = false, max = 5): string {
  const files = changedFiles(porcelain, max);
  if (!files) return 'the checkout has changes';
  const cause = generated ? ' (generate: once writes into the checkout)' : '';
  return `the checkout has changes: ${files}${cause}; commit them, list them in .gitignore, or set allow-dirty: true`;
}

/** The one warning of a build whose checkout had changes where they are allowed by default. */
export function dirtyTreeWarning(porcelain: string, rule: CleanTree, generated: boolean, max = 10): string {
  const files = changedFiles(porcelain, max) ?? '(git status lists none now)';
  const cause = generated ? ' (generate: once writes into the checkout)' : '';
  return (
    `Built from a checkout with changes (${rule.why}): ${files}${cause}. ` +
    'The binaries say vcs.modified=true; a tag or release build fails on this: commit them or list them in .gitignore.'
  );
}
