import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Artifact } from '../../../src/artifacts/manifest.js';
import type { MergedArtifact } from '../../../src/artifacts/shard-merge.js';
import { flatten, readShards } from '../../../src/artifacts/shard-outputs.js';
import { ActionError } from '../../../src/errors.js';

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** Every file and directory below `dir`, relative, sorted; directories end in `/`. */
function listing(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1) + (e.isDirectory() ? '/' : ''))
    .sort();
}

describe('the shards on disk', () => {
  let base: string;
  let workspace: string;
  let out: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'gcb-shards-'));
    workspace = join(base, 'work');
    out = join(workspace, 'dist');
    mkdirSync(out, { recursive: true });
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const write = (rel: string, content: string | Buffer) => {
    mkdirSync(join(out, rel, '..'), { recursive: true });
    writeFileSync(join(out, rel), content);
  };

  const entry = (target: string, name: string, content: string): Artifact => {
    const [goos, goarch, variant = ''] = target.split('/');
    return {
      target,
      goos,
      goarch,
      variant,
      name,
      path: `dist/${name}`,
      size: content.length,
      sha256: sha(content),
      archive: null,
      binaries: [name],
      cacheHit: null,
      go: '1.24.4',
      checksums: 'SHA256SUMS',
    };
  };

  describe('readShards', () => {
    it('reads each shard directory in name order: its files with size, SHA-256 and head, artifacts.json parsed, the checksum file it names as text', async () => {
      const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(5000, 1)]);
      write('shard-2/app-linux-arm64', elf);
      write('shard-2/app_1.2.3_checksums.txt', `${sha(elf)}  app-linux-arm64\n`);
      write('shard-2/artifacts.json', JSON.stringify([{ name: 'app-linux-arm64', checksums: 'app_1.2.3_checksums.txt' }]));
      write('shard-1/app-linux-amd64', 'abc');
      write('shard-1/nested/file', 'x');

      const shards = await readShards(out);
      expect(shards.map((s) => s.dir)).toEqual(['shard-1', 'shard-2']);
      const [one, two] = shards;
      expect(one.manifest).toBeUndefined();
      expect(one.sums).toBeUndefined();
      // A directory inside a shard is listed as one, so that merge can refuse it.
      expect([...one.files]).toEqual([
        ['app-linux-amd64', { size: 3, sha256: sha('abc'), head: Buffer.from('abc') }],
        ['nested/', { size: -1, sha256: '' }],
      ]);
      expect(two.manifest).toEqual([{ name: 'app-linux-arm64', checksums: 'app_1.2.3_checksums.txt' }]);
      expect(two.sums).toBe(`${sha(elf)}  app-linux-arm64\n`);
      // The checksum file and artifacts.json are the shard's own record, not its files.
      expect([...two.files.keys()]).toEqual(['app-linux-arm64']);
      const file = two.files.get('app-linux-arm64')!;
      expect([file.size, file.sha256, file.head?.length]).toEqual([elf.length, sha(elf), 4096]);
      expect(file.head?.equals(elf.subarray(0, 4096))).toBe(true);
    });

    it('reads a flat output-dir as the shard ".", leaving the shard directories beside it to themselves', async () => {
      write('app-linux-amd64', 'abc');
      write('artifacts.json', '[]');
      write('shard-1/app-linux-arm64', 'def');
      const shards = await readShards(out);
      expect(shards.map((s) => [s.dir, [...s.files.keys()], s.manifest])).toEqual([
        ['.', ['app-linux-amd64'], []],
        ['shard-1', ['app-linux-arm64'], undefined],
      ]);
    });

    it('reads no checksum file that artifacts.json does not name as a plain file: it stays among the files', async () => {
      write('shard-1/SHA256SUMS', 'x');
      write('shard-1/artifacts.json', JSON.stringify([{ name: 'a', checksums: '../SHA256SUMS' }]));
      const [shard] = await readShards(out);
      expect(shard.sums).toBeUndefined();
      expect([...shard.files.keys()]).toEqual(['SHA256SUMS']);
    });

    it('marks an artifacts.json that is not JSON, and lists a link as no regular file', async () => {
      write('shard-1/artifacts.json', '[{"name": ');
      write('shard-1/real', 'abc');
      symlinkSync('real', join(out, 'shard-1', 'link'));
      const [shard] = await readShards(out);
      expect(shard.manifest).toBe('not JSON');
      expect(shard.files.get('link/')).toEqual({ size: -1, sha256: '' });
    });

    it('finds no shard in an empty output-dir', async () => {
      expect(await readShards(out)).toEqual([]);
    });
  });

  describe('flatten', () => {
    it('moves every artifact and SBOM into output-dir, drops the shard directories and writes the merged SHA256SUMS and artifacts.json', async () => {
      // upload-artifact named the shard's directory after its one binary: it has to move aside first.
      write('app-linux-amd64/app-linux-amd64', 'abc');
      write('app-linux-amd64/SHA256SUMS', 'old');
      write('shard-2/app-linux-arm64', 'def');
      write('shard-2/app-linux-arm64.spdx.json', '{}');
      const arm = entry('linux/arm64', 'app-linux-arm64', 'def');
      const sbom = { name: 'app-linux-arm64.spdx.json', path: 'somewhere/else', size: 2, sha256: sha('{}'), format: 'spdx' as const };
      const merged: MergedArtifact[] = [
        { artifact: entry('linux/amd64', 'app-linux-amd64', 'abc'), from: 'app-linux-amd64' },
        { artifact: { ...arm, path: 'shard/path', sbom }, from: 'shard-2' },
      ];
      const artifacts = await flatten(out, await readShards(out), merged, 'SHA256SUMS', workspace);

      expect(listing(out)).toEqual(['SHA256SUMS', 'app-linux-amd64', 'app-linux-arm64', 'app-linux-arm64.spdx.json', 'artifacts.json']);
      expect(readFileSync(join(out, 'app-linux-amd64'), 'utf8')).toBe('abc');
      // Paths are the new ones, relative to the workspace, as upload-artifact takes them.
      expect(artifacts.map((a) => [a.name, a.path, a.sbom?.path])).toEqual([
        ['app-linux-amd64', 'dist/app-linux-amd64', undefined],
        ['app-linux-arm64', 'dist/app-linux-arm64', 'dist/app-linux-arm64.spdx.json'],
      ]);
      expect(JSON.parse(readFileSync(join(out, 'artifacts.json'), 'utf8'))).toEqual(artifacts);
      expect(readFileSync(join(out, 'SHA256SUMS'), 'utf8')).toBe(
        `${sha('abc')}  app-linux-amd64\n${sha('def')}  app-linux-arm64\n${sha('{}')}  app-linux-arm64.spdx.json\n`,
      );
    });

    it("leaves a flat shard's artifacts where they are", async () => {
      write('app-linux-amd64', 'abc');
      write('shard-1/app-linux-arm64', 'def');
      const merged: MergedArtifact[] = [
        { artifact: entry('linux/amd64', 'app-linux-amd64', 'abc'), from: '.' },
        { artifact: entry('linux/arm64', 'app-linux-arm64', 'def'), from: 'shard-1' },
      ];
      const artifacts = await flatten(out, await readShards(out), merged, 'tool_checksums.txt', workspace);
      expect(listing(out)).toEqual(['app-linux-amd64', 'app-linux-arm64', 'artifacts.json', 'tool_checksums.txt']);
      expect(artifacts.map((a) => a.path)).toEqual(['dist/app-linux-amd64', 'dist/app-linux-arm64']);
    });

    it('undoes every move when one fails, and says nothing was changed', async () => {
      write('shard-1/app-linux-amd64', 'abc');
      write('shard-2/app-linux-arm64', 'def');
      const before = listing(out);
      const merged: MergedArtifact[] = [
        { artifact: entry('linux/amd64', 'app-linux-amd64', 'abc'), from: 'shard-1' },
        // Listed by the shard, gone from its directory by the time it is moved.
        { artifact: entry('linux/arm64', 'app-linux-arm64-missing', 'def'), from: 'shard-2' },
      ];
      const shards = await readShards(out);
      const failed = flatten(out, shards, merged, 'SHA256SUMS', workspace);
      await expect(failed).rejects.toBeInstanceOf(ActionError);
      await expect(failed).rejects.toMatchObject({
        title: 'Merge failed',
        message: expect.stringMatching(
          new RegExp(
            `^Could not move the shards' artifacts into ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; nothing was changed: ENOENT.*app-linux-arm64-missing`,
          ),
        ) as unknown,
      });
      expect(listing(out)).toEqual(before);
      expect(readFileSync(join(out, 'shard-1', 'app-linux-amd64'), 'utf8')).toBe('abc');
    });
  });
});
