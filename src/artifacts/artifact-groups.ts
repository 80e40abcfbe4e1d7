// Built binaries → the artifacts they make. Tasks give every binary of a target one archive name
// (tasks.ts), so binaries that share an artifact name share an archive; a bare binary is its own
// artifact. Pure.
import { basename } from 'node:path';
import type { ArchiveFile } from '../gobuild/archive-files.js';
import type { ArchiveFormat } from '../gobuild/artifact-names.js';
import { targetId, type Target } from '../targets/target.js';

/** What grouping reads of a built binary (publish.ts's Built). */
export interface Groupable {
  target: Target;
  binary: string;
  artifact: string;
  archive: ArchiveFormat | null;
  files: ArchiveFile[];
}

/** One artifact: a bare binary, or an archive of its target's binaries and archive-files. */
export interface ArtifactGroup<B extends Groupable> {
  artifact: string;
  target: Target;
  archive: ArchiveFormat | null;
  files: ArchiveFile[];
  /** In the order built: an archive's entries follow it. */
  builds: B[];
}

/** The artifacts in the order their first binary comes; a name two targets (or two bare binaries) share is a bug upstream. */
export function groupBuilt<B extends Groupable>(built: B[]): ArtifactGroup<B>[] {
  const groups = new Map<string, ArtifactGroup<B>>();
  for (const b of built) {
    const group = groups.get(b.artifact);
    if (!group) groups.set(b.artifact, { artifact: b.artifact, target: b.target, archive: b.archive, files: b.files, builds: [b] });
    else if (group.archive && b.archive === group.archive && targetId(b.target) === targetId(group.target)) group.builds.push(b);
    else
      throw new Error(
        `${b.artifact} would be written twice (${targetId(group.target)}, ${targetId(b.target)}): names are checked before building`,
      );
  }
  return [...groups.values()];
}

/**
 * What artifacts.json lists as an artifact's binaries: an archive's binary entries, or the bare
 * binary's own file name (the artifact's).
 */
export function binaryNames(group: ArtifactGroup<Groupable>): string[] {
  return group.archive ? group.builds.map((b) => basename(b.binary)) : [group.artifact];
}
