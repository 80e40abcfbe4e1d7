// Cache archives made the way @actions/cache makes them (GNU tar --posix, -P, paths relative to the
// workspace, zstd or gzip), and poisoned ones made the same way.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { entryProblem, extractArchive, UnsafeArchiveError } from '../../../src/cache/extract.js';
import { forceRemove } from '../../../src/cache/disk.js';
import type { Compression } from '../../../src/cache/service.js';

/** A runner's layout: `work/repo` is the workspace, `temp/gocache` the cache directory. */
function layout() {
  const base = mkdtempSync(join(tmpdir(), 'gcb-archive-'));
  const workspace = join(base, 'work', 'repo');
  const cache = join(base, 'temp', 'gocache');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(cache, { recursive: true });
  return { base, workspace, cache };
}

/** `tar` as @actions/cache runs it: the manifest lists paths as given, relative to the workspace. */
function pack(workspace: string, paths: string[], compression: Compression, out: string): string {
  const manifest = join(workspace, '..', 'manifest.txt');
  writeFileSync(manifest, paths.join('\n') + '\n');
  const compress = compression === 'gzip' ? ['-z'] : ['--use-compress-program', 'zstdmt'];
  execFileSync('tar', ['--posix', '-cf', out, '-P', '-C', workspace, '--files-from', manifest, ...compress]);
  return out;
}

const never = new AbortController().signal;

describe('entryProblem', () => {
  const ws = resolve('/w/repo');
  const root = resolve('/t/gocache');
  it.each([
    ['../../t/gocache/', 'Directory', undefined],
    ['../../t/gocache/ab/f-d', 'File', undefined],
    ['../../t/gocache/ab/old', 'OldFile', undefined],
    [resolve('/t/gocache/ab/f'), 'File', undefined],
    ['../../t/gocache/../elsewhere/f', 'File', 'is outside'],
    ['../../t/gocache-evil/f', 'File', 'is outside'],
    ['main.go', 'File', 'is outside'],
    [resolve('/etc/passwd'), 'File', 'is outside'],
    ['../../t/gocache/ab/link', 'SymbolicLink', 'is a SymbolicLink'],
    ['../../t/gocache/ab/hard', 'Link', 'is a Link'],
    ['../../t/gocache/ab/fifo', 'FIFO', 'is a FIFO'],
    ['../../t/gocache/ab/dev', 'CharacterDevice', 'is a CharacterDevice'],
  ])('%s (%s)', (path, type, problem) => {
    const got = entryProblem(path, type, ws, root)?.problem;
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(problem);
  });
});

describe("entryProblem for zig's caches", () => {
  const ws = resolve('/w/repo');
  const root = resolve('/t/zig');
  it.each([
    ['029767eb7af831753e374129b81618e5', undefined],
    ['../etc/passwd', 'is a SymbolicLink'],
    ['/etc/passwd', 'is a SymbolicLink'],
    ['..', 'is a SymbolicLink'],
    ['', 'is a SymbolicLink'],
  ])('keeps a link to a bare name only: %s', (target, problem) => {
    const got = entryProblem('../../t/zig/o/ab/lld.id', 'SymbolicLink', ws, root, { target })?.problem;
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(problem);
  });
  it('still refuses a link outside the cache, and hard links', () => {
    expect(entryProblem('../../t/elsewhere/lld.id', 'SymbolicLink', ws, root, { target: 'abc' })?.problem).toContain('is outside');
    expect(entryProblem('../../t/zig/o/ab/h', 'Link', ws, root, { target: 'abc' })?.problem).toContain('is a Link');
  });
});

