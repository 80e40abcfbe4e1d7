import { flagName, parsePerPackage, splitQuoted, splitQuotedFields } from '../../../src/gobuild/go-flags.js';

describe('splitQuoted', () => {
  // Go's own cases: cmd/internal/quoted TestSplit.
  it.each([
    ['', []],
    [' ', []],
    ['a', ['a']],
    [' a', ['a']],
    ['a ', ['a']],
    ['a b', ['a', 'b']],
    ['a  b', ['a', 'b']],
    ['a\tb', ['a', 'b']],
    ['a\nb', ['a', 'b']],
    [`'a b'`, ['a b']],
    [`"a b"`, ['a b']],
    [`'a '"b "`, ['a ', 'b ']],
    [`'a "'"'b"`, [`a "`, `'b`]],
    [`\\'`, [`\\'`]],
  ])('splits %j as Go does', (text, fields) => {
    expect(splitQuoted(text)).toEqual(fields);
  });

  it("refuses an unterminated quote, as Go's quote_unclosed case, saying where it opens", () => {
    expect(splitQuoted(`'a`)).toEqual({ problem: "the ' that opens 'a is never closed" });
    expect(splitQuoted(`-s -X "main.v=1 2`)).toEqual({ problem: 'the " that opens "main.v=1 is never closed' });
  });

  it('counts a quote only where a field starts, splits at \\r too, and expands nothing', () => {
    expect(splitQuoted(`-X main.v="a b"`)).toEqual(['-X', 'main.v="a', 'b"']);
    expect(splitQuoted(`-mod='readonly'`)).toEqual([`-mod='readonly'`]);
    expect(splitQuoted('-s\r\n-w')).toEqual(['-s', '-w']);
    expect(splitQuoted(`"" $HOME \`id\``)).toEqual(['', '$HOME', '`id`']);
  });

  it('says which fields a quote wrapped', () => {
    expect(splitQuotedFields(`-a 'b c' d"e`)).toEqual([
      { text: '-a', quoted: false },
      { text: 'b c', quoted: true },
      { text: 'd"e', quoted: false },
    ]);
  });
});

describe('parsePerPackage', () => {
  it('takes flags, pattern=flags, and an empty value, as PerPackageFlag.Set does', () => {
    expect(parsePerPackage(` -s -w -X 'main.note=a b' `)).toEqual({ pattern: undefined, flags: ['-s', '-w', '-X', 'main.note=a b'] });
    expect(parsePerPackage('all=-N -l')).toEqual({ pattern: 'all', flags: ['-N', '-l'] });
    expect(parsePerPackage('net/...=-S')).toEqual({ pattern: 'net/...', flags: ['-S'] });
    expect(parsePerPackage(' ./... = -S')).toEqual({ pattern: './...', flags: ['-S'] });
    expect(parsePerPackage('net=')).toEqual({ pattern: 'net', flags: [] });
    expect(parsePerPackage('')).toEqual({ pattern: undefined, flags: [] });
  });

  it('refuses what go build refuses: no =, no pattern, a leading quote, an open quote', () => {
    expect(parsePerPackage('s -w')).toEqual({
      problem: '"s -w" does not start with -, so go build reads it as pattern=flags, and it has no =',
    });
    expect(parsePerPackage('=-S')).toEqual({ problem: '"=-S" has no package pattern before its =' });
    for (const v of [`"-s -w"`, `'all=-N -l'`])
      expect(parsePerPackage(v)).toEqual({
        problem: `it starts with a ${v[0]} quote, and go build reads a value that does not start with - as pattern=flags`,
      });
    expect(parsePerPackage(`all=-X 'main.v=1`)).toEqual({ problem: "the ' that opens 'main.v=1 is never closed" });
  });
});

describe('flagName', () => {
  it('names a flag word in each spelling, and nothing else', () => {
    expect(['-gcflags', '--gcflags=-N', '-C', '-C=dir', '--C', '-x'].map(flagName)).toEqual(['gcflags', 'gcflags', 'C', 'C', 'C', 'x']);
    expect(['./cmd', '-', '--', '---x', '-=x'].map(flagName)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
