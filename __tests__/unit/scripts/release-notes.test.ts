// scripts/release-notes.mjs: the GitHub release's notes are the CHANGELOG section of the tag's version.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { releaseNotes, versionOfTag } from '../../../scripts/release-notes.mjs';

const CHANGELOG = `# Changelog

Intro text.

## [Unreleased]

### Fixed

- Not released yet.

## [1.2.0] - 2027-01-10

### Added

- Something new, with a [link][docs].

### Fixed

- A bug in 1.1.0.

## [1.1.10] - 2026-12-20

- Ten.

## 1.1.1

- An old heading without brackets or date.

## [1.1.0] - 2026-12-07

- First.

[Unreleased]: https://github.com/o/r/compare/v1.2.0...HEAD
[1.2.0]: https://github.com/o/r/compare/v1.1.0...v1.2.0
[1.1.0]: https://github.com/o/r/releases/tag/v1.1.0
`;

describe('versionOfTag', () => {
  it('takes vX.Y.Z only', () => {
    expect(versionOfTag('v1.2.0')).toBe('1.2.0');
    expect(versionOfTag('v10.0.12')).toBe('10.0.12');
    for (const bad of ['1.2.0', 'v1', 'v1.2', 'v1.2.0-rc.1', 'v01.2.0', 'v1.2.0 ', 'refs/tags/v1.2.0', ''])
      expect(() => versionOfTag(bad)).toThrow(/is not a release tag: want vX\.Y\.Z/);
  });
});

describe('releaseNotes', () => {
  it("is the version's section, up to the next one, headings included", () => {
    expect(releaseNotes(CHANGELOG, '1.2.0')).toBe('### Added\n\n- Something new, with a [link][docs].\n\n### Fixed\n\n- A bug in 1.1.0.');
  });

  it('never takes a longer version that starts the same, and reads headings without brackets or date', () => {
    expect(releaseNotes(CHANGELOG, '1.1.1')).toBe('- An old heading without brackets or date.');
    expect(releaseNotes(CHANGELOG, '1.1.10')).toBe('- Ten.');
  });

  it('leaves out the link definitions that end the file', () => {
    expect(releaseNotes(CHANGELOG, '1.1.0')).toBe('- First.');
  });

  it('reads CRLF files', () => {
    expect(releaseNotes(CHANGELOG.replace(/\n/g, '\r\n'), '1.1.0')).toBe('- First.');
  });

  it('refuses a version without a section, naming the sections there are', () => {
    expect(() => releaseNotes(CHANGELOG, '1.3.0')).toThrow(
      'CHANGELOG.md has no section "## [1.3.0] - YYYY-MM-DD" (sections: [Unreleased]; [1.2.0] - 2027-01-10; [1.1.10] - 2026-12-20; 1.1.1; [1.1.0] - 2026-12-07): rename Unreleased to the version before tagging',
    );
    expect(() => releaseNotes(CHANGELOG, '1.2')).toThrow(/no section/);
  });

  it('refuses an empty section', () => {
    expect(() => releaseNotes('## [2.0.0] - 2027-02-01\n\n## [1.0.0] - 2026-01-01\n\n- x\n', '2.0.0')).toThrow(
      "CHANGELOG.md's section for 2.0.0 is empty",
    );
  });
});

describe('the script', () => {
  const script = fileURLToPath(new URL('../../../scripts/release-notes.mjs', import.meta.url));
  const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  const file = join(mkdtempSync(join(tmpdir(), 'gcb-notes-')), 'CHANGELOG.md');
  writeFileSync(file, CHANGELOG);

  it('prints the notes of a tag', () => {
    const r = run('v1.1.0', file);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '- First.\n', '']);
  });

  it('fails with one line for a bad tag or a missing section', () => {
    const bad = run('1.1.0', file);
    expect([bad.status, bad.stdout, bad.stderr]).toEqual([
      1,
      '',
      'release-notes: "1.1.0" is not a release tag: want vX.Y.Z, such as v1.2.3\n',
    ]);
    const missing = run('v9.9.9', file);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^release-notes: CHANGELOG\.md has no section "## \[9\.9\.9\] - YYYY-MM-DD"/);
  });

  it("reads the repository's CHANGELOG.md by default, which has an Unreleased section", () => {
    const r = run('v0.0.0');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('[Unreleased]');
  });
});
