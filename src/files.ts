// Reading the user's small text files (go.mod, go.work, version files) without surprises: a FIFO
// would block the step forever and a directory would throw, so only regular files are read.
import { readFileSync, statSync } from 'node:fs';

/** The file's text, or undefined when it does not exist or is not a regular file. */
export function readTextFile(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
