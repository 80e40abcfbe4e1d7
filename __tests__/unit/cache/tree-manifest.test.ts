import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkManifest,
  fileDigest,
  MANIFEST,
  manifestProblem,
  manifestText,
  writeManifest,
  type Digests,
} from '../../../src/cache/tree-manifest.js';

const digest = (text: string) => ({ size: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') });
const tree = (files: Record<string, string>): Digests => new Map(Object.entries(files).map(([p, t]) => [p, digest(t)]));

const saved = {
  'cache/download/example.com/m/@v/v1.0.0.zip': 'PK zip',
  'cache/download/example.com/m/@v/v1.0.0.ziphash': 'h1:abc=',
  'example.com/m@v1.0.0/m.go': 'package m\n',
  'example.com/m@v1.0.0/a b/space.go': 'package b\n',
};

describe('manifestProblem', () => {
  const text = manifestText(tree(saved));

  it('accepts exactly the files saved, in any order', () => {
    const shuffled: Digests = new Map([...tree(saved)].reverse());
    expect(manifestProblem(text, shuffled)).toBeUndefined();
  });

  it('counts a tree without its manifest as incomplete, and an unreadable one as wrong', () => {
    expect(manifestProblem(undefined, tree(saved))).toBe('it has no manifest, so the archive may have been cut short');
    expect(manifestProblem(text.slice(0, -10), tree(saved))).toBe('its manifest is unreadable');
    expect(manifestProblem('{"version":2,"files":[]}', tree(saved))).toBe('its manifest is unreadable');
    expect(manifestProblem('{"version":1,"files":[1]}', tree(saved))).toBe('its manifest is unreadable');
  });

  it('names a missing file, and how many are missing', () => {
    const rest = tree(saved);
    rest.delete('example.com/m@v1.0.0/m.go');
    expect(manifestProblem(text, rest)).toBe('1 of its 4 files are missing, such as example.com/m@v1.0.0/m.go');
  });

  it('names a file whose content or size differs', () => {
    expect(manifestProblem(text, tree({ ...saved, 'example.com/m@v1.0.0/m.go': 'package x\n' }))).toBe(
      'example.com/m@v1.0.0/m.go differs from its manifest',
    );
    expect(manifestProblem(text, tree({ ...saved, 'cache/download/example.com/m/@v/v1.0.0.ziphash': 'h1:abcd=' }))).toBe(
      'cache/download/example.com/m/@v/v1.0.0.ziphash differs from its manifest',
    );
  });

  it('names a file the manifest does not list', () => {
    expect(manifestProblem(text, tree({ ...saved, 'example.com/m@v1.0.0/extra.go': 'package m\n' }))).toBe(
      'example.com/m@v1.0.0/extra.go is not in its manifest',
    );
  });
});

describe('writeManifest and checkManifest', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gcb-manifest-'));
    for (const [p, t] of Object.entries(saved)) {
      mkdirSync(join(dir, p, '..'), { recursive: true });
      writeFileSync(join(dir, p), t);
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the manifest of every file below the directory but itself, and the check accepts it and removes it', async () => {
    expect(await writeManifest(dir)).toBe(4);
    expect(await writeManifest(dir)).toBe(4); // a second save does not list the first manifest
    expect(JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'))).toEqual(JSON.parse(manifestText(tree(saved))));
    const extracted = tree({ ...saved, [MANIFEST]: readFileSync(join(dir, MANIFEST), 'utf8') });
    expect(await checkManifest(dir, extracted)).toBeUndefined();
    expect(existsSync(join(dir, MANIFEST))).toBe(false);
  });

  it('reports a tree restored without its manifest', async () => {
    expect(await checkManifest(dir, tree(saved))).toBe('it has no manifest, so the archive may have been cut short');
  });

  it('digests a file by its bytes', async () => {
    expect(await fileDigest(join(dir, 'example.com/m@v1.0.0/m.go'))).toEqual(digest('package m\n'));
  });
});
