#!/usr/bin/env node
// The notes of a GitHub release: the section of CHANGELOG.md (Keep a Changelog) for the version a
// release tag names. Used by .github/workflows/release.yml.
// Usage: node scripts/release-notes.mjs vX.Y.Z [CHANGELOG.md]   prints the section's body
// Fails (exit 1, one line on stderr) for a tag that is not vX.Y.Z, or a version without a section
// or with an empty one: a release is cut only after its notes are written.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** X.Y.Z of a release tag `vX.Y.Z`; throws for anything else. */
export function versionOfTag(tag) {
  const m = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(tag);
  if (!m) throw new Error(`${JSON.stringify(tag)} is not a release tag: want vX.Y.Z, such as v1.2.3`);
  return `${m[1]}.${m[2]}.${m[3]}`;
}

/**
 * The body of the `## [X.Y.Z]` (or `## X.Y.Z`) section, up to the next `## ` heading, without the
 * link reference definitions (`[1.0.0]: URL`) that end the file; trimmed. Throws when the section
 * is missing or empty.
 */
export function releaseNotes(changelog, version) {
  const lines = changelog.replace(/\r\n?/g, '\n').split('\n');
  const escaped = version.replace(/\./g, '\\.');
  const heading = new RegExp(`^## (\\[${escaped}\\]|${escaped})( +- +\\d{4}-\\d{2}-\\d{2})?\\s*$`);
  const start = lines.findIndex((l) => heading.test(l));
  if (start === -1) {
    const found = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3).trim());
    throw new Error(
      `CHANGELOG.md has no section "## [${version}] - YYYY-MM-DD" (sections: ${found.join('; ') || 'none'}): ` +
        'rename Unreleased to the version before tagging',
    );
  }
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  if (end === -1) end = lines.length;
  const body = lines
    .slice(start + 1, end)
    .filter((l) => !/^\[[^\]]+\]: \S+$/.test(l))
    .join('\n')
    .trim();
  if (!body) throw new Error(`CHANGELOG.md's section for ${version} is empty`);
  return body;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [tag, file = fileURLToPath(new URL('../CHANGELOG.md', import.meta.url))] = process.argv.slice(2);
  try {
    process.stdout.write(`${releaseNotes(readFileSync(file, 'utf8'), versionOfTag(tag ?? ''))}\n`);
  } catch (e) {
    console.error(`release-notes: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