describe.each<Compression>(['zstd-without-long', 'gzip'])('extractArchive (%s)', (compression) => {
  it('restores a saved cache into an empty directory: contents, read-only modes, counts, dated files', async () => {
    const { base, workspace, cache } = layout();
    mkdirSync(join(cache, 'mod', 'example.com', 'm@v1.0.0'), { recursive: true });
    writeFileSync(join(cache, 'mod', 'example.com', 'm@v1.0.0', 'go.mod'), 'module example.com/m\n');
    writeFileSync(join(cache, 'x'.repeat(120)), 'long name');
    chmodSync(join(cache, 'mod', 'example.com', 'm@v1.0.0', 'go.mod'), 0o444);
    chmodSync(join(cache, 'mod', 'example.com', 'm@v1.0.0'), 0o555);
    const archive = pack(workspace, ['../../temp/gocache'], compression, join(base, 'cache.archive'));
    await forceRemove(cache);

    const aged = new Date(Date.now() - 2 * 3600_000);
    const got = await extractArchive(archive, compression, workspace, cache, never, { mtime: aged });
    expect(got).toEqual({ files: 2, bytes: 'module example.com/m\n'.length + 'long name'.length });
    const gomod = join(cache, 'mod', 'example.com', 'm@v1.0.0', 'go.mod');
    expect(readFileSync(gomod, 'utf8')).toBe('module example.com/m\n');
    expect(statSync(gomod).mode & 0o777).toBe(0o444);
    expect(statSync(join(cache, 'mod', 'example.com', 'm@v1.0.0')).mode & 0o777).toBe(0o555);
    expect(Math.abs(statSync(gomod).mtimeMs - aged.getTime())).toBeLessThan(1000);
    expect(readFileSync(join(cache, 'x'.repeat(120)), 'utf8')).toBe('long name');
    await forceRemove(base);
  });

  it('hashes every file as it writes it, by its path below the cache directory, when asked', async () => {
    const { base, workspace, cache } = layout();
    // Large enough to arrive in many chunks, and an empty file.
    const big = randomBytes(3 * 1024 * 1024 + 17);
    mkdirSync(join(cache, 'cache', 'download'), { recursive: true });
    writeFileSync(join(cache, 'cache', 'download', 'm.zip'), big);
    writeFileSync(join(cache, 'cache', 'download', 'm.lock'), '');
    writeFileSync(join(cache, 'go.mod'), 'module m\n');
    const archive = pack(workspace, ['../../temp/gocache'], compression, join(base, 'cache.archive'));
    await forceRemove(cache);
    const digests = new Map();
    await extractArchive(archive, compression, workspace, cache, never, { digests });
    const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
    expect(Object.fromEntries(digests)).toEqual({
      'cache/download/m.zip': { size: big.length, sha256: sha(big) },
      'cache/download/m.lock': { size: 0, sha256: sha('') },
      'go.mod': { size: 9, sha256: sha('module m\n') },
    });
    expect(readFileSync(join(cache, 'cache', 'download', 'm.zip')).equals(big)).toBe(true);
    await forceRemove(base);
  });

  it("restores zig's sibling links in a zig cache, and refuses them elsewhere", async () => {
    const { base, workspace, cache } = layout();
    mkdirSync(join(cache, 'o', 'ab'), { recursive: true });
    symlinkSync('029767eb7af831753e374129b81618e5', join(cache, 'o', 'ab', 'lld.id'));
    writeFileSync(join(cache, 'o', 'ab', 'libc.so.6'), 'stub');
    const archive = pack(workspace, ['../../temp/gocache'], compression, join(base, 'cache.archive'));
    await forceRemove(cache);
    await extractArchive(archive, compression, workspace, cache, never, { siblingLinks: true });
    expect(readlinkSync(join(cache, 'o', 'ab', 'lld.id'))).toBe('029767eb7af831753e374129b81618e5');
    expect(readFileSync(join(cache, 'o', 'ab', 'libc.so.6'), 'utf8')).toBe('stub');
    await forceRemove(cache);
    await expect(extractArchive(archive, compression, workspace, cache, never)).rejects.toThrow('is a SymbolicLink');
    await forceRemove(base);
  });

  it('refuses an archive that writes outside its directory, and writes nothing after the bad entry', async () => {
    const { base, workspace, cache } = layout();
    // A poisoned entry saved under the module's key: a source file of the checkout, then a cache file.
    writeFileSync(join(workspace, 'main.go'), 'package main // poisoned\n');
    writeFileSync(join(cache, 'after'), 'x');
    const archive = pack(workspace, ['main.go', '../../temp/gocache'], compression, join(base, 'cache.archive'));
    await forceRemove(cache);
    writeFileSync(join(workspace, 'main.go'), 'package main\n');

    const err = await extractArchive(archive, compression, workspace, cache, never).catch((e: Error) => e);
    expect(err).toBeInstanceOf(UnsafeArchiveError);
    expect((err as Error).message).toBe(`"main.go" is outside ${cache}`);
    expect(readFileSync(join(workspace, 'main.go'), 'utf8')).toBe('package main\n');
    expect(existsSync(join(cache, 'after'))).toBe(false);
    await forceRemove(base);
  });

  it('refuses absolute and `..` paths that leave the directory', async () => {
    const { base, workspace, cache } = layout();
    const outside = join(base, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'payload'), 'x');
    for (const path of [outside, '../../temp/gocache/../../outside/payload']) {
      const archive = pack(workspace, [path], compression, join(base, 'cache.archive'));
      const err = await extractArchive(archive, compression, workspace, cache, never).catch((e: Error) => e);
      expect(err).toBeInstanceOf(UnsafeArchiveError);
      expect((err as Error).message).toContain('is outside');
    }
    await forceRemove(base);
  });

  it.each([
    ['a symbolic link', (dir: string) => symlinkSync('/etc', join(dir, 'link')), 'is a SymbolicLink'],
    [
      'a hard link',
      (dir: string) => {
        writeFileSync(join(dir, 'a'), 'x');
        linkSync(join(dir, 'a'), join(dir, 'b'));
      },
      'is a Link',
    ],
    ['a FIFO', (dir: string) => execFileSync('mkfifo', [join(dir, 'fifo')]), 'is a FIFO'],
  ])('refuses %s, even inside its directory', async (_, make, problem) => {
    const { base, workspace, cache } = layout();
    make(cache);
    const archive = pack(workspace, ['../../temp/gocache'], compression, join(base, 'cache.archive'));
    await forceRemove(cache);
    const err = await extractArchive(archive, compression, workspace, cache, never).catch((e: Error) => e);
    expect(err).toBeInstanceOf(UnsafeArchiveError);
    expect((err as Error).message).toContain(problem);
    await forceRemove(base);
  });

  it('rejects a truncated archive, with every write finished', async () => {
    const { base, workspace, cache } = layout();
    for (let i = 0; i < 40; i++) writeFileSync(join(cache, `f${i}`), Buffer.alloc(64 * 1024, i));
    writeFileSync(join(cache, 'random'), execFileSync('head', ['-c', '1000000', '/dev/urandom']));
    const archive = pack(workspace, ['../../temp/gocache'], compression, join(base, 'cache.archive'));
    truncateSync(archive, Math.floor(statSync(archive).size / 2));
    await forceRemove(cache);
    await expect(extractArchive(archive, compression, workspace, cache, never)).rejects.toThrow();
    await forceRemove(base);
  });

  it('stops at once when aborted', async () => {
    const { base, workspace, cache } = layout();
    for (let i = 0; i < 200; i++) writeFileSync(join(cache, `f${i}`), execFileSync('head', ['-c', '100000', '/dev/urandom']));
    const archive = pack(workspace, ['../../temp/gocache'], compression, join(base, 'cache.archive'));
    await forceRemove(cache);
    const abort = new AbortController();
    abort.abort();
    await expect(extractArchive(archive, compression, workspace, cache, abort.signal)).rejects.toThrow('aborted');
    await forceRemove(base);
  });
});
