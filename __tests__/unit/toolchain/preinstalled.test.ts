// checkTree on real directories: the walk and the module hash together.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkTree } from '../../../src/toolchain/preinstalled.js';
import { TREE, TREE_H1, V } from './go-tree.js';

// The tree of module-hash.test.ts, whose h1 Go's dirhash.Hash1 computed.
const H1 = TREE_H1;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'preinstalled-'));
  for (const [p, body] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), body);
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('checkTree', () => {
  it("matches the tree's module hash, whatever api/, doc/, misc/ and test/ hold", async () => {
    writeFileSync(join(dir, 'misc', 'wasm', 'wasm_exec.js'), 'changed: not covered');
    writeFileSync(join(dir, 'test', 'added.go'), 'added: not covered');
    expect(await checkTree(dir, V, H1)).toMatchObject({ files: 9, uncovered: 5 });
  });

  it('refuses a changed byte, a missing or an added file, naming both hashes', async () => {
    writeFileSync(join(dir, 'src', 'a.go'), 'b');
    const changed = await checkTree(dir, V, H1);
    expect(changed).toEqual({ problem: expect.stringMatching(/^its files hash to h1:\S+, not h1:u3Qns33PLQ/) });
    writeFileSync(join(dir, 'src', 'a.go'), 'a');
    writeFileSync(join(dir, 'bin', 'extra'), '');
    expect(await checkTree(dir, V, H1)).toHaveProperty('problem');
    rmSync(join(dir, 'bin', 'extra'));
    rmSync(join(dir, 'src', 'go.mod'));
    expect(await checkTree(dir, V, H1)).toHaveProperty('problem');
  });

  it('refuses a link, even one pointing at the same bytes, and one in an uncovered directory', async () => {
    rmSync(join(dir, 'src', 'a.go'));
    symlinkSync(join(dir, 'src', 'a-b.go'), join(dir, 'src', 'a.go'));
    expect(await checkTree(dir, V, H1)).toEqual({ problem: 'src/a.go is a symbolic link' });
    rmSync(join(dir, 'src', 'a.go'));
    writeFileSync(join(dir, 'src', 'a.go'), 'a');
    symlinkSync('/etc/passwd', join(dir, 'doc', 'x'));
    expect(await checkTree(dir, V, H1)).toEqual({ problem: 'doc/x is a symbolic link' });
  });

  it('says so when the tree cannot be read', async () => {
    expect(await checkTree(join(dir, 'missing'), V, H1)).toEqual({ problem: expect.stringContaining('it cannot be read (ENOENT') });
  });
});
