// What is wrong with a value: one shape for every judgement in every stage. A stage that knows the
// input a value came from names it (an InputProblem); the action words that as one `::error`
// (errors.ts), so no stage below inputs/ throws an input error itself.

/** What is wrong, as a clause: `"linux/amd65" is not goos/goarch[/variant][/musl]`. */
export interface Problem {
  problem: string;
}

/** A problem with an action input: the input, its value as given, and what the input allows. */
export interface InputProblem extends Problem {
  input: string;
  value: string;
  allowed: string;
}

/** Whether a judgement's result is its problem rather than its value. */
export function isProblem<T>(x: T | Problem): x is Problem {
  return typeof x === 'object' && x !== null && 'problem' in x && typeof (x as Problem).problem === 'string';
}
