// sign and sign-checksums → the signing commands: one argument per line, the program first, with
// placeholders. What the lines alone can tell is judged here; whether the program exists is judged
// by the mode, on the job's PATH, before anything is built.
import { InputError } from '../errors.js';
import { CHECKSUM_SIGN_FIELDS } from '../artifacts/checksum-signature.js';
import { SIGN_FIELDS } from '../gobuild/sign.js';
import { parseCommand, type CommandTemplate } from '../lib/command-template.js';
import type { InputSource } from './input-source.js';

const ALLOWED = (fields: string[]) =>
  `one argument per line, the program first (no shell), with the placeholders ${fields.map((f) => `{${f}}`).join(', ')}`;

function readCommand(src: InputSource, name: string, fields: string[]): CommandTemplate | undefined {
  const text = src.get(name);
  const c = parseCommand(text, fields);
  if (c && 'problem' in c) throw new InputError(name, text.trim(), c.problem, ALLOWED(fields));
  return c;
}

/** `sign`: run once per built binary. */
export const readSign = (src: InputSource) => readCommand(src, 'sign', SIGN_FIELDS);

/** `sign-checksums`: run once on the checksum file. */
export const readSignChecksums = (src: InputSource) => readCommand(src, 'sign-checksums', CHECKSUM_SIGN_FIELDS);
