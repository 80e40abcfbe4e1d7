import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orRefuse } from '../../../src/errors.js';
import { archiveFilesOf, clashingEntries, entryName, resolveArchiveFiles as judgeFiles } from '../../../src/gobuild/archive-files.js';
import { buildSpec } from '../helpers.js';

/** The files, or the problem thrown as the action throws it. */
const resolveArchiveFiles = async (...args: Parameters<typeof judgeFiles>) => orRefuse(await judgeFiles(...args));
import { InputError } from '../../../src/errors.js';

describe('entryName', () => {
  it('is the path under working-directory, or the base name of a file outside it', () => {
    expect(entryName('/w/mod/LICENSE', '/w/mod')).toBe('LICENSE');
    expect(entryName('/w/mod/completions/tool.fish', '/w/mod')).toBe('completions/tool.fish');
    expect(entryName('/w/LICENSE', '/w/mod')).toBe('LICENSE');
  });
});

describe('clashingEntries', () => {
  it('names every entry two things would take', () => {
    expect(
      clashingEntries([
        { name: 'tool', from: 'the binary' },
        { name: 'tool', from: 'tool' },
        { name: 'LICENSE', from: 'LICENSE' },
      ]),
    ).toEqual(['tool (the binary, tool)']);
  });
});

describe('resolveArchiveFiles', () => {
  let dir: string;
  let mod: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gcb-files-'));
    mod = join(dir, 'cmd', 'tool');
    mkdirSync(join(mod, 'completions'), { recursive: true });
    writeFileSync(join(dir, 'LICENSE'), 'MIT');
    writeFileSync(join(mod, 'README.md'), '# tool');
    writeFileSync(join(mod, 'completions', 'tool.bash'), 'x');
    writeFileSync(join(mod, 'completions', 'install.sh'), '#!/bin/sh');
    chmodSync(join(mod, 'completions', 'install.sh'), 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes globs, directories and files outside the module, sorted, with owner-executable files 0755', async () => {
    const files = await resolveArchiveFiles(['README*', 'completions/', '../../LICENSE'], mod, ['tool']);
    expect(files.map((f) => [f.name, f.mode.toString(8)])).toEqual([
      ['LICENSE', '644'],
      ['README.md', '644'],
      ['completions/install.sh', '755'],
      ['completions/tool.bash', '644'],
    ]);
  });

  it('refuses a pattern that matches no file, naming it', async () => {
    const e = await resolveArchiveFiles(['README*', 'NOTICE'], mod, ['tool']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toContain(`Input archive-files = "README*, NOTICE": NOTICE matches no file in ${mod}`);
  });

  it('refuses a symlink, and a file that takes the name of the binary', async () => {
    symlinkSync('/etc/hostname', join(mod, 'HOST'));
    await expect(resolveArchiveFiles(['HOST'], mod, ['tool'])).rejects.toThrow('is not a regular file');
    writeFileSync(join(mod, 'tool.exe'), 'x');
    await expect(resolveArchiveFiles(['tool*'], mod, ['tool', 'tool.exe'])).rejects.toThrow(
      'two entries of an archive take one name: tool.exe (the binary, tool.exe)',
    );
  });
});

describe('archiveFilesOf', () => {
  const noName = { input: 'binary-name', value: '', problem: 'no name can be derived for package .', allowed: 'a file name' };

  it('needs no binary name, and finds nothing, without archives or archive-files', async () => {
    expect(await archiveFilesOf(buildSpec({ archive: 'none' }), '/nowhere', noName)).toEqual([]);
    expect(await archiveFilesOf(buildSpec({ archiveFiles: [] }), '/nowhere', noName)).toEqual([]);
  });

  it("refuses archive-files when a binary's name, which no file may take, cannot be derived", async () => {
    expect(await archiveFilesOf(buildSpec({ archiveFiles: ['LICENSE'] }), '/nowhere', noName)).toBe(noName);
  });
});
