// What each mode returns. Only the action edge (action/outputs.ts) turns a result into outputs,
// exported variables, PATH and saved state; what the job summary shows goes through the Log.
import type { Artifact } from '../artifacts/manifest.js';
import type { CacheState } from '../cache/keys.js';
import type { MatrixOutput, ToolchainOutput } from '../shards/balance.js';
import type { Toolchain } from '../toolchain/toolchain.js';

/**
 * Setup and build mode: the job's toolchain, and what was built with it. Build mode's is always
 * verified; setup mode's is the Go on PATH (`verified: false`) when no version was given.
 */
export interface ToolchainResult {
  mode: 'setup' | 'build';
  toolchain: Toolchain;
  /** Register the Go problem matchers for the job's later steps. */
  problemMatchers: boolean;
  /** What the post step saves; undefined when caching is off or unavailable. */
  cache?: CacheState;
  /** Setup mode: the cached GOCACHE, exported for the job's later steps. */
  gocache?: string;
  /** Setup mode: the private modules' environment (GOPRIVATE, git configuration), exported for later steps. */
  privateEnv?: Record<string, string>;
  /** Build mode: the published artifacts and their SHA256SUMS. */
  artifacts?: Artifact[];
  checksumsFile?: string;
}

export interface PlanResult {
  mode: 'plan';
  matrix: MatrixOutput;
  toolchain: ToolchainOutput;
  targets: string[];
}

export interface MergeResult {
  mode: 'merge';
  artifacts: Artifact[];
  checksumsFile: string;
}

export type ModeResult = ToolchainResult | PlanResult | MergeResult;
