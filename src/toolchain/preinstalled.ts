// A Go tree that something else put in the tool cache (the runner image, setup-go): checked file by
// file against its release's toolchain module hash. The I/O edge of module-hash.ts.
import type { Problem } from '../lib/problem.js';
import { walkTree } from '../lib/tree.js';
import { treeModuleHash, uncovered } from './module-hash.js';

export type TreeCheck = { files: number; uncovered: number; seconds: number } | Problem;

/**
 * Whether the tree at `dir` is the module `moduleVersion` whose h1 is `h1`: every file the module
 * holds present with its exact bytes, nothing more, no link or special file anywhere. Files under
 * api/, doc/, misc/ and test/ are outside the module: they are walked (a link there still fails) but
 * not hashed.
 */
export async function checkTree(dir: string, moduleVersion: string, h1: string): Promise<TreeCheck> {
  const started = Date.now();
  let entries;
  try {
    entries = await walkTree(dir, (path) => !uncovered(path));
  } catch (e) {
    return { problem: `it cannot be read (${(e as Error).message})` };
  }
  const got = treeModuleHash(moduleVersion, entries);
  if ('problem' in got) return got;
  if (got.h1 !== h1) return { problem: `its files hash to ${got.h1}, not ${h1}` };
  return { files: got.files, uncovered: got.uncovered, seconds: (Date.now() - started) / 1000 };
}
