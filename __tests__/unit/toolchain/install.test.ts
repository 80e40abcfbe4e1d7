import { extractCommand } from '../../../src/toolchain/install.js';

describe('extractCommand', () => {
  it('streams tar.gz into tar', () => {
    expect(extractCommand('go1.24.4.linux-amd64.tar.gz', '/s', false)).toEqual({
      streamed: true,
      command: 'tar',
      args: ['-xzof', '-', '-C', '/s'],
    });
  });

  it('extracts a verified zip with Windows own tar.exe, not a GNU tar from PATH', () => {
    const c = extractCommand('go1.24.4.windows-amd64.zip', 'D:\\tc\\stage', true, 'C:\\WINDOWS');
    expect(c.streamed).toBe(false);
    expect(c.command).toBe('C:\\WINDOWS\\System32\\tar.exe');
    expect(c.args[0]).toBe('-xf');
    expect(c.args[1]).toMatch(/archive\.zip$/);
    expect(c.args.slice(2)).toEqual(['-C', 'D:\\tc\\stage']);
  });

  it('extracts a zip with bsdtar off Windows, from the staging directory', () => {
    expect(extractCommand('go1.24.4.windows-amd64.zip', '/s', false)).toEqual({
      streamed: false,
      command: 'bsdtar',
      args: ['-xf', '/s/archive.zip', '-C', '/s'],
    });
  });
});
