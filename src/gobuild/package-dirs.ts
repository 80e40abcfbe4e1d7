// Packages named by directory (`.`, `./cmd/tool`, `../x`, an absolute path) must be in a main module,
// as go build requires: found here from go.mod and go.work, before anything is downloaded, instead of
// after the toolchain download as a failed build. Import paths (example.com/m/cmd/tool) are left to go:
// they may name a dependency's command. The judgement is pure over a TreeProbe.
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { isDirectory, isWithin, readTextFile } from '../lib/files.js';
import type { InputProblem } from '../lib/problem.js';
import type { BuildSpec } from './build-spec.js';

export const PACKAGE_ALLOWED = 'main packages such as ., ./cmd/tool, example.com/m/cmd/tool, separated by commas or lines';
const IN_MODULE_ALLOWED = `${PACKAGE_ALLOWED}; a directory must be inside the module (or a module go.work uses), not in a nested module`;

/** What the check reads of the file system. */
export interface TreeProbe {
  isDirectory(path: string): boolean;
  /** A regular file's text; undefined when there is none. */
  readText(path: string): string | undefined;
}

/** The main modules go would build in, and the directories local replace directives bring in. */
export interface ModuleLayout {
  /** The go.mod or go.work that decides them, for messages. */
  file: string;
  /** The main modules' directories: the go.work's `use` directories, else the go.mod's. */
  roots: string[];
  /** Directories that `replace … => ./dir` lines name: go builds a package in them too. */
  replaced: string[];
}

/** Whether go reads `pkg` as a directory rather than an import path (build.IsLocalImport, or absolute). */
export function isLocalPackage(pkg: string): boolean {
  // go reads \ as / in a pattern on Windows (.\cmd\tool).
  if (sep === '\\') pkg = pkg.replace(/\\/g, '/');
  return pkg === '.' || pkg === '..' || pkg.startsWith('./') || pkg.startsWith('../') || isAbsolute(pkg);
}

/** The directories a go.work's `use` lines name, or the targets of local `replace` lines, relative to `dir`. */
export function directiveDirs(text: string, verb: 'use' | 'replace', dir: string): string[] {
  const dirs: string[] = [];
  let block: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const words = (raw.replace(/\/\/.*$/, '').match(/"[^"]*"|`[^`]*`|\S+/g) ?? []).map((w) => w.replace(/^["`]|["`]$/g, ''));
    if (!words.length) continue;
    if (block) {
      if (words[0] === ')') block = undefined;
      else if (block === verb) dirs.push(...argDirs(words, verb));
      continue;
    }
    if (words[1] === '(' && words.length === 2) block = words[0];
    else if (words[0] === verb) dirs.push(...argDirs(words.slice(1), verb));
  }
  return dirs.map((d) => resolve(dir, d));
}

/** `./a` for use; for replace, the target after `=>` when it is a directory, not a module. */
function argDirs(words: string[], verb: 'use' | 'replace'): string[] {
  if (verb === 'use') return words.slice(0, 1);
  const target = words[words.indexOf('=>') + 1];
  return words.includes('=>') && target && isLocalPackage(target.replace(/\\/g, '/')) ? [target] : [];
}

/**
 * The modules go would build in from `workingDirectory`: the go.work that GOWORK names or that is found
 * above it (unless GOWORK=off), else the nearest go.mod. Undefined when go would not be in module mode
 * this check understands (GO111MODULE=off, no go.mod): go judges that itself.
 */
export function moduleLayout(
  workingDirectory: string,
  env: Record<string, string | undefined>,
  probe: TreeProbe,
): ModuleLayout | undefined {
  if (env.GO111MODULE === 'off') return undefined;
  const gowork = env.GOWORK ?? '';
  const workFile = gowork === 'off' ? undefined : gowork ? resolve(workingDirectory, gowork) : nearest(workingDirectory, 'go.work', probe);
  const workText = workFile && probe.readText(workFile);
  if (workFile && workText !== undefined) {
    const roots = directiveDirs(workText, 'use', dirname(workFile));
    const replaced = [
      ...directiveDirs(workText, 'replace', dirname(workFile)),
      ...roots.flatMap((r) => directiveDirs(probe.readText(join(r, 'go.mod')) ?? '', 'replace', r)),
    ];
    return { file: workFile, roots, replaced };
  }
  // GOWORK names a file that is not there: go refuses that itself.
  if (workFile) return undefined;
  const modFile = nearest(workingDirectory, 'go.mod', probe);
  if (!modFile) return undefined;
  const root = dirname(modFile);
  return { file: modFile, roots: [root], replaced: directiveDirs(probe.readText(modFile) ?? '', 'replace', root) };
}

/** The first `name` file at or above `dir`, as go finds go.mod and go.work. */
function nearest(dir: string, name: string, probe: TreeProbe): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (probe.readText(join(d, name)) !== undefined) return join(d, name);
    if (dirname(d) === d) return undefined;
  }
}

/** Why go build could not build the directory package `pkg` (relative to `workingDirectory`), or undefined. */
export function packageDirProblem(pkg: string, workingDirectory: string, layout: ModuleLayout, probe: TreeProbe): string | undefined {
  // A pattern is judged by the directory before its first `...`, as go does (./cmd/... → ./cmd).
  const wildcard = pkg.indexOf('...');
  const dir = resolve(workingDirectory, wildcard < 0 ? pkg : dirname(pkg.slice(0, wildcard + 3)));
  const where = layout.file.endsWith('go.mod') ? `the module at ${layout.roots[0]}` : `the modules ${layout.file} uses`;
  if (layout.replaced.some((r) => isWithin(r, dir))) return probe.isDirectory(dir) ? undefined : `no such directory (looked at ${dir})`;
  const root = layout.roots.find((r) => isWithin(r, dir));
  if (!root) return `${dir} is outside ${where}`;
  if (!probe.isDirectory(dir)) return `no such directory (looked at ${dir})`;
  const owner = nearest(dir, 'go.mod', probe);
  if (owner && dirname(owner) !== root && !layout.roots.includes(dirname(owner)))
    return `${dir} is in the nested module of ${owner}, not in ${where}`;
  return undefined;
}

/** The first package named by a directory that go build could not build, as a problem of the package input. */
export function packagesProblem(
  packages: string[],
  workingDirectory: string,
  env: Record<string, string | undefined>,
  probe: TreeProbe,
): InputProblem | undefined {
  const local = packages.filter(isLocalPackage);
  const layout = local.length ? moduleLayout(workingDirectory, env, probe) : undefined;
  if (!layout) return undefined;
  for (const pkg of local) {
    const problem = packageDirProblem(pkg, workingDirectory, layout, probe);
    if (problem) return { input: 'package', value: packages.join(', '), problem: `"${pkg}": ${problem}`, allowed: IN_MODULE_ALLOWED };
  }
  return undefined;
}

/** Variables that change where go looks for the main modules. */
const MODULE_ENV = ['GOWORK', 'GO111MODULE'];

/**
 * packagesProblem on the file system, in the environment go build gets: the job's, then the env
 * input's lines for every target. A line for some targets only that moves the modules leaves it to go.
 */
export function checkPackages(
  b: BuildSpec,
  workingDirectory: string,
  jobEnv: Record<string, string | undefined>,
): InputProblem | undefined {
  if (b.settings.env.some((r) => r.pattern && MODULE_ENV.includes(r.key))) return undefined;
  const env = { ...jobEnv, ...Object.fromEntries(b.settings.env.filter((r) => !r.pattern).map((r) => [r.key, r.value])) };
  return packagesProblem(b.packages, workingDirectory, env, { isDirectory, readText: readTextFile });
}
