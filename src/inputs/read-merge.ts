// working-directory, output-dir, targets, sign-checksums → what merge mode joins, which targets to
// expect, and how to sign the merged checksum file.
import { InputError } from '../errors.js';
import type { MergeSpec } from '../artifacts/merge-spec.js';
import { parseTargetList, type Target } from '../targets/target.js';
import { readOutputDir, readWorkingDirectory, type InputSource } from './input-source.js';
import { readSignChecksums } from './read-sign.js';

const MERGE_TARGETS_ALLOWED = "the plan's targets output, or explicit goos/goarch[/variant] separated by commas or lines (no presets)";

export function readMergeSpec(src: InputSource): MergeSpec {
  const workingDirectory = readWorkingDirectory(src);
  const { outputDir, outputText } = readOutputDir(src, workingDirectory);
  const signChecksums = readSignChecksums(src);
  const signing = signChecksums ? { signChecksums } : {};
  const text = src.get('targets').trim();
  if (!text) return { workingDirectory, outputDir, outputText, targets: undefined, ...signing };
  const parsed = parseTargetList(text);
  if ('problem' in parsed) throw new InputError('targets', text, parsed.problem, MERGE_TARGETS_ALLOWED);
  const targets: Target[] = [];
  for (const t of parsed) {
    if ('preset' in t) throw new InputError('targets', text, `merge mode has no toolchain to expand ${t.preset}`, MERGE_TARGETS_ALLOWED);
    targets.push(t);
  }
  return { workingDirectory, outputDir, outputText, targets, ...signing };
}
