// Cache directories on disk: walking, measuring and removing them.
import { chmod, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Every regular file below `dir` (none when it does not exist). */
export async function* files(dir: string): AsyncGenerator<string> {
  let list;
  try {
    list = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of list) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

export async function treeBytes(dir: string): Promise<number> {
  let n = 0;
  for await (const f of files(dir)) n += (await stat(f)).size;
  return n;
}

/** Removes a tree even when its directories are read-only, as the module cache's are. */
export async function forceRemove(dir: string): Promise<void> {
  const walk = async (d: string): Promise<void> => {
    await chmod(d, 0o755).catch(() => undefined);
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) if (e.isDirectory()) await walk(join(d, e.name));
  };
  await walk(dir);
  await rm(dir, { recursive: true, force: true });
}

/** Whether `dir` holds anything (false when it does not exist). */
export async function nonEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch {
    return false;
  }
}
