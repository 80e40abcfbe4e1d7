import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBuildInfoText, type BuildInfo } from '../../../src/binaries/buildinfo.js';
import {
  changedFiles,
  checkBuildInfo,
  cleanTreeRule,
  describeChanges,
  dirtyTreeWarning,
  describeFinding,
  goEnvFileValue,
  goVersionArgs,
  variantSource,
  type Expected,
} from '../../../src/gobuild/buildinfo-check.js';
import { t } from '../helpers.js';

const HEAD = 'f1f42fbb1c5624101144be4fd6619f0ce844fd84';
/** The real build info of sbomapp for linux/arm/7 (fixtures/buildinfo), as go version -m printed it. */
const armInfo = parseBuildInfoText(
  readFileSync(fileURLToPath(new URL('../../fixtures/buildinfo/sbomapp-go1.24.4-linux-arm-7.txt', import.meta.url)), 'utf8'),
) as BuildInfo;

const expected = (over: Partial<Expected> = {}): Expected => ({
  target: t('linux/arm/7'),
  trimpath: true,
  cgo: false,
  head: HEAD,
  cleanTree: { required: true, why: 'allow-dirty: false' },
  goVersion: '1.24.4',
  ...over,
});

/** armInfo with some settings replaced (undefined removes one). */
function withSettings(over: Record<string, string | undefined>, goVersion = 'go1.24.4'): BuildInfo {
  const settings = armInfo.settings.filter((s) => !(s.key in over));
  for (const [key, value] of Object.entries(over)) if (value !== undefined) settings.push({ key, value });
  return { ...armInfo, goVersion, settings };
}

const branch = { name: 'push', ref: 'refs/heads/main', defaultBranch: 'main' };
const tag = { name: 'push', ref: 'refs/tags/v1.2.0', defaultBranch: 'main' };

const messages = (e: Expected, info: BuildInfo) => checkBuildInfo(e, info).findings.map(describeFinding);

