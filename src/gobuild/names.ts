// The binaries' and artifacts' names across targets × packages, with problems that name the input.
// Shared by build mode and plan mode, so that a plan refuses what its shards could not write.
import { join } from 'node:path';
import { artifactFileName, archiveFormat, duplicateNames, renderChecksumName, unusableNames, type NameStamp } from './artifact-names.js';
import type { InputProblem } from '../lib/problem.js';
import { readTextFile } from '../lib/files.js';
import { targetId, type Target } from '../targets/target.js';
import { binaryNameOf, modulePath } from './packages.js';
import type { BuildSpec } from './build-spec.js';

/** The module path of working-directory's go.mod, and where it was looked for. */
function moduleOf(workingDirectory: string): { goMod: string; module: string | undefined } {
  const goMod = join(workingDirectory, 'go.mod');
  const text = readTextFile(goMod);
  return { goMod, module: text === undefined ? undefined : modulePath(text) };
}

/**
 * Each main package with its binary name: binary-name, else derived from the package (and go.mod).
 * Two packages may not take one name: their binaries would overwrite each other in an archive.
 */
export function namePackages(b: BuildSpec, workingDirectory: string): NamedPackage[] | InputProblem {
  const { goMod, module } = moduleOf(workingDirectory);
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
  return binaryNameClash(named, b.packages) ?? named;
}

/** Packages whose binaries take one name (./cmd/tool and ./tools/tool), as a problem of `package`. Pure. */
export function binaryNameClash(named: NamedPackage[], packages: string[]): InputProblem | undefined {
  const clashes = duplicateNames(named.map((n) => ({ name: n.name, who: n.pkg })));
  if (!clashes.length) return undefined;
  return {
    input: 'package',
    value: packages.join(', '),
    problem: `two packages build a binary of one name: ${clashes.join('; ')}`,
    allowed: 'main packages whose last path elements differ (go build names each binary after it)',
  };
}

/**
 * What `{name}` renders in an archive's name and in checksum-name: project-name; else the one
 * binary's name; else, for several binaries, the module path's last element without its /vN suffix
 * (go.mod's `example.com/relay/v2` → `relay`). Bare binaries keep their own names.
 */
export function nameProject(b: BuildSpec, workingDirectory: string, packages: NamedPackage[] | InputProblem): string | InputProblem {
  if (b.projectName) return b.projectName;
  if ('problem' in packages) return packages;
  if (packages.length === 1) return packages[0].name;
  const { goMod, module } = moduleOf(workingDirectory);
  const name = module && binaryNameOf(module, undefined);
  if (name) return name;
  // Bare binaries are named after themselves: only checksum-name's {name} reads this, as the first binary.
  if (b.archive === 'none') return packages[0].name;
  return {
    input: 'project-name',
    value: '',
    problem: `no name can be derived for the archives and checksum file of ${packages.length} packages (no module path in ${goMod})`,
    allowed: 'a file name for the archives and checksum file, such as the project name',
  };
}

/** A main package and the name of its binary. */
export interface NamedPackage {
  pkg: string;
  name: string;
}

/** The checksum file's name: checksum-name rendered for the project (nameProject) and the build's stamp. */
export function checksumsName(b: BuildSpec, project: string, stamp: NameStamp): string {
  return renderChecksumName(b.checksumName, project, stamp);
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
 * (in plan mode, before any shard runs). An archive holds every binary of its target, and is named
 * after `project`; a bare binary after itself.
 */
export function namingProblem(
  b: BuildSpec,
  targets: Target[],
  packages: NamedPackage[],
  project: string,
  stamp: NameStamp,
): InputProblem | undefined {
  const names = targets.flatMap((t) => {
    const format = archiveFormat(b.archive, t.goos);
    if (format) return [{ name: artifactFileName(b.artifactName, project, t, format, stamp), who: targetId(t) }];
    return packages.map(({ pkg, name }) => ({
      name: artifactFileName(b.artifactName, name, t, null, stamp),
      who: packages.length > 1 ? `${targetId(t)} ${pkg}` : targetId(t),
    }));
  });
  const unusable = unusableNames(names);
  if (unusable.length) return unusableNameProblem(unusable, b.artifactName);
  const duplicates = duplicateNames(names);
  if (duplicates.length) return collisionProblem(duplicates, b.artifactName);
  return checksumNameProblem(b, checksumsName(b, project, stamp), names);
}
