import { fillCommand, parseCommand, type CommandTemplate } from '../../../src/lib/command-template.js';

const FIELDS = ['path', 'signed', 'goos'];

describe('parseCommand', () => {
  it('takes one argument per line, trimmed, blank lines dropped; an argument keeps its spaces and quotes', () => {
    const text = "  osslsigncode\nsign\n\n-n\nMy App 'pro'\n-in\n{path}\n-out\n{signed}\n";
    expect(parseCommand(text, FIELDS)).toEqual({
      args: ['osslsigncode', 'sign', '-n', "My App 'pro'", '-in', '{path}', '-out', '{signed}'],
      text: text.trim(),
    });
  });

  it('is undefined for an empty input', () => {
    expect(parseCommand('', FIELDS)).toBeUndefined();
    expect(parseCommand(' \n\n ', FIELDS)).toBeUndefined();
  });

  it('refuses a placeholder it does not know, naming the ones it does', () => {
    expect(parseCommand('tool\n--out={output}', FIELDS)).toEqual({
      problem: 'unknown placeholder {output} (known: {path} {signed} {goos})',
    });
    expect(parseCommand('tool\n{Path}', FIELDS)).toEqual({ problem: expect.stringContaining('unknown placeholder {Path}') });
  });

  it('leaves braces that are no placeholder as written', () => {
    expect(parseCommand('tool\n{}\n{ a }\n--json={"a":1}', FIELDS)).toMatchObject({ args: ['tool', '{}', '{ a }', '--json={"a":1}'] });
  });

  it('refuses a placeholder in the program line: the program is looked up before any value is known', () => {
    expect(parseCommand('{path}\n--sign', FIELDS)).toEqual({
      problem: 'the first line, {path}, is the program and cannot hold a placeholder',
    });
  });
});

describe('fillCommand', () => {
  it('fills each placeholder, inside an argument too, and only placeholders', () => {
    const c = parseCommand('tool\n-in\n{path}\n--out={signed}\n{goos}-{goos}\n{}', FIELDS) as CommandTemplate;
    expect(fillCommand(c, { path: '/s/a b/hello.exe', signed: '/s/signed/hello.exe', goos: 'windows' })).toEqual([
      'tool',
      '-in',
      '/s/a b/hello.exe',
      '--out=/s/signed/hello.exe',
      'windows-windows',
      '{}',
    ]);
  });

  it('does not expand a value that itself looks like a placeholder', () => {
    const c = parseCommand('tool\n{path}\n{goos}', FIELDS) as CommandTemplate;
    expect(fillCommand(c, { path: '{goos}', signed: '', goos: 'linux' })).toEqual(['tool', '{goos}', 'linux']);
  });
});
