import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goLine, moduleRequirement } from '../../../src/toolchain/requirement.js';

describe('goLine', () => {
  it('reads the go directive as semver', () => {
    expect(goLine('module x\n\ngo 1.25 // newer\n')).toEqual({ version: '1.25.0', line: 'go 1.25' });
    expect(goLine('module x\ngo 1.22.3\n')).toEqual({ version: '1.22.3', line: 'go 1.22.3' });
    expect(goLine('module x\n')).toBeUndefined();
  });
});

describe('moduleRequirement (real files)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'requirement-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads go.mod only when it is a regular file: a directory or a FIFO is none (and never blocks)', () => {
    writeFileSync(join(dir, 'go.mod'), 'module x\n\ngo 1.22\n');
    mkdirSync(join(dir, 'as-dir', 'go.mod'), { recursive: true });
    mkdirSync(join(dir, 'as-fifo'));
    execFileSync('mkfifo', [join(dir, 'as-fifo', 'go.mod')]);
    // The nearest go.mod is the unusable one: no hang, no raw error, and no look further up.
    expect(moduleRequirement(join(dir, 'as-fifo'))).toBeUndefined();
    expect(moduleRequirement(join(dir, 'as-dir'))).toBeUndefined();
    expect(moduleRequirement(dir)).toMatchObject({ version: '1.22.0', line: 'go 1.22' });
  });

  it('finds the nearest go.mod above the directory, with its file', () => {
    writeFileSync(join(dir, 'go.mod'), 'module x\n\ngo 1.23.4\n');
    mkdirSync(join(dir, 'cmd', 'tool'), { recursive: true });
    expect(moduleRequirement(join(dir, 'cmd', 'tool'))).toEqual({ file: join(dir, 'go.mod'), version: '1.23.4', line: 'go 1.23.4' });
  });

  it('takes the stricter of go.work and go.mod', () => {
    mkdirSync(join(dir, 'mod'));
    writeFileSync(join(dir, 'go.work'), 'go 1.22\n\nuse ./mod\n');
    writeFileSync(join(dir, 'mod', 'go.mod'), 'module x\n\ngo 1.24.0\n');
    expect(moduleRequirement(join(dir, 'mod'))).toEqual({ file: join(dir, 'mod', 'go.mod'), version: '1.24.0', line: 'go 1.24.0' });
    writeFileSync(join(dir, 'go.work'), 'go 1.25rc1\n\nuse ./mod\n');
    expect(moduleRequirement(join(dir, 'mod'))).toEqual({ file: join(dir, 'go.work'), version: '1.25.0-rc.1', line: 'go 1.25rc1' });
  });

  it('is undefined when no go line is found', () => {
    writeFileSync(join(dir, 'go.mod'), 'module x\n');
    expect(moduleRequirement(dir)).toBeUndefined();
  });
});
