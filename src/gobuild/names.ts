// The binaries' and artifacts' names across targets × packages, with problems that name the input.
// Shared by build mode and plan mode, so that a plan refuses what its shards could not write.
import { join } from 'node:path';
import { artifactFileName, archiveFormat, duplicateNames, renderChecksumName, unusableNames, type NameStamp } from './artifact-names.js';
import type { InputProblem } from '../lib/problem.js';
import { readTextFile } from '../lib/files.js';
import { targetId, type Target } from '../targets/target.js';
import { binaryNameOf, modulePath } from './packages.js';
import type { BuildSpec } from './build-spec.js';

/** Each main package with its binary name: binary-name, else derived from the package (and go.mod). */
export function namePackages(b: BuildSpec, workingDirectory: string): NamedPackage[] | InputProblem {
  const goMod = join(workingDirectory, 'go.mod');
  const text = readTextFile(goMod);
  const module = text === undefined ? undefined : modulePath(text);
  const named: NamedPackage[] = [];
  for (const pkg of b.packages) {
    const name = b.binaryName ?? binaryNameOf(pkg, module);
    if (!name)
      return {
        input: 'binary-name',
        value: '',
        problem: `no name can be derived for package ${pkg} (no module path in ${goMod})`,
        allowed: 'a file name for the binary',
      };
    named.push({ pkg, name });
  }
  return named;
}

/** A main package and the name of its binary. */
export interface NamedPackage {
  pkg: string;
  name: string;
}

/** The project's name, `{name}` in checksum-name: the first package's binary. */
export function projectName(packages: NamedPackage[]): string {
  return packages[0].name;
}

/** The checksum file's name: checksum-name rendered for the project and the build's stamp. */
export function checksumsName(b: BuildSpec, packages: NamedPackage[], stamp: NameStamp): string {
  return renderChecksumName(b.checksumName, projectName(packages), stamp);
}

/** A rendered checksum file name that is no plain file of its own: empty, dots, the manifest's or an artifact's. */
function checksumNameProblem(b: BuildSpec, rendered: string, artifacts: { name: string; who: string }[]): InputProblem | undefined {
  const clash = artifacts.find((a) => a.name === rendered);
  const problem = unusableNames([{ name: rendered, who: '' }]).length
    ? 'not a plain file name, or the name of artifacts.json'
    : clash && `the name of the artifact of ${clash.who}`;
  return problem
    ? {
        input: 'checksum-name',
        value: b.checksumName,
        problem: `it renders ${JSON.stringify(rendered)}: ${problem}`,
        allowed: 'a file name no artifact takes, such as {name}_{version}_checksums.txt',
      }
    : undefined;
}

/** Two builds would write the same artifact name (`duplicates` as duplicateNames lists them). */
function collisionProblem(duplicates: string[], template: string): InputProblem {
  return {
    input: 'artifact-name',
    value: template,
    problem: `artifact names collide: ${duplicates.join('; ')}`,
    allowed: 'a template that includes {goos}, {goarch} and {variant} (and {name} for several packages)',
  };
}

/** Rendered artifact names that are not plain file names (`unusable` as unusableNames lists them). */
function unusableNameProblem(unusable: string[], template: string): InputProblem {
  return {
    input: 'artifact-name',
    value: template,
    problem: `it renders names that are not a plain file name: ${unusable.join('; ')}`,
    allowed: 'a template whose every name is a file name of its own, such as {name}-{goos}-{goarch}{variant}{ext}',
  };
}

/**
 * Artifact names across targets × packages that cannot be written, or are used twice, and the
 * checksum file's name beside them: checked once the targets are known, before anything is built
 * (in plan mode, before any shard runs).
 */
export function namingProblem(b: BuildSpec, targets: Target[], packages: NamedPackage[], stamp: NameStamp): InputProblem | undefined {
  const names = targets.flatMap((t) =>
    packages.map(({ pkg, name }) => ({
      name: artifactFileName(b.artifactName, name, t, archiveFormat(b.archive, t.goos), stamp),
      who: packages.length > 1 ? `${targetId(t)} ${pkg}` : targetId(t),
    })),
  );
  const unusable = unusableNames(names);
  if (unusable.length) return unusableNameProblem(unusable, b.artifactName);
  const duplicates = duplicateNames(names);
  if (duplicates.length) return collisionProblem(duplicates, b.artifactName);
  return checksumNameProblem(b, checksumsName(b, packages, stamp), names);
}
