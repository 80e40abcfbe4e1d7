// The user's files and paths, without surprises: small text files (go.mod, go.work, version
// files) are read only when regular (a FIFO would block the step forever, a directory would throw),
// executables only as far as their header, and paths are compared as the OS resolves them.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The file's text, or undefined when it does not exist or is not a regular file. */
export function readTextFile(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `path` is a directory (or a link to one). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `p` is `dir` itself or below it. */
export function isWithin(dir: string, p: string): boolean {
  const rel = relative(dir, p);
  // `..foo` is a name inside `dir`; only `..` itself, as the first path element, leaves it.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The first `bytes` bytes of a file (fewer if it is shorter): where an executable's header is. */
export async function readHead(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * The first executable `name` (`name.exe` on Windows) in the directories of `pathList`, as a shell
 * finds it, or undefined. Empty and relative entries are skipped: they would resolve against the
 * working directory, which is the checkout, so a repository could plant the program found.
 */
export function findOnPath(name: string, pathList: string, delimiter: string, windows: boolean): string | undefined {
  const file = windows ? `${name}.exe` : name;
  for (const dir of pathList.split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, file);
    try {
      if (!statSync(candidate).isFile()) continue;
      if (!windows) accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return undefined;
}

/**
 * Where a program the user names would be started from, or undefined when it would not start: a
 * name is looked up on `pathList` (findOnPath; `name.exe` on Windows), a path (with a / or \\) is
 * taken relative to `cwd`, as go's exec.LookPath does.
 */
export function findProgram(program: string, cwd: string, pathList: string, delimiter: string, windows: boolean): string | undefined {
  if (!/[/\\]/.test(program)) return findOnPath(windows ? program.replace(/\.exe$/i, '') : program, pathList, delimiter, windows);
  const path = resolve(cwd, program);
  try {
    if (!statSync(path).isFile()) return undefined;
    if (!windows) accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}
