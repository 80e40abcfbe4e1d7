import { parsePins, pinnedHash } from '../../../src/toolchain/pins.js';

const A = 'a'.repeat(64);
const B = 'B'.repeat(64);

describe('go-sha256', () => {
  it('is empty when unset', () => expect(parsePins(' \n')).toEqual({ kind: 'none' }));

  it('takes one hash for the one archive needed', () => {
    const pins = parsePins(B);
    expect(pins).toEqual({ kind: 'single', sha256: 'b'.repeat(64) });
    expect(pinnedHash(pins as never, 'anything.tar.gz')).toBe('b'.repeat(64));
  });

  it('takes sha256sum lines, text and binary mode, with comments', () => {
    const pins = parsePins(`# release pins\n${A}  go1.24.4.linux-amd64.tar.gz\n${B} *go1.24.4.windows-amd64.zip\n`);
    expect(pinnedHash(pins as never, 'go1.24.4.linux-amd64.tar.gz')).toBe(A);
    expect(pinnedHash(pins as never, 'go1.24.4.windows-amd64.zip')).toBe('b'.repeat(64));
    expect(pinnedHash(pins as never, 'go1.24.4.darwin-arm64.tar.gz')).toBeUndefined();
  });

  it.each([
    ['xyz', 'is not a SHA-256'],
    ['a'.repeat(63), 'is not a SHA-256'],
    [`${A}  ../evil.tar.gz`, 'is not "HASH  FILENAME"'],
    [`${A}`.slice(1) + '  go.tar.gz', 'is not "HASH  FILENAME"'],
    [`${A}  x.tar.gz\n${B}  x.tar.gz`, 'pinned to two different hashes'],
  ])('refuses %j', (text, problem) => expect((parsePins(text) as { problem: string }).problem).toContain(problem));
});
