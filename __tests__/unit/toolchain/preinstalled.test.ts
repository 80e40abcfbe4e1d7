// checkTree on real directories: the walk and the module hash together.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkTree } from '../../../src/toolchain/preinstalled.js';

const V = 'v0.0.1-go1.24.1.linux-amd64';
// The tree of module-hash.test.ts, whose h1 Go's dirhash.Hash1 computed.
const TREE: Record<string, string> = {
  VERSION: 'go1.24.1\ntime 2025-03-04T17:19:50Z\n',
  'bin/go': 'go binary',
  'src/go.mod': 'module std\n',
  'src/cmd/go.mod': 'module cmd\n',
  'src/a-b.go': 'a-b',
  'src/a/b.go': 'a/b',
  'src/a.go': 'a',
  'src/\uFF01.txt': 'fullwidth',
  'src/\u{1F600}.txt': 'emoji',
  'api/go1.txt': 'not in the module',
  'doc/go_spec.html': 'not in the module',
  'misc/wasm/wasm_exec.js': 'not in the module',
  'test/fixedbugs/x.go': 'not in the module',
};
const H1 = 'h1:u3Qns33PLQ+eIVfTZZxMYkeJYyz5t6Dp492AuVKdphI=';

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
    expect(await checkTree(dir, V, H1)).toMatchObject({ ok: true, files: 9, uncovered: 5 });
  });

  it('refuses a changed byte, a missing or an added file, naming both hashes', async () => {
    writeFileSync(join(dir, 'src', 'a.go'), 'b');
    const changed = await checkTree(dir, V, H1);
    expect(changed).toEqual({ ok: false, why: expect.stringMatching(/^its files hash to h1:\S+, not h1:u3Qns33PLQ/) });
    writeFileSync(join(dir, 'src', 'a.go'), 'a');
    writeFileSync(join(dir, 'bin', 'extra'), '');
    expect(await checkTree(dir, V, H1)).toMatchObject({ ok: false });
    rmSync(join(dir, 'bin', 'extra'));
    rmSync(join(dir, 'src', 'go.mod'));
    expect(await checkTree(dir, V, H1)).toMatchObject({ ok: false });
  });

  it('refuses a link, even one pointing at the same bytes, and one in an uncovered directory', async () => {
    rmSync(join(dir, 'src', 'a.go'));
    symlinkSync(join(dir, 'src', 'a-b.go'), join(dir, 'src', 'a.go'));
    expect(await checkTree(dir, V, H1)).toEqual({ ok: false, why: 'src/a.go is a symbolic link' });
    rmSync(join(dir, 'src', 'a.go'));
    writeFileSync(join(dir, 'src', 'a.go'), 'a');
    symlinkSync('/etc/passwd', join(dir, 'doc', 'x'));
    expect(await checkTree(dir, V, H1)).toEqual({ ok: false, why: 'doc/x is a symbolic link' });
  });

  it('says so when the tree cannot be read', async () => {
    expect(await checkTree(join(dir, 'missing'), V, H1)).toEqual({ ok: false, why: expect.stringContaining('it cannot be read (ENOENT') });
  });
});
