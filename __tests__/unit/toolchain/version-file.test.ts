import { readVersionFile } from '../../../src/toolchain/version-file.js';

describe('readVersionFile', () => {
  it('prefers the toolchain line of go.mod', () => {
    const mod = 'module example.com/x\n\ngo 1.23.0\n\ntoolchain go1.24.4\n\nrequire (\n\tgolang.org/x/sys v0.1.0\n)\n';
    expect(readVersionFile('/w/go.mod', mod)).toEqual({ spec: 'go1.24.4', line: 'toolchain go1.24.4' });
  });

  it('takes the go line when the job sets GOTOOLCHAIN=local, as setup-go does', () => {
    expect(readVersionFile('/w/go.mod', 'module m\n\ngo 1.22.1\ntoolchain go1.24.4\n', true)).toEqual({
      spec: '1.22.1',
      line: 'go 1.22.1',
    });
    expect(readVersionFile('/w/go.work', 'go 1.23\ntoolchain go1.24.4\n', true)).toEqual({ spec: '1.23', line: 'go 1.23' });
  });

  it('falls back to the go line, comments stripped', () => {
    expect(readVersionFile('go.mod', 'module x\ngo 1.22 // minimum\n')).toEqual({ spec: '1.22', line: 'go 1.22' });
  });

  it('reads go.work the same way', () => {
    expect(readVersionFile('a/go.work', 'go 1.23.5\n\nuse ./a\n')).toEqual({ spec: '1.23.5', line: 'go 1.23.5' });
  });

  it('ignores "toolchain default"', () => {
    expect(readVersionFile('go.work', 'go 1.23\ntoolchain default\n')).toEqual({ spec: '1.23', line: 'go 1.23' });
  });

  it('says when go.mod has neither line', () => {
    expect(readVersionFile('go.mod', 'module x\n')).toEqual({ problem: 'go.mod has no "go" or "toolchain" line' });
  });

  it('reads the golang (asdf) or go (mise) line of .tool-versions', () => {
    expect(readVersionFile('.tool-versions', 'nodejs 20.1.0\ngolang 1.24.4 1.23.5 # two\n')).toEqual({
      spec: '1.24.4',
      line: 'golang 1.24.4 1.23.5',
    });
    expect(readVersionFile('.tool-versions', 'go 1.23\n')).toEqual({ spec: '1.23', line: 'go 1.23' });
    expect(readVersionFile('.tool-versions', 'nodejs 20\n')).toEqual({ problem: '.tool-versions has no "golang" line' });
    expect(readVersionFile('.tool-versions', 'golang system\n')).toHaveProperty('problem');
  });

  it('reads the first line of .go-version', () => {
    expect(readVersionFile('.go-version', '\n1.24.4\r\n')).toEqual({ spec: '1.24.4', line: '1.24.4' });
    expect(readVersionFile('.go-version', '  \n')).toEqual({ problem: 'the file is empty' });
  });
});
