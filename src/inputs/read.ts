// Every input read and validated into one typed object, before anything is downloaded or written.
import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_ARTIFACT_NAME, templateProblem, type ArchiveMode } from '../gobuild/artifact-names.js';
import { SBOM_MODES } from '../artifacts/sbom.js';
import type { SbomMode } from '../gobuild/build-spec.js';
import type { GenerateMode } from '../gobuild/generate.js';
import { parseEnvRules, splitArgs, splitTags, unknownPlaceholders } from '../gobuild/settings.js';
import { InputError } from '../errors.js';
import { isWithin } from '../lib/files.js';
import type { MirrorAuth } from '../lib/http.js';
import { ignoredInputs, type Mode } from './table.js';
import { checkBaseUrl, maskUrls } from './url.js';
import { readCgo } from './cgo.js';
import { parseRunnerRules, RUNS_ON_ALLOWED } from '../shards/runners.js';
import { parseTargetList, splitList, TARGETS_ALLOWED, validPattern, type Target } from '../targets/target.js';
import { parsePins } from '../toolchain/pins.js';
import type { ToolchainSpec } from '../toolchain/toolchain-spec.js';
import type { BuildSpec, GenerateSpec } from '../gobuild/build-spec.js';
import type { CacheSettings } from '../cache/select.js';
import type { ShardSpec } from '../shards/shard-spec.js';
import type { MergeSpec } from '../artifacts/merge-spec.js';
import { ARCHITECTURE_NAMES, goarchOf, type Platform } from '../toolchain/platform.js';
import { readVersionFile } from '../toolchain/version-file.js';
import { isProblem, parseVersionSpec, type VersionSpec } from '../toolchain/version.js';

export const DEFAULT_BASE_URL = 'https://go.dev/dl';

export interface Inputs extends ToolchainSpec {
  mode: 'setup' | 'build' | 'plan';
  /** Set in build and plan mode: the cross-build (plan validates it for the shards). */
  build?: BuildSpec;
  generate: GenerateSpec;
  cache: CacheSettings;
  /** Set in plan mode. */
  plan?: ShardSpec;
  /** Register problem matchers for later go build, vet and test output. */
  problemMatchers: boolean;
  warnings: string[];
}

/**
 * Setup mode with neither go-version nor go-version-file: the job's own `go` on PATH is used, as
 * setup-go uses it, unverified. Nothing here pins a toolchain, so there is no ToolchainSpec.
 */
export interface PathGoInputs {
  mode: 'setup';
  goOnPath: true;
  workingDirectory: string;
  generate: GenerateSpec;
  cache: CacheSettings;
  problemMatchers: boolean;
  warnings: string[];
}

export interface MergeInputs extends MergeSpec {
  mode: 'merge';
  warnings: string[];
}

export interface InputSource {
  /** The raw input, '' when unset (as @actions/core reads INPUT_*). */
  get(name: string): string;
  env: Record<string, string | undefined>;
  cwd: string;
  host: Platform;
  /** Reads a text file; undefined when it does not exist or is not a file. */
  readText(path: string): string | undefined;
  isDirectory(path: string): boolean;
  /** Logical CPUs: the default of `parallel`. */
  cpus: number;
}

