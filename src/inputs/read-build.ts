// targets, exclude-targets, package, binary-name, project-name, artifact-name, checksum-name, output-dir, the go build settings
// (ldflags, tags, build-flags, env, cgo and its compiler, reproducible), parallel, fail-fast and what
// is published (archive, archive-files, sbom, allow-dirty, sign) → what a cross-build is asked to do.
import { InputError } from '../errors.js';
import { SBOM_MODES } from '../artifacts/sbom.js';
import {
  CHECKSUM_FIELDS,
  DEFAULT_ARTIFACT_NAME,
  DEFAULT_CHECKSUM_NAME,
  NAME_PRESETS,
  templateProblem,
  type ArchiveMode,
} from '../gobuild/artifact-names.js';
import type { BuildSpec } from '../gobuild/build-spec.js';
import { PACKAGE_ALLOWED } from '../gobuild/package-dirs.js';
import { flagName, parsePerPackage, PER_PACKAGE_FLAGS, splitQuotedFields } from '../gobuild/go-flags.js';
import { parseEnvRules, splitTags, unknownPlaceholders, type BuildSettings } from '../gobuild/settings.js';
import { parseTargetList, splitList, TARGETS_ALLOWED, validPattern } from '../targets/target.js';
import { readAutoBoolean, readBoolean, readOutputDir, type InputSource } from './input-source.js';
import { readCgo } from './read-cgo.js';
import { readSign } from './read-sign.js';
import { maskUrls } from './url.js';

const PLACEHOLDERS_ALLOWED = '{version}, {tag}, {commit} and {date}';
const LDFLAGS_ALLOWED =
  "the -ldflags value as go build takes it, such as -s -w -X 'main.note=a b' (or all=-s -w): words separated by spaces, a word with spaces wrapped in ' or \" with no escapes";
const BUILD_FLAGS_ALLOWED =
  "go build flags as go splits GOFLAGS, such as -v '-gcflags=all=-N -l' (or -gcflags 'all=-N -l'): words separated by spaces, a word with spaces wrapped whole in ' or \" with no escapes";
const ARCHIVE_MODES: readonly ArchiveMode[] = ['none', 'auto', 'tar.gz', 'zip'];

export function readBuildSpec(src: InputSource, workingDirectory: string): BuildSpec {
  const { targets, exclude } = readTargets(src);
  const { packages, binaryName, projectName, artifactName, checksumName } = readNames(src);
  const { outputDir } = readOutputDir(src, workingDirectory);
  const settings = readSettings(src);
  const cgo = readCgo(src, settings.cgo, settings.env);
  const reproducible = settings.trimpath;
  const failFast = readBoolean(src, 'fail-fast', false);
  const parallel = readParallel(src);
  const { archive, archiveFiles, sbom } = readPublished(src);
  const allowDirty = readAutoBoolean(src, 'allow-dirty');
  const sign = readSign(src);
  return {
    targets,
    exclude,
    packages,
    binaryName,
    projectName,
    artifactName,
    checksumName,
    outputDir,
    settings,
    reproducible,
    parallel,
    failFast,
    archive,
    archiveFiles,
    sbom,
    allowDirty,
    cgo,
    ...(sign ? { sign } : {}),
  };
}

function readTargets(src: InputSource): Pick<BuildSpec, 'targets' | 'exclude'> {
  const text = src.get('targets');
  const targets = parseTargetList(text);
  if ('problem' in targets) throw new InputError('targets', text.trim(), targets.problem, TARGETS_ALLOWED);
  const excludeText = src.get('exclude-targets');
  const exclude = splitList(excludeText);
  const badPattern = exclude.find((p) => !validPattern(p));
  if (badPattern)
    throw new InputError(
      'exclude-targets',
      excludeText.trim(),
      `"${badPattern}" is not a target pattern`,
      'patterns such as windows/*, */386, linux/arm/6, separated by commas or lines',
    );
  return { targets, exclude };
}

const FILE_NAME = /^[\w.+-]+$/;
const FILE_NAME_ALLOWED = 'letters, digits, . _ + - (not . or ..)';

