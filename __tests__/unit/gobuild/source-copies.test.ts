import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync, readlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  changes,
  copyTree,
  inCheckout,
  overlay,
  skippedUnder,
  snapshot,
  sourceRoot,
  withoutRewrites,
} from '../../../src/gobuild/source-copies.js';

describe('sourceRoot and skips', () => {
  it('copies the workspace when the module is inside it, else the module', () => {
    expect(sourceRoot('/w', '/w')).toBe('/w');
    expect(sourceRoot('/w', '/w/tools/gen')).toBe('/w');
    expect(sourceRoot('/w', '/elsewhere/mod')).toBe('/elsewhere/mod');
    expect(sourceRoot('/w', '/w2')).toBe('/w2');
  });

  it('skips only the given paths that are inside the root', () => {
    expect(skippedUnder('/w', ['/w/dist', '/tmp/runner/go-crossbuild', '/w'])).toEqual(['/w/dist']);
  });
});

describe('changes and overlay', () => {
  const before = new Map([
    ['a.go', '1:10:1'],
    ['b.go', '2:10:2'],
    ['old.go', '3:10:3'],
  ]);
  const after = new Map([
    ['a.go', '1:10:1'],
    ['b.go', '5:99:2'],
    ['sub/zz_gen.go', '9:99:7'],
  ]);

  it('lists written and removed files', () => {
    expect(changes(before, after)).toEqual({ written: ['b.go', 'sub/zz_gen.go'], removed: ['old.go'] });
    expect(changes(before, before)).toEqual({ written: [], removed: [] });
  });

  it('replaces written files by the copy and hides removed ones', () => {
    expect(overlay(changes(before, after), '/w', '/t/linux-arm64')).toEqual({
      Replace: { '/w/b.go': '/t/linux-arm64/b.go', '/w/sub/zz_gen.go': '/t/linux-arm64/sub/zz_gen.go', '/w/old.go': '' },
    });
  });

  it('says copy paths as checkout paths, absolute or relative to where go ran', () => {
    const copy = '/r/temp/go-crossbuild/generate/linux-arm64';
    expect(inCheckout(`${copy}/x.go:3: running "go"\n${copy}x`, copy, '/r/ws', '/r/ws')).toBe('/r/ws/x.go:3: running "go"\n' + copy + 'x');
    // go build in the checkout prints a generated file of the copy relative to it.
    expect(inCheckout('../temp/go-crossbuild/generate/linux-arm64/stdlib/zz.go:45:6: redeclared', copy, '/r/ws', '/r/ws')).toBe(
      'stdlib/zz.go:45:6: redeclared',
    );
    expect(inCheckout('../../temp/go-crossbuild/generate/linux-arm64/mod/zz.go:1:1: x', copy, '/r/ws', '/r/ws/mod')).toBe(
      '../mod/zz.go:1:1: x',
    );
  });
});

describe('copyTree and snapshot (real files)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tree-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies all but the skipped paths, links .git, and sees what a generator changed', async () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, '.git'), { recursive: true });
    mkdirSync(join(src, 'pkg'), { recursive: true });
    mkdirSync(join(src, 'dist'), { recursive: true });
    writeFileSync(join(src, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(src, 'pkg', 'a.go'), 'package pkg\n');
    writeFileSync(join(src, 'pkg', 'gone.go'), 'package pkg\n');
    writeFileSync(join(src, 'pkg', 'same.go'), 'package pkg\n');
    writeFileSync(join(src, 'dist', 'old-artifact'), 'x');
    symlinkSync('pkg/a.go', join(src, 'link.go'));

    const dest = join(dir, 'copy');
    await copyTree(src, dest, skippedUnder(src, [join(src, 'dist')]), false);
    expect(existsSync(join(dest, 'dist'))).toBe(false);
    expect(readlinkSync(join(dest, '.git'))).toBe(join(src, '.git'));
    expect(readlinkSync(join(dest, 'link.go'))).toBe('pkg/a.go');
    const before = await snapshot(dest);
    expect([...before.keys()].sort()).toEqual(['link.go', 'pkg/a.go', 'pkg/gone.go', 'pkg/same.go']);

    writeFileSync(join(dest, 'pkg', 'a.go'), 'package pkg // generated\n');
    writeFileSync(join(dest, 'pkg', 'zz_new.go'), 'package pkg\n');
    unlinkSync(join(dest, 'pkg', 'gone.go'));
    // A committed file rewritten with the same bytes is no change.
    await new Promise((r) => setTimeout(r, 5));
    writeFileSync(join(dest, 'pkg', 'same.go'), 'package pkg\n');
    const found = changes(before, await snapshot(dest));
    expect(found).toEqual({ written: ['pkg/a.go', 'pkg/same.go', 'pkg/zz_new.go'], removed: ['pkg/gone.go'] });
    expect(await withoutRewrites(found, src, dest)).toEqual({ written: ['pkg/a.go', 'pkg/zz_new.go'], removed: ['pkg/gone.go'] });
    // The checkout is untouched.
    expect(readFileSync(join(src, 'pkg', 'a.go'), 'utf8')).toBe('package pkg\n');
    expect(existsSync(join(src, 'pkg', 'gone.go'))).toBe(true);

    // A second copy replaces the first whole.
    await copyTree(src, dest, [], false);
    expect(readFileSync(join(dest, 'pkg', 'a.go'), 'utf8')).toBe('package pkg\n');
    expect(existsSync(join(dest, 'pkg', 'zz_new.go'))).toBe(false);
  });
});
