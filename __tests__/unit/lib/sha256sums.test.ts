import { formatSha256sums, parseSha256sums } from '../../../src/lib/sha256sums.js';

const A = 'a'.repeat(64);
const B = 'B'.repeat(64);

describe('parseSha256sums', () => {
  it('reads text and binary mode lines, hand-written spacing, comments and blank lines', () => {
    expect(parseSha256sums(`# pins\n${A}  tool-linux-amd64\n\n${B} *tool.exe\r\n${A} one space\n`)).toEqual([
      { sha256: A, name: 'tool-linux-amd64', line: `${A}  tool-linux-amd64` },
      { sha256: B.toLowerCase(), name: 'tool.exe', line: `${B} *tool.exe` },
      { sha256: A, name: 'one space', line: `${A} one space` },
    ]);
  });

  it('names the first line that is not HASH  NAME', () => {
    expect(parseSha256sums(`${A}  ok\n${A.slice(1)}  short\n`)).toEqual({ problem: `line "${A.slice(1)}  short" is not "HASH  NAME"` });
    expect(parseSha256sums(`${A}\n`)).toEqual({ problem: `line "${A}" is not "HASH  NAME"` });
  });
});

describe('formatSha256sums', () => {
  it('writes what it reads back, sorted by name', () => {
    const text = formatSha256sums([
      { name: 'b', sha256: A },
      { name: 'a', sha256: B.toLowerCase() },
    ]);
    expect(text).toBe(`${B.toLowerCase()}  a\n${A}  b\n`);
    expect(parseSha256sums(text)).toEqual([
      { sha256: B.toLowerCase(), name: 'a', line: `${B.toLowerCase()}  a` },
      { sha256: A, name: 'b', line: `${A}  b` },
    ]);
  });
});
