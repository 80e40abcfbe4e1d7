import { parsePins, pinnedHash, pinnedModuleHash } from '../../../src/toolchain/sha256-pins.js';

const A = 'a'.repeat(64);
const B = 'B'.repeat(64);
const H1 = `h1:${'A'.repeat(43)}=`;
const H1B = `h1:${'B'.repeat(43)}=`;
const MOD = 'golang.org/toolchain v0.0.1-go1.24.4.linux-amd64';

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

  it('takes toolchain module lines beside archive lines, and alone', () => {
    const both = parsePins(
      `${A}  go1.24.4.linux-amd64.tar.gz\n${MOD} ${H1}\n${MOD}/go.mod h1:8wlg68NqwW7eMnI1aABk/C2pDYXj8mrMY4TyRfiLeS0=\n`,
    );
    expect(both).toEqual({
      kind: 'files',
      byFile: new Map([['go1.24.4.linux-amd64.tar.gz', A]]),
      modules: new Map([['v0.0.1-go1.24.4.linux-amd64', H1]]),
    });
    expect(pinnedModuleHash(both as never, 'v0.0.1-go1.24.4.linux-amd64')).toBe(H1);
    expect(pinnedModuleHash(both as never, 'v0.0.1-go1.24.4.linux-arm64')).toBeUndefined();
    // One archive hash and module lines: the hash still pins the one archive needed.
    expect(parsePins(`${B}\n${MOD} ${H1}`)).toEqual({
      kind: 'single',
      sha256: 'b'.repeat(64),
      modules: new Map([['v0.0.1-go1.24.4.linux-amd64', H1]]),
    });
    const alone = parsePins(`# the image's Go\n${MOD} ${H1}\n${MOD} ${H1}`);
    expect(alone).toEqual({ kind: 'none', modules: new Map([['v0.0.1-go1.24.4.linux-amd64', H1]]) });
    expect(pinnedHash(alone as never, 'go1.24.4.linux-amd64.tar.gz')).toBeUndefined();
    expect(pinnedModuleHash(parsePins(A) as never, 'v0.0.1-go1.24.4.linux-amd64')).toBeUndefined();
  });

  it.each([
    [`${MOD} h2:${'A'.repeat(43)}=`, 'is not an h1: hash'],
    [`golang.org/toolchain@v0.0.1-go1.24.4.linux-amd64 ${H1}`, 'is not a golang.org/toolchain line'],
    [`golang.org/toolchain v0.0.1-go1.24.4 ${H1}`, 'is not a toolchain module version'],
    [`${MOD} ${H1}\n${MOD} ${H1B}`, 'golang.org/toolchain v0.0.1-go1.24.4.linux-amd64 is pinned to two different hashes'],
    [`${A}  ../x.tar.gz\n${MOD} ${H1}`, 'is not "HASH  FILENAME"'],
  ])('refuses the module lines %j', (text, problem) => expect((parsePins(text) as { problem: string }).problem).toContain(problem));
});
