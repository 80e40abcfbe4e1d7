import { binaryNameOf, modulePath } from '../../../src/gobuild/packages.js';

describe('packages', () => {
  it('reads the module path and derives binary names as go build does', () => {
    expect(modulePath('// c\nmodule example.com/tool/v2 // main\n\ngo 1.22\n')).toBe('example.com/tool/v2');
    expect(binaryNameOf('.', 'example.com/tool/v2')).toBe('tool');
    expect(binaryNameOf('.', 'example.com/hello')).toBe('hello');
    expect(binaryNameOf('./cmd/helper', 'example.com/hello')).toBe('helper');
    expect(binaryNameOf('example.com/x/cmd/y', undefined)).toBe('y');
    expect(binaryNameOf('.', undefined)).toBeUndefined();
  });
});
