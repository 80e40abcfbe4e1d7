/** A bad action input: reported as one `::error` naming the input, its value and what is allowed. */
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