function readNames(src: InputSource): Pick<BuildSpec, 'packages' | 'binaryName' | 'projectName' | 'artifactName' | 'checksumName'> {
  const packageText = src.get('package');
  const packages = splitList(packageText || '.');
  const badPkg = packages.find((p) => p.startsWith('-') || /\s/.test(p));
  if (badPkg) throw new InputError('package', packageText.trim(), `"${badPkg}" is not a package path`, PACKAGE_ALLOWED);
  const binaryName = src.get('binary-name').trim() || undefined;
  if (binaryName && (!FILE_NAME.test(binaryName) || /^\.+$/.test(binaryName)))
    throw new InputError('binary-name', binaryName, 'not a plain file name', FILE_NAME_ALLOWED);
  if (binaryName && packages.length > 1)
    throw new InputError(
      'binary-name',
      binaryName,
      `one name cannot serve ${packages.length} packages`,
      'leave binary-name empty: each package is named after its last path element',
    );
  const projectName = src.get('project-name').trim() || undefined;
  if (projectName && (!FILE_NAME.test(projectName) || /^\.+$/.test(projectName)))
    throw new InputError('project-name', projectName, 'not a plain file name', FILE_NAME_ALLOWED);
  // A preset stands for its template from here on: errors and the plan show the template.
  const nameText = src.get('artifact-name').trim() || DEFAULT_ARTIFACT_NAME;
  const artifactName = NAME_PRESETS[nameText] ?? nameText;
  const templateIssue = templateProblem(artifactName);
  if (templateIssue)
    throw new InputError(
      'artifact-name',
      artifactName,
      templateIssue.problem,
      `a template such as ${DEFAULT_ARTIFACT_NAME}, or a preset: ${Object.keys(NAME_PRESETS).join(', ')}`,
    );
  const checksumName = src.get('checksum-name').trim() || DEFAULT_CHECKSUM_NAME;
  const checksumIssue = templateProblem(checksumName, CHECKSUM_FIELDS);
  if (checksumIssue)
    throw new InputError('checksum-name', checksumName, checksumIssue.problem, 'a file name such as {name}_{version}_checksums.txt');
  return { packages, binaryName, projectName, artifactName, checksumName };
}

/** What goes on every `go build` command line and into its environment. */
function readSettings(src: InputSource): BuildSettings {
  const ldflags = src.get('ldflags').trim();
  const badLd = unknownPlaceholders(ldflags);
  if (badLd.length) throw new InputError('ldflags', ldflags, `unknown placeholder {${badLd[0]}}`, PLACEHOLDERS_ALLOWED);
  // Passed as the one argument -ldflags=VALUE, which go splits itself: what it refuses fails here, not after a download.
  const ldSplit = parsePerPackage(ldflags);
  if ('problem' in ldSplit) throw new InputError('ldflags', ldflags, ldSplit.problem, LDFLAGS_ALLOWED);

  const tagsText = src.get('tags');
  const tags = splitTags(tagsText);
  const badTag = tags.find((t) => !/^[\w.]+$/.test(t));
  if (badTag)
    throw new InputError(
      'tags',
      tagsText.trim(),
      `"${badTag}" is not a build tag`,
      'build tags (letters, digits, _ and .) separated by commas or spaces',
    );

  const buildFlags = readBuildFlags(src);
  const envText = src.get('env');
  const env = parseEnvRules(envText);
  // Only the offending line is quoted: the others may carry tokens (GOPROXY=https://user:TOKEN@…).
  if ('problem' in env)
    throw new InputError(
      'env',
      maskUrls(env.line),
      maskUrls(env.problem),
      'lines KEY=VALUE, or goos/goarch: KEY=VALUE for one target (patterns such as windows/* allowed)',
    );
  const cgo = readBoolean(src, 'cgo', false);
  const trimpath = readBoolean(src, 'reproducible', true);
  return { ldflags, tags, buildFlags, env, cgo, trimpath };
}