export function readInputs(src: InputSource): Inputs | PathGoInputs | MergeInputs {
  const warnings: string[] = [];
  const targetsText = src.get('targets');
  const mode = readMode(src, targetsText.trim() !== '');
  warnings.push(...ignoredInputs(mode, (name) => src.get(name).trim() !== ''));
  if (mode === 'merge') return { ...readMergeInputs(src, targetsText), warnings };
  const version = src.get('go-version').trim();
  const versionFile = src.get('go-version-file').trim();
  if (!version && !versionFile) {
    // Only setup mode falls back to the Go on PATH: a build, and a plan for shards, are made with
    // a pinned, verified toolchain or not at all.
    if (mode !== 'setup')
      throw new InputError(
        'go-version',
        '',
        `${mode} mode needs a pinned toolchain, and neither go-version nor go-version-file is set (only setup mode uses the Go on PATH instead)`,
        VERSION_INPUTS_ALLOWED,
      );
    return readPathGoInputs(src, warnings);
  }
  let spec: VersionSpec;
  let specInput: Inputs['specInput'];
  let specValue: string;
  if (version) {
    if (versionFile) warnings.push(`Both go-version (${version}) and go-version-file (${versionFile}) are set; using go-version.`);
    const parsed = parseVersionSpec(version);
    if (isProblem(parsed)) throw new InputError('go-version', version, parsed.problem, VERSION_ALLOWED);
    [spec, specInput, specValue] = [parsed, 'go-version', version];
  } else {
    const path = resolve(src.cwd, versionFile);
    if (!isWithin(src.cwd, path))
      throw new InputError(
        'go-version-file',
        versionFile,
        `it is outside the workspace (${src.cwd})`,
        'a path, relative to the workspace, of go.mod, go.work, .go-version or .tool-versions',
      );
    const text = src.readText(path);
    if (text === undefined) {
      throw new InputError(
        'go-version-file',
        versionFile,
        `no such file (looked at ${path})`,
        'a path, relative to the workspace, of go.mod, go.work, .go-version or .tool-versions',
      );
    }
    const found = readVersionFile(path, text, src.env.GOTOOLCHAIN === 'local');
    if ('problem' in found) throw new InputError('go-version-file', versionFile, found.problem, VERSION_FILE_ALLOWED);
    const parsed = parseVersionSpec(found.spec);
    if (isProblem(parsed)) {
      throw new InputError('go-version-file', versionFile, `"${found.line}": ${parsed.problem}`, VERSION_FILE_ALLOWED);
    }
    [spec, specInput, specValue] = [parsed, 'go-version-file', `${versionFile} (${found.line})`];
  }

  const pinsText = src.get('go-sha256');
  const pins = parsePins(pinsText);
  if ('problem' in pins)
    throw new InputError(
      'go-sha256',
      pinsText.trim(),
      pins.problem,
      'one SHA-256 (64 hex digits), or lines "HASH  FILENAME" as sha256sum prints them; and lines "golang.org/toolchain v0.0.1-go1.24.4.linux-amd64 h1:HASH" as go.sum and sum.golang.org print them, for a Go tree already in the tool cache',
    );

  const baseUrl = readBaseUrl(src);
  const auth = readToken(src, baseUrl, warnings);
  const checkLatest = readBoolean(src, 'check-latest', false);

  const arch = src.get('architecture').trim();
  let platform = src.host;
  if (arch) {
    const goarch = goarchOf(arch);
    if (!goarch) throw new InputError('architecture', arch, 'unknown architecture', ARCHITECTURE_NAMES.join(', '));
    platform = { goos: src.host.goos, goarch };
  }

  const workingDirectory = readWorkingDirectory(src);
  const build = mode === 'setup' ? undefined : readBuildSpec(src, workingDirectory, targetsText);
  const generate = readGenerate(src, build !== undefined);
  const cache = readCache(src);
  const plan = mode === 'plan' && build ? readShardSpec(src, build) : undefined;
  const problemMatchers = readBoolean(src, 'problem-matchers', true);
  return {
    mode,
    spec,
    specInput,
    specValue,
    pins,
    baseUrl,
    auth,
    checkLatest,
    platform,
    workingDirectory,
    build,
    generate,
    cache,
    plan,
    problemMatchers,
    warnings,
  };
}

/**
 * Setup mode without a version: the Go on PATH. A go-sha256 pin asks for verification that cannot
 * happen, so it is refused; the inputs that only steer a download are ignored, with a warning.
 */
function readPathGoInputs(src: InputSource, warnings: string[]): PathGoInputs {
  const pinsText = src.get('go-sha256').trim();
  if (pinsText)
    throw new InputError(
      'go-sha256',
      pinsText,
      'it pins an archive, but neither go-version nor go-version-file is set, so nothing would be downloaded and checked against it',
      `${VERSION_INPUTS_ALLOWED} beside it`,
    );
  const unused = ['go-download-base-url', 'token', 'architecture'].filter((name) => src.get(name).trim() !== '');
  if (readBoolean(src, 'check-latest', false)) unused.push('check-latest');
  if (unused.length)
    warnings.push(
      `${unused.join(', ')} ${unused.length > 1 ? 'are' : 'is'} ignored: neither go-version nor go-version-file is set, so the Go on PATH is used.`,
    );
  const workingDirectory = readWorkingDirectory(src);
  return {
    mode: 'setup',
    goOnPath: true,
    workingDirectory,
    generate: readGenerate(src, false),
    cache: readCache(src),
    problemMatchers: readBoolean(src, 'problem-matchers', true),
    warnings,
  };
}

function readCache(src: InputSource): CacheSettings {
  return {
    enabled: readBoolean(src, 'cache', true),
    readOnly: readAutoBoolean(src, 'cache-read-only'),
    onRelease: readBoolean(src, 'cache-on-release', false),
    dependencyPath: splitList(src.get('cache-dependency-path').replace(/\n/g, ',')),
  };
}

