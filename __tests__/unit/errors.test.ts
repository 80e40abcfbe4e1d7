import { ActionError, InputError, orRefuse } from '../../src/errors.js';

const problem = { input: 'targets', value: 'linux/amd65', problem: 'linux/amd65 is not a port', allowed: 'ports such as linux/amd64' };

describe('InputError', () => {
  it('words an input problem as one message: the input, its value, what is wrong and what is allowed', () => {
    const e = InputError.of(problem);
    expect(e.message).toBe('Input targets = "linux/amd65": linux/amd65 is not a port. Allowed: ports such as linux/amd64');
    expect([e.input, e.value, e.allowed, e.name]).toEqual(['targets', 'linux/amd65', 'ports such as linux/amd64', 'InputError']);
  });

  it('quotes the value as JSON, so a multi-line or empty value stays visible', () => {
    expect(new InputError('env', 'A=1\nB', 'no =', 'KEY=VALUE').message).toBe('Input env = "A=1\\nB": no =. Allowed: KEY=VALUE');
    expect(new InputError('go-version', '', 'not set', 'a version').message).toBe('Input go-version = "": not set. Allowed: a version');
  });
});

describe('orRefuse', () => {
  it('passes a value through and throws an input problem as its InputError', () => {
    expect(orRefuse(['linux/amd64'])).toEqual(['linux/amd64']);
    expect(orRefuse(undefined)).toBeUndefined();
    expect(() => orRefuse(problem)).toThrow(InputError);
    expect(() => orRefuse(problem)).toThrow('Input targets = "linux/amd65"');
  });
});

describe('ActionError', () => {
  it('keeps its title apart from the message', () => {
    const e = new ActionError('Build failed', '1 of 2 builds did not succeed');
    expect([e.title, e.message, e.name]).toEqual(['Build failed', '1 of 2 builds did not succeed', 'ActionError']);
  });
});
