// The inputs read into each stage's spec, one reader per spec (read-*.ts). What can be judged from
// the inputs alone is judged here, before anything is downloaded or written; what needs the release
// index, the ports, the module or the files comes back from that stage as an InputProblem.
import { InputError } from '../errors.js';
import type { MergeSpec } from '../artifacts/merge-spec.js';
import type { CacheSettings } from '../cache/select.js';
import type { BuildSpec, GenerateSpec } from '../gobuild/build-spec.js';
import type { PrivateModulesSpec } from '../gobuild/private-modules.js';
import type { ShardSpec } from '../shards/shard-spec.js';
import { TARGETS_ALLOWED } from '../targets/target.js';
import type { ToolchainSpec } from '../toolchain/toolchain-spec.js';
import { readBoolean, readWorkingDirectory, type InputSource } from './input-source.js';
import { readBuildSpec } from './read-build.js';
import { readCache } from './read-cache.js';
import { readGenerate } from './read-generate.js';
import { readMergeSpec } from './read-merge.js';
import { readPrivateModules } from './read-private.js';
import { readShardSpec } from './read-shards.js';
import { readSignChecksums } from './read-sign.js';
import { checkNoToolchainInputs, hasVersionInput, readToolchainSpec, VERSION_INPUTS_ALLOWED } from './read-toolchain.js';
import { ignoredInputs, type Mode } from './table.js';

export interface Inputs extends ToolchainSpec {
  mode: 'setup' | 'build';
  /** Set in build mode: the cross-build. */
  build?: BuildSpec;
  generate: GenerateSpec;
  cache: CacheSettings;
  /** Register problem matchers for later go build, vet and test output. */
  problemMatchers: boolean;
  /** Setup and build mode: modules Go fetches directly, and their credential. */
  privateModules?: PrivateModulesSpec;
  warnings: string[];
}

/** Plan mode: the toolchain and the cross-build its shards will run, and nothing of the job (no generate, cache or matchers). */
export interface PlanInputs extends ToolchainSpec {
  mode: 'plan';
  /** The shards, over the build spec they validate. */
  plan: ShardSpec;
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
  privateModules?: PrivateModulesSpec;
  warnings: string[];
}

export interface MergeInputs extends MergeSpec {
  mode: 'merge';
  warnings: string[];
}

export function readInputs(src: InputSource): Inputs | PlanInputs | PathGoInputs | MergeInputs {
  const warnings: string[] = [];
  const mode = readMode(src, src.get('targets').trim() !== '');
  warnings.push(...ignoredInputs(mode, (name) => src.get(name).trim() !== ''));
  if (mode === 'merge') return { mode, ...readMergeSpec(src), warnings };
  if (!hasVersionInput(src)) {
    // Only setup mode falls back to the Go on PATH: a build, and a plan for shards, are made with
    // a pinned, verified toolchain or not at all.
    if (mode !== 'setup')
      throw new InputError(
        'go-version',
        '',
        `${mode} mode needs a pinned toolchain, and neither go-version nor go-version-file is set (only setup mode uses the Go on PATH instead)`,
        VERSION_INPUTS_ALLOWED,
      );
    checkNoToolchainInputs(src, warnings);
    const workingDirectory = readWorkingDirectory(src);
    return { mode, goOnPath: true, workingDirectory, ...readJobInputs(src, false), warnings };
  }
  const toolchain = readToolchainSpec(src, warnings);
  // Plan mode does not read generate, the cache inputs or problem-matchers (table.ts): a bad one is not its error.
  if (mode === 'plan') return { mode, ...toolchain, plan: readShardSpec(src, readBuildSpec(src, toolchain.workingDirectory)), warnings };
  const signChecksums = mode === 'build' ? readSignChecksums(src) : undefined;
  const build =
    mode === 'build' ? { ...readBuildSpec(src, toolchain.workingDirectory), ...(signChecksums ? { signChecksums } : {}) } : undefined;
  return { mode, ...toolchain, build, ...readJobInputs(src, build !== undefined), warnings };
}

/** What every mode that sets up the job reads: go generate, the caches, the problem matchers, private modules. */
function readJobInputs(src: InputSource, hasTargets: boolean): Pick<Inputs, 'generate' | 'cache' | 'problemMatchers' | 'privateModules'> {
  const generate = readGenerate(src, hasTargets);
  const cache = readCache(src);
  const privateModules = readPrivateModules(src);
  return { generate, cache, problemMatchers: readBoolean(src, 'problem-matchers', true), privateModules };
}

const MODES: readonly Mode[] = ['setup', 'build', 'plan', 'merge'];
const MODES_ALLOWED =
  "auto (build with targets, else setup), setup (install Go only), build, plan (matrix and toolchain for shards), merge (shards' outputs into one set)";

/** `auto` is build when targets are set, else setup; the explicit modes check that targets fit. */
function readMode(src: InputSource, hasTargets: boolean): Mode {
  const raw = src.get('mode').trim() || 'auto';
  if (raw === 'auto') return hasTargets ? 'build' : 'setup';
  const mode = MODES.find((m) => m === raw);
  if (!mode) throw new InputError('mode', raw, 'unknown mode', MODES_ALLOWED);
  if (mode === 'setup' && hasTargets)
    throw new InputError(
      'mode',
      raw,
      'setup installs Go only, but targets is set',
      'mode: build (or auto) to build the targets, or no targets',
    );
  if ((mode === 'build' || mode === 'plan') && !hasTargets)
    throw new InputError('targets', '', `mode: ${raw} needs targets`, TARGETS_ALLOWED);
  return mode;
}
