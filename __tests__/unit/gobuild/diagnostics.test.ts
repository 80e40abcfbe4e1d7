import { mergeDiagnostics, parseDiagnostics } from '../../../src/gobuild/diagnostics.js';

describe('diagnostics', () => {
  const log =
    '# example.com/broken\n./greeting_windows.go:4:33: cannot use 42 (untyped int constant) as string value in return statement\nvet: x.go:2: something\nnot a diagnostic\n';

  it('turns compiler lines into workspace-relative annotations', () => {
    expect(parseDiagnostics(log, '/w/mod', '/w')).toEqual([
      {
        file: 'mod/greeting_windows.go',
        line: 4,
        column: 33,
        message: 'cannot use 42 (untyped int constant) as string value in return statement',
      },
    ]);
    expect(parseDiagnostics('x.go:2: something', '/w', '/w')).toEqual([{ file: 'x.go', line: 2, column: undefined, message: 'something' }]);
  });

  it('merges the same message across targets', () => {
    const d = parseDiagnostics(log, '/w', '/w');
    expect(
      mergeDiagnostics([
        { id: 'windows/amd64', diagnostics: d },
        { id: 'windows/arm64', diagnostics: d },
      ]),
    ).toEqual([{ ...d[0], ids: ['windows/amd64', 'windows/arm64'] }]);
  });
});
