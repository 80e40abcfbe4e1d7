// Every input of the action: which modes read it, and its default as action.yml declares it.
// action.yml, the input table in docs/reference.md and the workflow lint are checked against this table
// (__tests__/unit/inputs/table.test.ts), and input reading warns from it about inputs a mode ignores.

export type Mode = 'setup' | 'build' | 'plan' | 'merge';

export interface InputDef {
  name: string;
  /** The modes that read it. */
  modes: readonly Mode[];
  /** As in action.yml; an input with a default is always set, so it is never warned about. */
  default?: string;
}

const TOOLCHAIN: Mode[] = ['setup', 'build', 'plan'];
const BUILD: Mode[] = ['build', 'plan'];
const CACHE: Mode[] = ['setup', 'build'];
/** go generate runs in the job that builds, or that setup mode prepares. */
const GENERATE: Mode[] = ['setup', 'build'];
/** The modes whose go commands fetch modules: the job's own (setup), the builds (build). */
const FETCH: Mode[] = ['setup', 'build'];
const ALL: Mode[] = ['setup', 'build', 'plan', 'merge'];

export const INPUTS: readonly InputDef[] = [
  { name: 'go-version', modes: TOOLCHAIN },
  { name: 'go-version-file', modes: TOOLCHAIN },
  { name: 'go-sha256', modes: TOOLCHAIN },
  { name: 'go-download-base-url', modes: TOOLCHAIN },
  { name: 'token', modes: TOOLCHAIN },
  { name: 'check-latest', modes: TOOLCHAIN, default: 'false' },
  { name: 'architecture', modes: TOOLCHAIN },
  { name: 'working-directory', modes: ALL, default: '.' },
  { name: 'targets', modes: ['build', 'plan', 'merge'] },
  { name: 'exclude-targets', modes: BUILD },
  { name: 'package', modes: BUILD, default: '.' },
  { name: 'binary-name', modes: BUILD },
  { name: 'project-name', modes: BUILD },
  { name: 'artifact-name', modes: BUILD, default: '{name}-{goos}-{goarch}{variant}{ext}' },
  { name: 'checksum-name', modes: BUILD, default: 'SHA256SUMS' },
  { name: 'output-dir', modes: ['build', 'plan', 'merge'], default: 'dist' },
  { name: 'ldflags', modes: BUILD },
  { name: 'tags', modes: BUILD },
  { name: 'build-flags', modes: BUILD },
  { name: 'env', modes: BUILD },
  { name: 'cgo', modes: BUILD, default: 'false' },
  { name: 'c-compiler', modes: BUILD, default: 'zig' },
  { name: 'glibc', modes: BUILD },
  { name: 'zig-version', modes: BUILD },
  { name: 'zig-sha256', modes: BUILD },
  { name: 'zig-download-base-url', modes: BUILD },
  { name: 'zig-public-key', modes: BUILD },
  { name: 'reproducible', modes: BUILD, default: 'true' },
  { name: 'allow-dirty', modes: BUILD, default: 'auto' },
  { name: 'parallel', modes: BUILD },
  { name: 'fail-fast', modes: BUILD, default: 'false' },
  { name: 'sbom', modes: BUILD, default: 'none' },
  { name: 'archive', modes: BUILD, default: 'auto' },
  { name: 'archive-files', modes: BUILD },
  { name: 'sign', modes: BUILD },
  { name: 'sign-checksums', modes: ['build', 'merge'] },
  { name: 'cache', modes: CACHE, default: 'true' },
  { name: 'cache-dependency-path', modes: CACHE },
  { name: 'cache-read-only', modes: CACHE, default: 'auto' },
  { name: 'cache-on-release', modes: CACHE, default: 'false' },
  { name: 'cache-key', modes: CACHE },
  { name: 'generate', modes: GENERATE, default: 'none' },
  { name: 'generate-packages', modes: GENERATE, default: './...' },
  { name: 'private-modules', modes: FETCH },
  { name: 'private-modules-token', modes: FETCH },
  { name: 'problem-matchers', modes: CACHE, default: 'true' },
  { name: 'mode', modes: ALL, default: 'auto' },
  { name: 'shards', modes: ['plan'] },
  { name: 'runs-on', modes: ['plan'] },
];

/** Why `mode` does not read `input`, in words for a warning. */
function why(input: InputDef, mode: Mode): string {
  if (input.modes.length === 1) return `only ${input.modes[0]} mode reads them`;
  if (mode === 'merge') return input.modes.includes('setup') ? 'merge mode installs no Go' : 'merge mode builds nothing';
  if (mode === 'setup') return 'no targets are set, so nothing is built';
  return `${mode} mode does not read them`;
}

/**
 * Warnings for the inputs without a default that are set but that `mode` does not read, one per
 * reason: `shards is ignored: only plan mode reads them.`
 */
export function ignoredInputs(mode: Mode, isSet: (name: string) => boolean): string[] {
  const byWhy = new Map<string, string[]>();
  for (const input of INPUTS) {
    if (input.default !== undefined || input.modes.includes(mode) || !isSet(input.name)) continue;
    const reason = why(input, mode);
    byWhy.set(reason, [...(byWhy.get(reason) ?? []), input.name]);
  }
  return [...byWhy].map(([reason, names]) => `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} ignored: ${reason}.`);
}
