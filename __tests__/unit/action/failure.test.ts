import { readFileSync } from 'node:fs';
import { reportFailure } from '../../../src/action/failure.js';
import { ActionError, InputError } from '../../../src/errors.js';
import { openStep, type RunnerStep } from './runner-files.js';

describe('reportFailure', () => {
  let step: RunnerStep;
  beforeEach(() => {
    step = openStep();
    process.exitCode = undefined;
  });
  afterEach(() => step.close());

  /** The step's one `::error` line, as [properties, message]; fails when there are more or none. */
  const theError = () => {
    const errors = step.lines().filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    const m = /^::error(?: ([^:]*))?::(.*)$/.exec(errors[0]);
    expect(m).not.toBeNull();
    return [m![1] ?? '', m![2]];
  };

  it('titles a bad input with its name, says the value and what is allowed, and exits 1', () => {
    reportFailure(new InputError('go-version', '1.x.y', 'is not a version', 'an exact version like 1.24.4'));
    expect(theError()).toEqual([
      'title=Invalid input go-version',
      'Input go-version = "1.x.y": is not a version. Allowed: an exact version like 1.24.4',
    ]);
    expect(process.exitCode).toBe(1);
  });

  it("titles a later failure with the error's own title, escaped so that it stays one annotation", () => {
    reportFailure(new ActionError('Checksum mismatch: go1.24.4, linux', 'got abc\nwanted def (100%)'));
    // A title's `:` and `,` would end the property; a message's newline would end the command.
    expect(theError()).toEqual(['title=Checksum mismatch%3A go1.24.4%2C linux', 'got abc%0Awanted def (100%25)']);
    expect(process.exitCode).toBe(1);
  });

  it('reports anything else as an internal failure with its stack, in one annotation', () => {
    const e = new TypeError('cannot read x of undefined');
    reportFailure(e);
    const [props, message] = theError();
    expect(props).toBe('title=go-crossbuild failed');
    expect(message).toBe(e.stack!.split('\n').join('%0A'));
    expect(message).toMatch(/^TypeError: cannot read x of undefined%0A {4}at /);
    expect(process.exitCode).toBe(1);
  });

  it('reports a thrown non-error by its text, and an error without a stack by its message', () => {
    reportFailure('plain string');
    expect(theError()).toEqual(['title=go-crossbuild failed', 'plain string']);
    step.stdout.length = 0;
    const bare = new Error('no stack here');
    bare.stack = undefined;
    reportFailure(bare);
    expect(theError()).toEqual(['title=go-crossbuild failed', 'no stack here']);
    expect(process.exitCode).toBe(1);
  });

  it('writes no outputs, variables, PATH or state', () => {
    reportFailure(new ActionError('Download failed', 'HTTP 404'));
    for (const f of Object.values(step.files)) expect(readFileSync(f, 'utf8')).toBe('');
  });
});
