// sign-checksums: the user's command run once on the written checksum file, in the staging directory
// publish (or merge) writes it in, before anything moves into output-dir. What the command writes
// beside it (a signature, a certificate) is published with it, under the checksum file's name and a
// suffix of its own, so that merge knows a shard's signatures apart from artifacts.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ActionError } from '../errors.js';
import { fillCommand, type CommandTemplate } from '../lib/command-template.js';
import { quoteForLog } from '../lib/format.js';
import type { Log } from '../lib/log.js';
import { run } from '../lib/process.js';

/** The placeholders of `sign-checksums`; action.yml and docs/reference.md list each. */
export const CHECKSUM_SIGN_FIELDS = ['path', 'signature'];

export interface ChecksumSigner {
  command: CommandTemplate;
  /** The program, as the mode found it before anything was built or merged. */
  program: string;
  /** working-directory: relative paths in the command (a key file) resolve there. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  log: Log;
}

/** A file that signs the checksum file `sums` (`SHA256SUMS.sig`, `SHA256SUMS.pem`): named after it, with a suffix. */
export function isChecksumSignature(name: string, sums: string): boolean {
  return name.startsWith(`${sums}.`) && name.length > sums.length + 1;
}

/** What the command wrote beside the checksum file, or why it cannot be published with it. */
export function writtenBeside(before: string[], after: string[], sums: string): string[] | { stray: string[] } {
  const added = after.filter((n) => !before.includes(n)).sort();
  const stray = added.filter((n) => !isChecksumSignature(n, sums));
  return stray.length ? { stray } : added;
}

/**
 * Runs the command on `dir/sums` and returns the names of the files it wrote beside it. Throws when
 * it fails, changes the checksum file, or writes a file not named `sums.SUFFIX`: the caller's
 * staging directory is then removed, and nothing reaches output-dir.
 */
export async function signChecksums(dir: string, sums: string, s: ChecksumSigner): Promise<string[]> {
  const path = join(dir, sums);
  const before = await readdir(dir);
  const text = await readFile(path);
  const [, ...args] = fillCommand(s.command, { path, signature: `${path}.sig` });
  const started = Date.now();
  const ran = await run(s.program, args, { cwd: s.cwd, env: s.env });
  const lines = [[s.program, ...args].map(quoteForLog).join(' '), ...(ran.output.trim() ? [ran.output.trimEnd()] : [])];
  const refuse = (why: string) => {
    s.log.section(`sign ${sums}: FAILED`, lines);
    return new ActionError('Signing the checksums failed', `${why}. Nothing was written to output-dir; see the sign ${sums} log group.`);
  };
  if (!ran.ok) {
    const said = (ran.stderr || ran.stdout).trim().split('\n').at(-1);
    throw refuse(`The sign-checksums command ${s.command.args[0]} ${ran.failure}${said ? `: ${said.trim()}` : ''}`);
  }
  if (!(await readFile(path)).equals(text))
    throw refuse(
      `The sign-checksums command ${s.command.args[0]} changed ${sums}: a signature goes in a file of its own, such as {signature}`,
    );
  const written = writtenBeside(before, await readdir(dir), sums);
  // cosign 3 ignores --output-signature (it writes a bundle only): a signature asked for and not written would go unnoticed.
  if (s.command.args.some((a) => a.includes('{signature}')) && !existsSync(`${path}.sig`))
    throw refuse(`The sign-checksums command ${s.command.args[0]} was given {signature} (${sums}.sig) and wrote nothing there`);
  if ('stray' in written)
    throw refuse(
      `The sign-checksums command ${s.command.args[0]} wrote ${written.stray.join(', ')} beside ${sums}: what it writes there is published with it, and must be named ${sums}.SUFFIX ({signature} is ${sums}.sig)`,
    );
  s.log.section(
    `sign ${sums}: ok (${written.join(', ') || 'no file written beside it'}), ${((Date.now() - started) / 1000).toFixed(1)} s`,
    lines,
  );
  return written;
}
