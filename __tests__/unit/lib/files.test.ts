import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findOnPath, findProgram, isWithin, readHead, readTextFile } from '../../../src/lib/files.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'files-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readTextFile', () => {
  it('reads regular files only: a directory or a FIFO named go.mod is no file (and never blocks)', () => {
    writeFileSync(join(dir, 'go.mod'), 'module x\n\ngo 1.22\n');
    expect(readTextFile(join(dir, 'go.mod'))).toBe('module x\n\ngo 1.22\n');
    expect(readTextFile(join(dir, 'missing'))).toBeUndefined();
    mkdirSync(join(dir, 'as-dir', 'go.mod'), { recursive: true });
    expect(readTextFile(join(dir, 'as-dir', 'go.mod'))).toBeUndefined();
    mkdirSync(join(dir, 'as-fifo'));
    execFileSync('mkfifo', [join(dir, 'as-fifo', 'go.mod')]);
    expect(readTextFile(join(dir, 'as-fifo', 'go.mod'))).toBeUndefined();
    // toolchain/requirement.test.ts checks that moduleRequirement reads go.mod the same way.
  });
});

describe('isWithin', () => {
  it('is the directory itself or below it, never beside or above', () => {
    const w = resolve('/w');
    expect(isWithin(w, w)).toBe(true);
    expect(isWithin(w, join(w, 'dist', 'x'))).toBe(true);
    expect(isWithin(w, join(w, 'a', '..', 'b'))).toBe(true);
    expect(isWithin(w, resolve('/w2'))).toBe(false);
    expect(isWithin(w, resolve('/'))).toBe(false);
    expect(isWithin(w, join(w, '..', 'x'))).toBe(false);
    expect(isWithin(w, join(w, '..'))).toBe(false);
    expect(isWithin(w, join(w, '..foo'))).toBe(true);
    expect(isWithin(w, join(w, '...', 'x'))).toBe(true);
  });
});

describe('readHead', () => {
  it('reads at most the given bytes from the start', async () => {
    writeFileSync(join(dir, 'bin'), Buffer.from('\x7fELF0123456789'));
    expect((await readHead(join(dir, 'bin'), 4)).toString('latin1')).toBe('\x7fELF');
    expect((await readHead(join(dir, 'bin'), 64)).toString('latin1')).toBe('\x7fELF0123456789');
    await expect(readHead(join(dir, 'missing'), 4)).rejects.toThrow(/ENOENT/);
  });
});

describe('findOnPath', () => {
  it('finds the first executable of that name, as a shell does', () => {
    for (const d of ['a', 'b', 'c', 'd']) mkdirSync(join(dir, d));
    writeFileSync(join(dir, 'a', 'go'), 'not executable', { mode: 0o644 });
    mkdirSync(join(dir, 'b', 'go')); // a directory named go
    writeFileSync(join(dir, 'c', 'go'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(dir, 'd', 'go'), '#!/bin/sh\n', { mode: 0o755 });
    const path = ['a', 'b', 'c', 'd'].map((d) => join(dir, d)).join(':');
    expect(findOnPath('go', path, ':', false)).toBe(join(dir, 'c', 'go'));
    expect(findOnPath('go', join(dir, 'a'), ':', false)).toBeUndefined();
    expect(findOnPath('go', '', ':', false)).toBeUndefined();
  });

  it('skips empty and relative entries, which would find a program in the checkout', () => {
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'go'), '#!/bin/sh\n', { mode: 0o755 });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(findOnPath('go', ':bin:./bin', ':', false)).toBeUndefined();
      expect(findOnPath('go', `:bin:${join(dir, 'bin')}`, ':', false)).toBe(join(dir, 'bin', 'go'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('looks for name.exe on Windows', () => {
    writeFileSync(join(dir, 'go.exe'), 'MZ');
    writeFileSync(join(dir, 'go'), 'MZ');
    expect(findOnPath('go', dir, ';', true)).toBe(join(dir, 'go.exe'));
  });
});

describe('findProgram', () => {
  it('looks a name up on PATH, and takes a path relative to the working directory, as exec.LookPath does', () => {
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'wd', 'scripts'), { recursive: true });
    writeFileSync(join(dir, 'bin', 'signer'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(dir, 'wd', 'scripts', 'sign.sh'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(dir, 'wd', 'scripts', 'plain.txt'), 'not executable', { mode: 0o644 });
    const wd = join(dir, 'wd');
    expect(findProgram('signer', wd, join(dir, 'bin'), ':', false)).toBe(join(dir, 'bin', 'signer'));
    expect(findProgram('sign.sh', wd, join(dir, 'bin'), ':', false)).toBeUndefined();
    expect(findProgram('./scripts/sign.sh', wd, '', ':', false)).toBe(join(wd, 'scripts', 'sign.sh'));
    expect(findProgram(join(wd, 'scripts', 'sign.sh'), '/', '', ':', false)).toBe(join(wd, 'scripts', 'sign.sh'));
    expect(findProgram('scripts/plain.txt', wd, '', ':', false)).toBeUndefined();
    expect(findProgram('scripts', wd, '', ':', false)).toBeUndefined();
    expect(findProgram('./scripts/missing.sh', wd, '', ':', false)).toBeUndefined();
  });

  it('on Windows, finds signtool and signtool.exe alike as signtool.exe', () => {
    mkdirSync(join(dir, 'kit'));
    writeFileSync(join(dir, 'kit', 'signtool.exe'), 'MZ');
    expect(findProgram('signtool', dir, join(dir, 'kit'), ';', true)).toBe(join(dir, 'kit', 'signtool.exe'));
    expect(findProgram('signtool.exe', dir, join(dir, 'kit'), ';', true)).toBe(join(dir, 'kit', 'signtool.exe'));
  });
});