const MODES = ['auto', 'setup', 'build', 'plan', 'merge'];
const MODES_ALLOWED =
  "auto (build with targets, else setup), setup (install Go only), build, plan (matrix and toolchain for shards), merge (shards' outputs into one set)";

/** `auto` is build when targets are set, else setup; the explicit modes check that targets fit. */
function readMode(src: InputSource, hasTargets: boolean): Mode {
  const raw = src.get('mode').trim() || 'auto';
  if (!MODES.includes(raw)) throw new InputError('mode', raw, 'unknown mode', MODES_ALLOWED);
  if (raw === 'auto') return hasTargets ? 'build' : 'setup';
  if (raw === 'setup' && hasTargets)
    throw new InputError(
      'mode',
      raw,
      'setup installs Go only, but targets is set',
      'mode: build (or auto) to build the targets, or no targets',
    );
  if ((raw === 'build' || raw === 'plan') && !hasTargets)
    throw new InputError('targets', '', `mode: ${raw} needs targets`, TARGETS_ALLOWED);
  return raw as Mode;
}

function readWorkingDirectory(src: InputSource): string {
  const wd = src.get('working-directory').trim() || '.';
  const workingDirectory = isAbsolute(wd) ? wd : resolve(src.cwd, wd);
  if (!src.isDirectory(workingDirectory)) {
    throw new InputError(
      'working-directory',
      wd,
      `no such directory (looked at ${workingDirectory})`,
      'a directory of the checkout, relative to the workspace',
    );
  }
  return workingDirectory;
}

function readOutputDir(src: InputSource, workingDirectory: string): { outputDir: string; outputText: string } {
  const outputText = src.get('output-dir').trim() || 'dist';
  const outputDir = resolve(workingDirectory, outputText);
  if (outputDir === workingDirectory)
    throw new InputError('output-dir', outputText, 'it is the module directory itself', 'a directory for the artifacts, such as dist');
  // Artifacts land where the job's own files are: a release step must not write elsewhere on the runner.
  const temp = src.env.RUNNER_TEMP;
  if (!isWithin(src.cwd, outputDir) && !(temp && isWithin(temp, outputDir)))
    throw new InputError(
      'output-dir',
      outputText,
      `${outputDir} is outside the workspace${temp ? ' and RUNNER_TEMP' : ''}`,
      'a directory inside the workspace (such as dist) or under RUNNER_TEMP',
    );
  return { outputDir, outputText };
}

function readShardSpec(src: InputSource, build: BuildSpec): ShardSpec {
  const shardsText = src.get('shards').trim();
  const shards = shardsText ? Number(shardsText) : undefined;
  if (shards !== undefined && (!Number.isInteger(shards) || shards < 1 || shards > 256))
    throw new InputError('shards', shardsText, 'not a whole number from 1 to 256', 'the number of matrix jobs (default: one per target)');
  const runsOnText = src.get('runs-on');
  const runsOn = parseRunnerRules(runsOnText);
  if ('problem' in runsOn) throw new InputError('runs-on', runsOnText.trim(), runsOn.problem, RUNS_ON_ALLOWED);
  return { build, shards, runsOn };
}

function readMergeInputs(src: InputSource, targetsText: string): Omit<MergeInputs, 'warnings'> {
  const workingDirectory = readWorkingDirectory(src);
  const { outputDir, outputText } = readOutputDir(src, workingDirectory);
  let targets: Target[] | undefined;
  if (targetsText.trim()) {
    const parsed = parseTargetList(targetsText);
    if ('problem' in parsed) throw new InputError('targets', targetsText.trim(), parsed.problem, MERGE_TARGETS_ALLOWED);
    const preset = parsed.find((t) => 'preset' in t);
    if (preset)
      throw new InputError('targets', targetsText.trim(), `merge mode has no toolchain to expand ${preset.preset}`, MERGE_TARGETS_ALLOWED);
    targets = parsed as Target[];
  }
  return { mode: 'merge', workingDirectory, outputDir, outputText, targets };
}

const MERGE_TARGETS_ALLOWED = "the plan's targets output, or explicit goos/goarch[/variant] separated by commas or lines (no presets)";

