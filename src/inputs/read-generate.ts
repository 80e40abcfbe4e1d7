// generate, generate-packages → how and where `go generate` runs.
import { InputError } from '../errors.js';
import type { GenerateSpec } from '../gobuild/build-spec.js';
import type { GenerateMode } from '../gobuild/generate.js';
import { splitList } from '../targets/target.js';
import type { InputSource } from './input-source.js';

const GENERATE_MODES: readonly GenerateMode[] = ['none', 'once', 'per-target'];

export function readGenerate(src: InputSource, hasTargets: boolean): GenerateSpec {
  const text = src.get('generate').trim() || 'none';
  const mode = GENERATE_MODES.find((m) => m === text);
  if (!mode) {
    throw new InputError(
      'generate',
      text,
      'unknown mode',
      'none, once (generators on the host, GOOS/GOARCH removed), per-target (per target, generators still on the host)',
    );
  }
  if (mode === 'per-target' && !hasTargets)
    throw new InputError('generate', mode, 'per-target needs targets', 'set targets, or use generate: once');
  const packagesText = src.get('generate-packages');
  // Spaces separate patterns too; a `#` comment ends its line before they are split.
  const packages = splitList(packagesText.replace(/#.*$/gm, '').replace(/\s+/g, ','));
  if (packages.length === 0) packages.push('./...');
  const bad = packages.find((p) => p.startsWith('-'));
  if (bad)
    throw new InputError(
      'generate-packages',
      packagesText.trim(),
      `"${bad}" is not a package pattern`,
      'package patterns such as ./..., ./internal/bpf, separated by spaces, commas or lines',
    );
  return { mode, packages };
}
