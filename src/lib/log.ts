// What the stages may say: log lines, collapsed groups, annotations, masked secrets and job summary
// blocks. The action edge (action/core-log.ts) implements it on @actions/core; stages never import core.

/** Where an annotation points, as GitHub shows it on a file. */
export interface Annotation {
  title: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

/** A job summary block. Table cells are HTML; the first row is the header. */
export type SummaryBlock = { heading: string } | { table: string[][] } | { text: string };

export interface Log {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  /** An annotation of a problem found in the user's code (a compile error, a failed directive). */
  annotate(message: string, at: Annotation): void;
  /** A collapsed log group around `fn`. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** A collapsed log group of finished output, printed at once so parallel work cannot interleave. */
  section(name: string, lines: string[]): void;
  /** Masks `value` in every later log line. */
  secret(value: string): void;
  /** Appends to the job summary. */
  summary(...blocks: SummaryBlock[]): void;
}
