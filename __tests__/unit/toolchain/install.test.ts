import { extraction } from '../../../src/toolchain/install.js';

describe('extraction', () => {
  it('streams tar.gz into tar while it downloads', () => {
    expect(extraction('go1.24.4.linux-amd64.tar.gz', '/s')).toEqual({
      streamed: true,
      command: 'tar',
      args: ['-xzof', '-', '-C', '/s'],
    });
  });

  it('holds a zip, to extract in process once verified (no tar.exe)', () => {
    expect(extraction('go1.24.4.windows-amd64.zip', '/s')).toEqual({ streamed: false });
  });
});