function readBuildFlags(src: InputSource): string[] {
  const text = src.get('build-flags');
  const refuse = (problem: string, allowed = BUILD_FLAGS_ALLOWED) => new InputError('build-flags', text.trim(), problem, allowed);
  const fields = splitQuotedFields(text);
  if ('problem' in fields) throw refuse(fields.problem);
  const badPlaceholder = unknownPlaceholders(text);
  if (badPlaceholder.length) throw refuse(`unknown placeholder {${badPlaceholder[0]}}`, PLACEHOLDERS_ALLOWED);
  // Go counts a quote only where a word starts: -mod='readonly' would reach go build with its quotes.
  const stray = fields.find((f) => !f.quoted && /['"]/.test(f.text));
  if (stray) throw refuse(`${stray.text} has a quote inside a word, which go keeps as a character: quote the whole word instead`);
  const flags = fields.map((f) => f.text);
  // A flag's value may be the next word (-gcflags 'all=-N -l'): only the first word must be a flag.
  if (flags[0] !== undefined && !flags[0].startsWith('-'))
    throw refuse(`"${flags[0]}" is not a flag`, 'go build flags only; packages go in the package input');
  const owned = flags.find((f) => /^--?(o|ldflags|tags|trimpath)(=|$)/.test(f));
  if (owned)
    throw refuse(`${owned} is set by the action`, 'other go build flags; use output-dir/artifact-name, ldflags, tags, reproducible');
  // go takes -C only as its very first argument, and `build -o …` comes before these flags.
  const chdir = flags.find((f) => flagName(f) === 'C');
  if (chdir)
    throw refuse(
      `${chdir} must be the first argument of go, and the action's own arguments come before build-flags`,
      'other go build flags; working-directory names the module directory',
    );
  // go splits these flags' values again, per package: judged as it will judge them.
  for (const [i, f] of flags.entries()) {
    if (!(PER_PACKAGE_FLAGS as readonly string[]).includes(flagName(f) ?? '')) continue;
    const eq = f.indexOf('=');
    const [flag, value] = eq < 0 ? [f, flags[i + 1]] : [f.slice(0, eq), f.slice(eq + 1)];
    if (value === undefined) throw refuse(`${flag} has no value`);
    const parsed = parsePerPackage(value);
    if ('problem' in parsed) throw refuse(`the value of ${flag}: ${parsed.problem}`);
  }
  return flags;
}

function readParallel(src: InputSource): number {
  const text = src.get('parallel').trim();
  // Decimal digits only: Number() would also take 0x10 and 1e1.
  const parallel = !text ? src.cpus : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 256)
    throw new InputError(
      'parallel',
      text,
      'not a whole number from 1 to 256',
      `a number of concurrent builds (default: ${src.cpus}, the logical CPUs)`,
    );
  return parallel;
}

function readPublished(src: InputSource): Pick<BuildSpec, 'archive' | 'archiveFiles' | 'sbom'> {
  // auto by default: an archive keeps the binary's mode through upload-artifact, which drops it.
  const archiveText = src.get('archive').trim() || 'auto';
  const archive = ARCHIVE_MODES.find((m) => m === archiveText);
  if (!archive)
    throw new InputError('archive', archiveText, 'unknown archive format', 'auto (zip for windows, tar.gz otherwise), tar.gz, zip, none');
  const archiveFiles = splitList(src.get('archive-files'));
  if (archiveFiles.length && archive === 'none')
    throw new InputError(
      'archive-files',
      archiveFiles.join(', '),
      'archive is none, so there is no archive to put them in',
      'archive: auto, tar.gz or zip with archive-files (or no archive-files)',
    );
  const sbomText = src.get('sbom').trim() || 'none';
  const sbom = SBOM_MODES.find((m) => m === sbomText);
  if (!sbom) throw new InputError('sbom', sbomText, 'unknown SBOM format', 'none, spdx (SPDX 2.3 JSON) or cyclonedx (CycloneDX 1.6 JSON)');
  return { archive, archiveFiles, sbom };
}
