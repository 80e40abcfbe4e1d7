// Flags as the go command splits them, so that what it would refuse is refused before any download.
// Go splits the value of -ldflags, -gcflags, -asmflags and -gccgoflags, and GOFLAGS, with
// cmd/internal/quoted: fields separated by spaces, tabs or newlines; a field that starts with ' or "
// runs to the next same quote, with no escapes; a quote anywhere else is an ordinary character. Pure.
import type { Problem } from '../lib/problem.js';

const SPACE = new Set([' ', '\t', '\n', '\r']);

/** A field as Go's quoted.Split finds it, and whether a quote wrapped it. */
export interface QuotedField {
  text: string;
  quoted: boolean;
}

/** The fields of `text` as Go's quoted.Split finds them, or the quote that is never closed. */
export function splitQuotedFields(text: string): QuotedField[] | Problem {
  const fields: QuotedField[] = [];
  let i = 0;
  while (i < text.length) {
    if (SPACE.has(text[i])) {
      i++;
      continue;
    }
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, i + 1);
      if (end < 0) return { problem: `the ${quote} that opens ${/^\S{0,40}/.exec(text.slice(i))?.[0]} is never closed` };
      // The closing quote ends the field: what follows it starts the next one.
      fields.push({ text: text.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < text.length && !SPACE.has(text[end])) end++;
    fields.push({ text: text.slice(i, end), quoted: false });
    i = end;
  }
  return fields;
}

/** quoted.Split: the fields alone. */
export function splitQuoted(text: string): string[] | Problem {
  const fields = splitQuotedFields(text);
  return 'problem' in fields ? fields : fields.map((f) => f.text);
}

/** The value of a per-package flag (-ldflags, -gcflags, …): `[pattern=]flags`, as go build reads it. */
export interface PerPackageValue {
  /** The package pattern the flags are for (`all`, `./...`); undefined for the packages named on the command line. */
  pattern?: string;
  flags: string[];
}

/** A per-package flag's value as go's PerPackageFlag.Set takes it, or why go would refuse it. */
export function parsePerPackage(value: string): PerPackageValue | Problem {
  let v = value.trim();
  let pattern: string | undefined;
  // Not a flag first: go reads `pattern=flags`.
  if (v && !v.startsWith('-')) {
    const eq = v.indexOf('=');
    // go refuses a leading quote (missing =, or a quoted pattern): the value was quoted once too often.
    if (v.startsWith('"') || v.startsWith("'"))
      return { problem: `it starts with a ${v[0]} quote, and go build reads a value that does not start with - as pattern=flags` };
    if (eq < 0) return { problem: `"${v}" does not start with -, so go build reads it as pattern=flags, and it has no =` };
    if (eq === 0) return { problem: `"${v}" has no package pattern before its =` };
    pattern = v.slice(0, eq).trim();
    v = v.slice(eq + 1);
  }
  const flags = splitQuoted(v);
  return 'problem' in flags ? flags : { pattern, flags };
}

/** The go build flags whose value is split again by go, per package. */
export const PER_PACKAGE_FLAGS = ['asmflags', 'gcflags', 'ldflags', 'gccgoflags'] as const;

/** A flag word's name without its dashes and value: `--gcflags=-N` → gcflags; undefined for a word that is no flag. */
export function flagName(word: string): string | undefined {
  const m = /^--?([^-=][^=]*)(?:=|$)/.exec(word);
  return m?.[1];
}
