// A command the user gives as input lines (the signing commands): one argument per line, the program
// first, with `{field}` placeholders filled in per run. No shell ever sees it, so an argument with
// spaces or quotes reaches the program as it was written. Pure.
import type { Problem } from './problem.js';

export interface CommandTemplate {
  /** The program (a name looked up on PATH, or a path) and its arguments, placeholders unfilled. */
  args: string[];
  /** The input as given, for messages. */
  text: string;
}

/** `{path}`, `{goos}`: a word in braces (`{}` or `{ a }` stay as written). */
const PLACEHOLDER = /\{([\w-]+)\}/g;

/**
 * The input's lines as a command: each line trimmed, blank lines dropped; undefined when none is
 * left. A placeholder not in `fields`, or one in the program's line, is a problem.
 */
export function parseCommand(text: string, fields: readonly string[]): CommandTemplate | undefined | Problem {
  const args = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (!args.length) return undefined;
  for (const arg of args)
    for (const [, field] of arg.matchAll(PLACEHOLDER))
      if (!fields.includes(field)) return { problem: `unknown placeholder {${field}} (known: ${fields.map((f) => `{${f}}`).join(' ')})` };
  // The program is looked up before anything is built: it must be known before any value is.
  if (args[0].match(PLACEHOLDER)) return { problem: `the first line, ${args[0]}, is the program and cannot hold a placeholder` };
  return { args, text: text.trim() };
}

/** The arguments with every placeholder filled from `values` (validated by parseCommand). */
export function fillCommand(c: CommandTemplate, values: Record<string, string>): string[] {
  return c.args.map((a) => a.replace(PLACEHOLDER, (m, field: string) => values[field] ?? m));
}