function readGenerate(src: InputSource, hasTargets: boolean): GenerateSpec {
  const mode = (src.get('generate').trim() || 'none') as GenerateMode;
  if (!['none', 'once', 'per-target'].includes(mode)) {
    throw new InputError(
      'generate',
      mode,
      'unknown mode',
      'none, once (generators on the host, GOOS/GOARCH removed), per-target (per target, generators still on the host)',
    );
  }
  if (mode === 'per-target' && !hasTargets)
    throw new InputError('generate', mode, 'per-target needs targets', 'set targets, or use generate: once');
  const text = src.get('generate-packages');
  const packages = splitList(text.replace(/\s+/g, ',') || './...');
  const bad = packages.find((p) => p.startsWith('-'));
  if (bad)
    throw new InputError(
      'generate-packages',
      text.trim(),
      `"${bad}" is not a package pattern`,
      'package patterns such as ./..., ./internal/bpf, separated by spaces, commas or lines',
    );
  return { mode, packages };
}

function readBuildSpec(src: InputSource, workingDirectory: string, targetsText: string): BuildSpec {
  const targets = parseTargetList(targetsText);
  if ('problem' in targets) throw new InputError('targets', targetsText.trim(), targets.problem, TARGETS_ALLOWED);

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

  const packageText = src.get('package');
  const packages = splitList(packageText || '.');
  const badPkg = packages.find((p) => p.startsWith('-') || /\s/.test(p));
  if (badPkg)
    throw new InputError(
      'package',
      packageText.trim(),
      `"${badPkg}" is not a package path`,
      'main packages such as ., ./cmd/tool, example.com/m/cmd/tool, separated by commas or lines',
    );

  const binaryName = src.get('binary-name').trim() || undefined;
  if (binaryName && (!/^[\w.+-]+$/.test(binaryName) || /^\.+$/.test(binaryName)))
    throw new InputError('binary-name', binaryName, 'not a plain file name', 'letters, digits, . _ + - (not . or ..)');
  if (binaryName && packages.length > 1)
    throw new InputError(
      'binary-name',
      binaryName,
      `one name cannot serve ${packages.length} packages`,
      'leave binary-name empty: each package is named after its last path element',
    );

  const artifactName = src.get('artifact-name').trim() || DEFAULT_ARTIFACT_NAME;
  const templateIssue = templateProblem(artifactName);
  if (templateIssue) throw new InputError('artifact-name', artifactName, templateIssue, `a template such as ${DEFAULT_ARTIFACT_NAME}`);

  const { outputDir } = readOutputDir(src, workingDirectory);

  const ldflags = src.get('ldflags').trim();
  const badLd = unknownPlaceholders(ldflags);
  if (badLd.length) throw new InputError('ldflags', ldflags, `unknown placeholder {${badLd[0]}}`, PLACEHOLDERS_ALLOWED);

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

  const flagsText = src.get('build-flags');
  const buildFlags = splitArgs(flagsText);
  if ('problem' in buildFlags)
    throw new InputError('build-flags', flagsText.trim(), buildFlags.problem, 'go build flags, quoted as in a shell (nothing is expanded)');
  // A flag's value may be the next word (-gcflags "all=-N -l"): only the first word must be a flag.
  if (buildFlags[0] !== undefined && !buildFlags[0].startsWith('-')) {
    throw new InputError(
      'build-flags',
      flagsText.trim(),
      `"${buildFlags[0]}" is not a flag`,
      'go build flags only; packages go in the package input',
    );
  }
  const owned = buildFlags.find((f) => /^--?(o|ldflags|tags|trimpath)(=|$)/.test(f));
  if (owned)
    throw new InputError(
      'build-flags',
      flagsText.trim(),
      `${owned} is set by the action`,
      'other go build flags; use output-dir/artifact-name, ldflags, tags, reproducible',
    );
  const badFlagPh = unknownPlaceholders(flagsText);
  if (badFlagPh.length)
    throw new InputError('build-flags', flagsText.trim(), `unknown placeholder {${badFlagPh[0]}}`, PLACEHOLDERS_ALLOWED);

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
  const cgoSpec = readCgo(src, cgo, env);
  const reproducible = readBoolean(src, 'reproducible', true);
  const failFast = readBoolean(src, 'fail-fast', false);

  const parallelText = src.get('parallel').trim();
  const parallel = parallelText ? Number(parallelText) : src.cpus;
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 256)
    throw new InputError(
      'parallel',
      parallelText,
      'not a whole number from 1 to 256',
      `a number of concurrent builds (default: ${src.cpus}, the logical CPUs)`,
    );

  const archive = (src.get('archive').trim() || 'none') as ArchiveMode;
  if (!['none', 'auto', 'tar.gz', 'zip'].includes(archive))
    throw new InputError('archive', archive, 'unknown archive format', 'none, auto (zip for windows, tar.gz otherwise), tar.gz, zip');
  const archiveFilesText = src.get('archive-files');
  const archiveFiles = splitList(archiveFilesText.replace(/\n/g, ','));
  if (archiveFiles.length && archive === 'none')
    throw new InputError(
      'archive-files',
      archiveFiles.join(', '),
      'archive is none, so there is no archive to put them in',
      'archive: auto, tar.gz or zip with archive-files (or no archive-files)',
    );

  const sbom = (src.get('sbom').trim() || 'none') as SbomMode;
  if (!SBOM_MODES.includes(sbom))
    throw new InputError('sbom', sbom, 'unknown SBOM format', 'none, spdx (SPDX 2.3 JSON) or cyclonedx (CycloneDX 1.6 JSON)');
  const allowDirty = readBoolean(src, 'allow-dirty', false);

  return {
    targets,
    targetsText: targetsText.trim(),
    exclude,
    packages,
    binaryName,
    artifactName,
    outputDir,
    settings: { ldflags, tags, buildFlags, env, cgo, trimpath: reproducible },
    reproducible,
    parallel,
    failFast,
    archive,
    archiveFiles,
    sbom,
    allowDirty,
    cgo: cgoSpec,
  };
}

