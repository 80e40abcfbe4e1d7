import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTextFile } from '../../src/files.js';
import { moduleRequirement } from '../../src/toolchain/requirement.js';

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
    // The module requirement reads go.mod the same way: no hang, no raw error.
    expect(moduleRequirement(join(dir, 'as-fifo'))).toBeUndefined();
    expect(moduleRequirement(join(dir, 'as-dir'))).toBeUndefined();
    expect(moduleRequirement(dir)).toMatchObject({ version: '1.22.0', line: 'go 1.22' });
  });
});
