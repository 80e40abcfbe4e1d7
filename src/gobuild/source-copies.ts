// Per-target copies of the sources for `generate: per-target`. Each target's generate runs in its
// own copy, so targets run in parallel and no generated file reaches another target or the
// checkout. What a generate changed becomes a `go build -overlay` file: the build then runs in the
// checkout itself (its paths, its VCS state) and sees that target's generated files only.
import { cp, lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { isWithin } from '../lib/files.js';

/**
 * The directory to copy: the workspace when the module is inside it, so that directives may reach
 * `../` files of the repository; else the module directory itself.
 */
export function sourceRoot(workspace: string, workingDirectory: string): string {
  return isWithin(workspace, workingDirectory) ? workspace : workingDirectory;
}

/** Which of `paths` (the action's output and state) are under `root`, so are not copied. */
export function skippedUnder(root: string, paths: string[]): string[] {
  return paths.filter((p) => p !== root && isWithin(root, p));
}

/**
 * Copies `root` to `dest`, timestamps kept and links as links, except `skip`; `.git` becomes a link
 * to the original, so generators that ask git (a version stamp) still can.
 */
export async function copyTree(root: string, dest: string, skip: string[], windows: boolean): Promise<void> {
  const git = join(root, '.git');
  await rm(dest, { recursive: true, force: true });
  await cp(root, dest, {
    recursive: true,
    preserveTimestamps: true,
    verbatimSymlinks: true,
    filter: (src) => src !== git && !skip.includes(src),
  });
  if (await exists(git)) await symlink(git, join(dest, '.git'), windows ? 'junction' : undefined);
}

async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

/** A file's identity as far as a change goes: size, mtime and inode (of a link, the link's own). */
export type Snapshot = Map<string, string>;

/** Every file below `dir` (relative, `/`-separated), except `.git` at the top. */
export async function snapshot(dir: string): Promise<Snapshot> {
  const out: Snapshot = new Map();
  const walk = async (rel: string) => {
    for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (r === '.git') continue;
      if (e.isDirectory()) await walk(r);
      else {
        const st = await lstat(join(dir, r), { bigint: true });
        out.set(r, `${st.size}:${st.mtimeNs}:${st.ino}`);
      }
    }
  };
  await walk('');
  return out;
}

export interface Changes {
  written: string[];
  removed: string[];
}

/** What a generate run changed between two snapshots of its tree. Pure. */
export function changes(before: Snapshot, after: Snapshot): Changes {
  const written = [...after].filter(([p, id]) => before.get(p) !== id).map(([p]) => p);
  const removed = [...before.keys()].filter((p) => !after.has(p));
  return { written: written.sort(), removed: removed.sort() };
}

/**
 * Leaves out written files whose bytes are the checkout's: a generator that rewrites a committed
 * file unchanged generated nothing, and the build needs no overlay entry for it.
 */
export async function withoutRewrites(c: Changes, checkoutRoot: string, copyRoot: string): Promise<Changes> {
  const same = async (rel: string) => {
    const [a, b] = [join(checkoutRoot, ...rel.split('/')), join(copyRoot, ...rel.split('/'))];
    const [sa, sb] = await Promise.all([lstat(a).catch(() => undefined), lstat(b)]);
    if (!sa?.isFile() || !sb.isFile() || sa.size !== sb.size) return false;
    const [ba, bb] = await Promise.all([readFile(a), readFile(b)]);
    return ba.equals(bb);
  };
  const kept: string[] = [];
  for (const p of c.written) if (!(await same(p))) kept.push(p);
  return { written: kept, removed: c.removed };
}

/**
 * The `go build -overlay` document: each changed file of the checkout replaced by the copy's, each
 * removed one hidden. Pure.
 */
export function overlay(c: Changes, checkoutRoot: string, copyRoot: string): { Replace: Record<string, string> } {
  const at = (root: string, rel: string) => join(root, ...rel.split('/'));
  const Replace: Record<string, string> = {};
  for (const p of c.written) Replace[at(checkoutRoot, p)] = at(copyRoot, p);
  for (const p of c.removed) Replace[at(checkoutRoot, p)] = '';
  return { Replace };
}

export async function writeOverlay(file: string, doc: { Replace: Record<string, string> }): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(doc, null, 1));
}

/**
 * Paths of the copy said as the same paths in the checkout (for logs and annotations), whether
 * written absolute or, as the go command prints them, relative to `cwd`.
 */
export function inCheckout(text: string, copyRoot: string, checkoutRoot: string, cwd: string): string {
  const relCopy = relative(cwd, copyRoot);
  const relRoot = relative(cwd, checkoutRoot);
  const abs = text.split(copyRoot + sep).join(checkoutRoot + sep);
  return relCopy && !isAbsolute(relCopy) ? abs.split(relCopy + sep).join(relRoot ? relRoot + sep : '') : abs;
}