describe('checkBuildInfo', () => {
  it('finds nothing wrong in a build that is what was asked, and says what it compared', () => {
    expect(checkBuildInfo(expected(), armInfo)).toEqual({
      findings: [],
      notes: [],
      compared: ['Go version', 'GOOS', 'GOARCH', 'GOARM', '-trimpath', 'CGO_ENABLED', 'vcs.revision', 'vcs.modified'],
    });
  });

  it("names the field, the expected and the actual value of a variant that is not the target's", () => {
    const amd64 = withSettings({ GOARCH: 'amd64', GOARM: undefined, GOAMD64: 'v2' });
    expect(messages(expected({ target: t('linux/amd64/v3') }), amd64)).toEqual([
      'build info says GOAMD64=v2, expected v3 (the target names this variant)',
    ]);
    // A target without a variant is held to the toolchain's default.
    const v3 = withSettings({ GOARCH: 'amd64', GOARM: undefined, GOAMD64: 'v3' });
    expect(messages(expected({ target: t('linux/amd64'), defaultVariant: 'v1' }), v3)).toEqual([
      "build info says GOAMD64=v3, expected v1 (the toolchain's default, as the target names no variant)",
    ]);
    expect(checkBuildInfo(expected({ target: t('linux/amd64') }), v3)).toMatchObject({
      findings: [],
      notes: ["GOAMD64 not compared: the toolchain's default could not be read"],
    });
  });

  it('takes an empty default as no setting (GOWASM), and a port without variants as nothing to compare', () => {
    const wasm = withSettings({ GOOS: 'wasip1', GOARCH: 'wasm', GOARM: undefined });
    expect(checkBuildInfo(expected({ target: t('wasip1/wasm'), defaultVariant: '' }), wasm).findings).toEqual([]);
    expect(
      messages(expected({ target: t('wasip1/wasm'), defaultVariant: '' }), {
        ...wasm,
        settings: [...wasm.settings, { key: 'GOWASM', value: 'satconv' }],
      }),
    ).toEqual(["build info says GOWASM=satconv, expected none (the toolchain's default, as the target names no variant)"]);
    const s390x = withSettings({ GOARCH: 's390x', GOARM: undefined });
    expect(checkBuildInfo(expected({ target: t('linux/s390x') }), s390x)).toMatchObject({ findings: [], notes: [] });
  });

  it('wants -trimpath only when reproducible, and CGO_ENABLED as cgo says', () => {
    const untrimmed = withSettings({ '-trimpath': undefined });
    expect(messages(expected(), untrimmed)).toEqual(['build info records no -trimpath, expected true (reproducible: true)']);
    expect(messages(expected({ trimpath: false }), untrimmed)).toEqual([]);
    expect(messages(expected({ cgo: true }), armInfo)).toEqual(['build info says CGO_ENABLED=0, expected 1 (cgo: true)']);
  });

  it('compares the VCS revision with HEAD and refuses a modified tree unless allowed', () => {
    const dirty = withSettings({ 'vcs.modified': 'true' });
    expect(messages(expected(), dirty)).toEqual(['build info says vcs.modified=true, expected false (allow-dirty: false)']);
    expect(checkBuildInfo(expected({ cleanTree: cleanTreeRule(true, branch) }), dirty)).toMatchObject({
      findings: [],
      notes: ['built from a checkout with changes (allow-dirty: true)'],
    });
    expect(checkBuildInfo(expected({ cleanTree: cleanTreeRule('auto', branch) }), dirty)).toMatchObject({
      findings: [],
      notes: ['built from a checkout with changes (allow-dirty: auto, and this is no tag or release build)'],
    });
    expect(messages(expected({ cleanTree: cleanTreeRule('auto', tag) }), dirty)).toEqual([
      'build info says vcs.modified=true, expected false (allow-dirty: auto on a release build (tag v1.2.0))',
    ]);
    // A clean tree passes whatever the rule.
    expect(messages(expected({ cleanTree: cleanTreeRule('auto', tag) }), armInfo)).toEqual([]);
    expect(messages(expected({ head: 'a'.repeat(40) }), armInfo)).toEqual([
      `build info says vcs.revision=${HEAD}, expected ${'a'.repeat(40)} (the checkout's HEAD)`,
    ]);
    expect(checkBuildInfo(expected({ head: undefined }), armInfo).notes).toEqual([
      `the checkout's HEAD could not be read: vcs.revision ${HEAD} not compared`,
    ]);
  });

  it('says so, rather than inventing, when the binary carries no VCS stamp', () => {
    const unstamped = withSettings({ vcs: undefined, 'vcs.revision': undefined, 'vcs.time': undefined, 'vcs.modified': undefined });
    const checked = checkBuildInfo(expected(), unstamped);
    expect(checked.findings).toEqual([]);
    expect(checked.notes).toEqual([
      'no VCS stamp (built outside a git checkout, or with -buildvcs=false): revision and changes not checked',
    ]);
    expect(checked.compared).not.toContain('vcs.revision');
  });

  it('wants the pinned Go, as the release a revision build reports', () => {
    expect(messages(expected(), { ...armInfo, goVersion: 'go1.23.5' })).toEqual([
      'build info says it was built by go1.23.5, expected go1.24.4 (the pinned toolchain)',
    ]);
    expect(messages(expected({ goVersion: '1.25.0-1' }), { ...armInfo, goVersion: 'go1.25.0 X:systemcrypto' })).toEqual([]);
    expect(messages(expected({ goVersion: '1.25.0-rc.1' }), { ...armInfo, goVersion: 'go1.25rc1' })).toEqual([]);
  });

  it('checks only the Go version of a binary from a Go that records no settings', () => {
    const old: BuildInfo = { goVersion: 'go1.17.13', path: 'example.com/x', deps: [], settings: [] };
    expect(checkBuildInfo(expected({ goVersion: '1.17.13' }), old)).toEqual({
      findings: [],
      notes: ['go1.17.13 records no build settings (Go 1.18 began to): only the Go version was checked'],
      compared: ['Go version'],
    });
  });
});

