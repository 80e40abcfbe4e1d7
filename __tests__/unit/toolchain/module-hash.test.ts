import { createHash } from 'node:crypto';
import { hash1, moduleFileName, parseModuleSumLine, toolchainModuleVersion, treeModuleHash } from '../../../src/toolchain/module-hash.js';
import { TREE, TREE_H1, V } from './go-tree.js';

const P = `golang.org/toolchain@${V}`;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('the toolchain module', () => {
  it('is named by the Go release and the platform', () => {
    expect(toolchainModuleVersion('go1.24.1', { goos: 'linux', goarch: 'amd64' })).toBe(V);
    expect(toolchainModuleVersion('go1.25rc1', { goos: 'windows', goarch: 'arm64' })).toBe('v0.0.1-go1.25rc1.windows-arm64');
  });

  it('holds the tree under its prefix, every go.mod renamed _go.mod', () => {
    expect(moduleFileName(V, 'bin/go')).toBe(`${P}/bin/go`);
    expect(moduleFileName(V, 'src/go.mod')).toBe(`${P}/src/_go.mod`);
    expect(moduleFileName(V, 'src/cmd/vendor/golang.org/x/mod/go.mod')).toBe(`${P}/src/cmd/vendor/golang.org/x/mod/_go.mod`);
    expect(moduleFileName(V, 'src/x/notgo.mod')).toBe(`${P}/src/x/notgo.mod`);
    expect(moduleFileName(V, 'src/x/go.mod.txt')).toBe(`${P}/src/x/go.mod.txt`);
  });

  it('leaves out api/, doc/, misc/ and test/ (distpack removes "api/**", which also matches a file named api)', () => {
    for (const p of ['api/go1.txt', 'doc/x', 'misc/wasm/wasm_exec.js', 'test/a/b.go', 'api']) expect(moduleFileName(V, p)).toBeUndefined();
    for (const p of ['src/api/x.go', 'lib/wasm/wasm_exec.js', 'apix/y', 'testdata/z']) expect(moduleFileName(V, p)).toBe(`${P}/${p}`);
  });
});

describe('hash1', () => {
  it("is dirhash's Hash1 (vector from Go's own implementation)", () => {
    const files = Object.entries(TREE).flatMap(([path, body]) => {
      const name = moduleFileName(V, path);
      return name ? [{ name, sha256: sha(body) }] : [];
    });
    expect(files).toHaveLength(9);
    expect(hash1(files)).toBe(TREE_H1);
    expect(hash1([...files].reverse())).toBe(TREE_H1);
  });

  it('hashes nothing and one file as Go does', () => {
    // Both from the same Go program: no names, and x = "hello".
    expect(hash1([])).toBe('h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(hash1([{ name: 'x', sha256: sha('hello') }])).toBe('h1:Xwimt3Kbb5r8t5MhJ01v24LzyIs3HJp8qZlkRQD2n5I=');
  });

  it('refuses a name with a newline, and two files under one name', () => {
    expect(hash1([{ name: 'a\nb', sha256: sha('') }])).toEqual({ problem: expect.stringContaining('newline') });
    expect(
      hash1([
        { name: 'a', sha256: sha('1') },
        { name: 'a', sha256: sha('2') },
      ]),
    ).toEqual({
      problem: 'two files are a in the module',
    });
  });
});

describe('treeModuleHash', () => {
  const entries = () =>
    Object.entries(TREE).map(([path, body]) =>
      moduleFileName(V, path) ? { path, kind: 'file' as const, sha256: sha(body) } : { path, kind: 'file' as const },
    );

  it('hashes the files the module holds and counts the others', () => {
    expect(treeModuleHash(V, entries())).toEqual({ h1: TREE_H1, files: 9, uncovered: 4 });
  });

  it('changes with a changed, missing or added file', () => {
    const changed = entries().map((e) => (e.path === 'bin/go' ? { ...e, sha256: sha('go binarY') } : e));
    const missing = entries().filter((e) => e.path !== 'src/a.go');
    const added = [...entries(), { path: 'bin/extra', kind: 'file' as const, sha256: sha('') }];
    const h1s = [changed, missing, added].map((t) => (treeModuleHash(V, t) as { h1: string }).h1);
    expect(new Set([TREE_H1, ...h1s]).size).toBe(4);
    for (const h of h1s) expect(h).toMatch(/^h1:/);
  });

  it('depends on the module version, which is in every name', () => {
    const other = treeModuleHash('v0.0.1-go1.24.1.linux-arm64', entries()) as { h1: string };
    expect(other.h1).toMatch(/^h1:/);
    expect(other.h1).not.toBe(TREE_H1);
  });

  it('fails on a link or special file anywhere, in the uncovered directories too', () => {
    expect(treeModuleHash(V, [...entries(), { path: 'bin/gofmt', kind: 'symlink' }])).toEqual({ problem: 'bin/gofmt is a symbolic link' });
    expect(treeModuleHash(V, [...entries(), { path: 'misc/x', kind: 'symlink' }])).toEqual({ problem: 'misc/x is a symbolic link' });
    expect(treeModuleHash(V, [...entries(), { path: 'pkg/fifo', kind: 'other' }])).toEqual({ problem: 'pkg/fifo is not a regular file' });
  });

  it('fails on a covered file that was not hashed', () => {
    expect(treeModuleHash(V, [{ path: 'bin/go', kind: 'file' }])).toEqual({ problem: 'bin/go was not hashed' });
  });
});

describe('parseModuleSumLine', () => {
  const h1 = `h1:${'A'.repeat(42)}b=`;
  it('reads the go.sum line, and recognizes the /go.mod line the checksum database prints beside it', () => {
    expect(parseModuleSumLine(`golang.org/toolchain ${V} ${h1}`)).toEqual({ version: V, h1 });
    expect(parseModuleSumLine(`  golang.org/toolchain\tv0.0.1-go1.25rc1.darwin-arm64   ${h1} `)).toEqual({
      version: 'v0.0.1-go1.25rc1.darwin-arm64',
      h1,
    });
    expect(parseModuleSumLine(`golang.org/toolchain ${V}/go.mod h1:8wlg68NqwW7eMnI1aABk/C2pDYXj8mrMY4TyRfiLeS0=`)).toEqual({ goMod: true });
  });

  it.each([
    [`golang.org/toolchain@${V} ${h1}`, 'is not a golang.org/toolchain line'],
    [`golang.org/toolchain ${V}`, 'is not "golang.org/toolchain VERSION h1:HASH"'],
    [`golang.org/toolchain ${V} ${h1} extra`, 'is not "golang.org/toolchain VERSION h1:HASH"'],
    [`golang.org/toolchain v0.0.1-1.24.1.linux-amd64 ${h1}`, 'is not a toolchain module version'],
    [`golang.org/toolchain v0.0.1-go1.24.1 ${h1}`, 'is not a toolchain module version'],
    [`golang.org/toolchain ${V} h2:${'A'.repeat(43)}=`, 'is not an h1: hash'],
    [`golang.org/toolchain ${V} h1:${'A'.repeat(44)}`, 'is not an h1: hash'],
    [`golang.org/toolchain ${V} h1:${'A'.repeat(42)}==`, 'is not an h1: hash'],
  ])('refuses %j', (line, problem) => expect((parseModuleSumLine(line) as { problem: string }).problem).toContain(problem));
});
