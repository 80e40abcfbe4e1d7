// What merge mode joins: where the shards' outputs are, which targets to expect, and how to sign the
// merged checksum file. No toolchain.
import type { Target } from '../targets/target.js';
import type { CommandTemplate } from '../lib/command-template.js';

export interface MergeSpec {
  workingDirectory: string;
  outputDir: string;
  outputText: string;
  /** When set, the merged set must be exactly these targets. */
  targets?: Target[];
  /** sign-checksums: run on the merged checksum file. */
  signChecksums?: CommandTemplate;
}
