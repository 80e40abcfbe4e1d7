import { isProblem } from '../../../src/lib/problem.js';

describe('isProblem', () => {
  it('tells a problem from a value, whatever the value is', () => {
    expect(isProblem({ problem: 'not a Go version' })).toBe(true);
    expect(isProblem({ input: 'targets', value: 'x', problem: 'no', allowed: 'y' })).toBe(true);
    expect(isProblem(['linux/amd64'])).toBe(false);
    expect(isProblem('problem')).toBe(false);
    expect(isProblem(undefined)).toBe(false);
    expect(isProblem(null)).toBe(false);
    // A value that merely has a problem field that is not text is no problem.
    expect(isProblem({ problem: undefined, checked: 'glibc' })).toBe(false);
  });
});
