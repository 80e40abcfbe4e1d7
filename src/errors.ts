import { isProblem, type InputProblem } from './lib/problem.js';

/**
 * A bad action input: reported as one `::error` naming the input, its value and what is allowed.
 * Thrown by inputs/ as it reads, and by a mode for the InputProblem a later stage returned.
 */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    problem: string,
    readonly allowed: string,
  ) {
    super(`Input ${input} = ${JSON.stringify(value)}: ${problem}. Allowed: ${allowed}`);
    this.name = 'InputError';
  }

  static of(p: InputProblem): InputError {
    return new InputError(p.input, p.value, p.problem, p.allowed);
  }
}

/** A failure after the inputs were accepted (download, verification, self-check); `title` heads the annotation. */
export class ActionError extends Error {
  constructor(
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'ActionError';
  }
}

/** The value of a judgement, or its InputProblem thrown as the InputError it is. */
export function orRefuse<T>(x: T | InputProblem): T {
  if (isProblem(x)) throw InputError.of(x as InputProblem);
  return x;
}