describe('goVersionArgs', () => {
  it('asks for JSON from Go 1.25 on (its release candidates too), for text before', () => {
    expect(goVersionArgs('1.24.4', '/b')).toEqual(['version', '-m', '/b']);
    expect(goVersionArgs('1.25.0-rc.1', '/b')).toEqual(['version', '-m', '-json', '/b']);
    expect(goVersionArgs('1.25.0-1', '/b')).toEqual(['version', '-m', '-json', '/b']);
    expect(goVersionArgs('1.26.2', '/b')).toEqual(['version', '-m', '-json', '/b']);
  });
});

describe('explanations', () => {
  it('names the GOENV file that set a variant, as go env -w writes it', () => {
    const file = 'GOPRIVATE=example.com/*\nGOAMD64=v3\n';
    expect(goEnvFileValue(file, 'GOAMD64')).toBe('v3');
    expect(goEnvFileValue(file, 'GOARM')).toBeUndefined();
    expect(variantSource('GOAMD64', '/home/r/.config/go/env', file)).toBe(
      'the GOENV file /home/r/.config/go/env sets GOAMD64=v3 (go env -w); name the variant in the target instead, or remove it there',
    );
    expect(variantSource('GOAMD64', '/home/r/.config/go/env', undefined)).toBe(
      "something outside the action's inputs set GOAMD64: a GOENV file (go env -w) is the usual place",
    );
  });

  it('requires a clean tree where a release is made, by default; allow-dirty true and false say so everywhere', () => {
    const ev = (name: string, ref: string) => ({ name, ref, defaultBranch: 'main' });
    const auto = (name: string, ref: string) => cleanTreeRule('auto', ev(name, ref)).required;
    expect(auto('push', 'refs/tags/v1.2.0')).toBe(true);
    expect(auto('release', 'refs/tags/v1.2.0')).toBe(true);
    expect(auto('workflow_dispatch', 'refs/tags/v1.2.0')).toBe(true);
    expect(auto('push', 'refs/heads/main')).toBe(false);
    expect(auto('push', 'refs/heads/release/v1')).toBe(false);
    expect(auto('pull_request', 'refs/pull/7/merge')).toBe(false);
    expect(auto('schedule', 'refs/heads/main')).toBe(false);
    expect(cleanTreeRule('auto', ev('release', 'refs/tags/v2'))).toEqual({
      required: true,
      why: 'allow-dirty: auto on a release build (release event)',
    });
    for (const e of [branch, tag]) {
      expect(cleanTreeRule(false, e)).toEqual({ required: true, why: 'allow-dirty: false' });
      expect(cleanTreeRule(true, e)).toEqual({ required: false, why: 'allow-dirty: true' });
    }
  });

  it('warns once of the changes on a build that allows them by default, the list capped', () => {
    const many = Array.from({ length: 13 }, (_, i) => `?? f${i}.txt`).join('\n');
    expect(changedFiles(many, 10)).toBe(`${Array.from({ length: 10 }, (_, i) => `?? f${i}.txt`).join(', ')} and 3 more`);
    expect(changedFiles('\n', 10)).toBeUndefined();
    expect(dirtyTreeWarning(' M main.go\n?? cover.out\n', cleanTreeRule('auto', branch), false)).toBe(
      'Built from a checkout with changes (allow-dirty: auto, and this is no tag or release build): M main.go, ?? cover.out. ' +
        'The binaries say vcs.modified=true; a tag or release build fails on this: commit them or list them in .gitignore.',
    );
    expect(dirtyTreeWarning('?? zz.go\n', cleanTreeRule('auto', branch), true)).toContain(
      ': ?? zz.go (generate: once writes into the checkout). ',
    );
  });

  it('lists the first changes git status shows', () => {
    expect(describeChanges('?? dist/\n M main.go\n')).toBe(
      'the checkout has changes: ?? dist/, M main.go; commit them, list them in .gitignore, or set allow-dirty: true',
    );
    expect(describeChanges(['a', 'b', 'c'].map((f) => `?? ${f}`).join('\n'), false, 2)).toMatch(/: \?\? a, \?\? b and 1 more;/);
    expect(describeChanges('?? zz_platform.go\n', true)).toBe(
      'the checkout has changes: ?? zz_platform.go (generate: once writes into the checkout); commit them, list them in .gitignore, or set allow-dirty: true',
    );
    expect(describeChanges('')).toBe('the checkout has changes');
  });
});