const PLACEHOLDERS_ALLOWED = '{version}, {tag}, {commit} and {date}';

const VERSION_ALLOWED =
  'an exact version (1.24.4, go1.24.4, 1.25rc1, or a revision build such as 1.25.0-1), a range (1.24, ^1.23, ">=1.22 <1.24"), stable or oldstable';
/** The inputs that pin a toolchain, for the errors about their absence. */
export const VERSION_INPUTS_ALLOWED = `go-version (${VERSION_ALLOWED}) or go-version-file (go.mod, go.work, .go-version, .tool-versions)`;
const VERSION_FILE_ALLOWED =
  'go.mod or go.work with a "go 1.X[.Y]" or "toolchain go1.X.Y" line, .tool-versions with a "golang 1.X.Y" line, or .go-version holding a version';

function readBaseUrl(src: InputSource): string {
  const fromInput = src.get('go-download-base-url').trim();
  const raw = fromInput || src.env.GO_DOWNLOAD_BASE_URL?.trim() || DEFAULT_BASE_URL;
  const name = fromInput || !src.env.GO_DOWNLOAD_BASE_URL ? 'go-download-base-url' : 'go-download-base-url (from env GO_DOWNLOAD_BASE_URL)';
  return checkBaseUrl(
    name,
    raw,
    'an http(s) URL of a go.dev/dl mirror, such as https://go.dev/dl',
    'the action adds ?mode=json&include=all',
  );
}

/**
 * `token`: sent as a Bearer credential to the origin of go-download-base-url, and only when that
 * input is set: never to go.dev, to a mirror named by the runner's environment, or to a host a
 * mirror redirects to.
 */
function readToken(src: InputSource, baseUrl: string, warnings: string[]): MirrorAuth | undefined {
  const token = src.get('token').trim();
  if (!token) return undefined;
  if (!src.get('go-download-base-url').trim()) {
    warnings.push('token is ignored: it is sent only to the host of go-download-base-url, and that input is not set.');
    return undefined;
  }
  if (/\s/.test(token))
    throw new InputError('token', '***', 'it contains white space', 'the token alone, without "Bearer" or "token" before it');
  return { origin: new URL(baseUrl).origin, authorization: `Bearer ${token}` };
}

/** YAML 1.2 core booleans, as @actions/core's getBooleanInput accepts them. */
function readBoolean(src: InputSource, name: string, dflt: boolean): boolean {
  const raw = src.get(name).trim();
  if (raw === '') return dflt;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new InputError(name, raw, 'not a boolean', 'true or false');
}

/** `auto` (the default) or a boolean. */
function readAutoBoolean(src: InputSource, name: string): boolean | 'auto' {
  const raw = src.get(name).trim();
  if (raw === '' || raw === 'auto') return 'auto';
  try {
    return readBoolean(src, name, false);
  } catch {
    throw new InputError(name, raw, 'not auto or a boolean', 'auto, true or false');
  }
}

/**
 * The credentials in the URLs of `text`, for the runner to mask in every log line: each password,
 * and a lone user part that looks like a token (`https://TOKEN@host`). A plain user name is not a
 * secret, and masking a short one would garble the whole log.
 */
export function urlSecrets(text: string): string[] {
  return [...text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/([^\s/@]+)@/gi)].flatMap((m) => {
    const [user, password] = m[1].split(/:(.*)/s);
    if (password) return [password];
    return user.length >= 8 ? [user] : [];
  });
}
