// A mode's work as an ordered list of named steps, read top to bottom in one place (goreleaser's
// pipeline is the model). Each step gets what the steps before it returned, and returns what it
// adds: data flows one way, and adding a step is one line in the list.

/** One step: its name (for the log and for tests) and what it does. */
interface Step {
  name: string;
  run(state: object): Promise<object> | object;
}

/** Steps that start from an `I` and end with an `S`: the start, and everything the steps added. */
export class Pipeline<I extends object, S extends object = I> {
  private constructor(private readonly steps: readonly Step[]) {}

  /** An empty pipeline over a starting state of type `I`. */
  static over<I extends object>(): Pipeline<I> {
    return new Pipeline<I>([]);
  }

  /** This pipeline, then `run`: what it returns joins the state the later steps get. */
  then<T extends object>(name: string, run: (state: S) => Promise<T> | T): Pipeline<I, Omit<S, keyof T> & T> {
    return new Pipeline([...this.steps, { name, run: run as Step['run'] }]);
  }

  /** This pipeline, then `run` for what it does alone: it adds nothing to the state. */
  do(name: string, run: (state: S) => Promise<unknown> | unknown): Pipeline<I, S> {
    return new Pipeline([...this.steps, { name, run: async (state) => (await run(state as S), {}) }]);
  }

  /** The steps' names, in order. */
  get names(): string[] {
    return this.steps.map((s) => s.name);
  }

  /** Runs the steps in order; `onStep` hears each name before it runs. A step that throws ends the run. */
  async run(start: I, onStep?: (name: string) => void): Promise<S> {
    let state: object = start;
    for (const step of this.steps) {
      onStep?.(step.name);
      state = { ...state, ...(await step.run(state)) };
    }
    return state as S;
  }
}
