// Build inputs → the concrete targets and named packages, with errors that name the input. Shared
// by build mode and plan mode, so that a plan accepts exactly what its shards will build.
import { join } from 'node:path';
import { artifactFileName, archiveFormat, duplicateNames, unusableNames } from '../artifacts.js';
import { InputError } from '../errors.js';
import { readTextFile } from '../files.js';
import { TARGETS_ALLOWED, type BuildInputs } from '../inputs.js';
import { resolveTargets, targetId, type Port, type Target } from '../targets.js';
import { binaryNameOf, modulePath } from './packages.js';

/** Presets expanded against the toolchain's ports, exclusions applied, every target checked. */
export function expandTargets(b: BuildInputs, ports: Port[], goVersion: string): Target[] {
  const targets = resolveTargets(b.targets, b.exclude, ports, b.settings.cgo, goVersion);
  if ('problem' in targets) throw new InputError('targets', b.targetsText, targets.problem, TARGETS_ALLOWED);
  if (targets.length === 0)
    throw new InputError('exclude-targets', b.exclude.join(', '), 'it excludes every target', 'patterns that leave at least one target');
  return targets;
}

/** Each main package with its binary name: binary-name, else derived from the package (and go.mod). */
export function namePackages(b: BuildInputs, workingDirectory: string): { pkg: string; name: string }[] {
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
 * Artifact names across targets × packages that cannot be written, or are used twice: a plan's
 * early look at what shards would hit.
 */
export function namingError(b: BuildInputs, targets: Target[], packages: { pkg: string; name: string }[]): InputError | undefined {
  const names = targets.flatMap((t) =>
    packages.map(({ pkg, name }) => ({
      name: artifactFileName(b.artifactName, name, t, archiveFormat(b.archive, t.goos)),
      who: packages.length > 1 ? `${targetId(t)} ${pkg}` : targetId(t),
    })),
  );
  const unusable = unusableNames(names);
  if (unusable.length) return unusableNameError(unusable, b.artifactName);
  const duplicates = duplicateNames(names);
  return duplicates.length ? collisionError(duplicates, b.artifactName) : undefined;
}
