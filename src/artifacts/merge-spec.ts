// What merge mode joins: where the shards' outputs are, and which targets to expect. No toolchain.
import type { Target } from '../targets/target.js';

export interface MergeSpec {
  workingDirectory: string;
  outputDir: string;
  outputText: string;
  /** When set, the merged set must be exactly these targets. */
  targets?: Target[];
}
