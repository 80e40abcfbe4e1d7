// The binaries' and artifacts' names across targets × packages, with errors that name the input.
// Shared by build mode and plan mode, so that a plan refuses what its shards could not write.
import { join } from 'node:path';
import { artifactFileName, archiveFormat, duplicateNames, unusableNames, type NameStamp } from './artifact-names.js';
import { InputError } from '../errors.js';
import { readTextFile } from '../lib/files.js';
import { targetId, type Target } from '../targets/target.js';
import { binaryNameOf, modulePath } from './packages.js';
import type { BuildSpec } from './build-spec.js';

/** Each main package with its binary name: binary-name, else derived from the package (and go.mod). */
export function namePackages(b: BuildSpec, workingDirectory: string): { pkg: string; name: string }[] {
  const goMod = join(workingDirectory, 'go.mod');
  const text = readTextFile(goMod);
  const module = text === undefined ? undefined : modulePath(text);
  return b.packages.map((pkg) => {
    const name = b.binaryName ?? binaryNameOf(pkg, module);
    if (!name)
      throw new InputError(
        'binary-name',
        '',
        `no name can be derived for package ${pkg} (no module path in ${goMod})`,
        'a file name for the binary',
      );
    return { pkg, name };
  });
}

/** Two builds would write the same artifact name (`duplicates` as duplicateNames lists them). */
export function collisionError(duplicates: string[], template: string): InputError {
  return new InputError(
    'artifact-name',
    template,
    `artifact names collide: ${duplicates.join('; ')}`,
    'a template that includes {goos}, {goarch} and {variant} (and {name} for several packages)',
  );
}

/** Rendered artifact names that are not plain file names (`unusable` as unusableNames lists them). */
export function unusableNameError(unusable: string[], template: string): InputError {
  return new InputError(
    'artifact-name',
    template,
    `it renders names that are not a plain file name: ${unusable.join('; ')}`,
    'a template whose every name is a file name of its own, such as {name}-{goos}-{goarch}{variant}{ext}',
  );
}

/**
 * Artifact names across targets × packages that cannot be written, or are used twice: checked once
 * the targets are known, before anything is built (in plan mode, before any shard runs).
 */
export function namingError(
  b: BuildSpec,
  targets: Target[],
  packages: { pkg: string; name: string }[],
  stamp: NameStamp,
): InputError | undefined {
  const names = targets.flatMap((t) =>
    packages.map(({ pkg, name }) => ({
      name: artifactFileName(b.artifactName, name, t, archiveFormat(b.archive, t.goos), stamp),
      who: packages.length > 1 ? `${targetId(t)} ${pkg}` : targetId(t),
    })),
  );
  const unusable = unusableNames(names);
  if (unusable.length) return unusableNameError(unusable, b.artifactName);
  const duplicates = duplicateNames(names);
  return duplicates.length ? collisionError(duplicates, b.artifactName) : undefined;
}
