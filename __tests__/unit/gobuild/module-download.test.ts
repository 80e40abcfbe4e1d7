// go mod download before the builds, with a stand-in `go` that records that it ran.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionError } from '../../../src/errors.js';
import { downloadModules } from '../../../src/gobuild/module-download.js';
import { ProcessError } from '../../../src/lib/process.js';
import type { Toolchain } from '../../../src/toolchain/toolchain.js';
import { recordingLog } from '../helpers.js';

let dir: string;
let mod: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mod-download-'));
  mod = join(dir, 'mod');
  mkdirSync(mod);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakeGo(code: number, said = 'go: downloading example.com/dep v1.0.0'): Toolchain {
  const go = join(dir, 'go');
  writeFileSync(go, `#!/bin/sh\ntouch "${dir}/ran-$1-$2"\necho "${said}" >&2\nexit ${code}\n`);
  chmodSync(go, 0o755);
  return { go, goroot: dir } as Toolchain;
}
const ctx = (log: ReturnType<typeof recordingLog>['log']) =>
  ({
    env: { PATH: '/usr/bin:/bin' },
    pathSep: ':',
    workingDirectory: mod,
    log: { ...log, group: <T>(_: string, fn: () => Promise<T>) => fn() },
  }) as unknown as Parameters<typeof downloadModules>[1];

describe('downloadModules', () => {
  it('downloads the modules once when there is a go.mod, and shows what go said', async () => {
    writeFileSync(join(mod, 'go.mod'), 'module m\n');
    const { log, info } = recordingLog();
    await downloadModules(fakeGo(0), ctx(log));
    expect(existsSync(join(dir, 'ran-mod-download'))).toBe(true);
    expect(info).toEqual(['go: downloading example.com/dep v1.0.0']);
  });

  it('runs nothing for a vendored module, or without a go.mod', async () => {
    const { log } = recordingLog();
    await downloadModules(fakeGo(0), ctx(log));
    writeFileSync(join(mod, 'go.mod'), 'module m\n');
    mkdirSync(join(mod, 'vendor'));
    writeFileSync(join(mod, 'vendor', 'modules.txt'), '# example.com/dep v1.0.0\n');
    await downloadModules(fakeGo(0), ctx(log));
    expect(existsSync(join(dir, 'ran-mod-download'))).toBe(false);
  });

  it('fails with the command and what go said when the download fails', async () => {
    writeFileSync(join(mod, 'go.mod'), 'module m\n');
    const e = await downloadModules(fakeGo(1), ctx(recordingLog().log)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProcessError);
    expect((e as Error).message).toBe(`${join(dir, 'go')} mod download exited with 1: go: downloading example.com/dep v1.0.0`);
  });

  it("names the credential input when git's authentication fails, and says nothing of the credential", async () => {
    writeFileSync(join(mod, 'go.mod'), 'module m\n');
    const said =
      "go: git.example.com/team/mod@v1.0.0: exit status 128:\n\tfatal: Authentication failed for 'https://git.example.com/team/mod/'";
    const spec = { patterns: ['git.example.com/team'], credential: { username: 'x-access-token', password: 's3cret' } };
    const e = await downloadModules(fakeGo(1, said), ctx(recordingLog().log), spec).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ActionError);
    expect(e).toMatchObject({ title: 'Private module fetch refused' });
    expect((e as Error).message).toMatch(
      /^git could not authenticate to https:\/\/git\.example\.com\/team\/mod\/ with the credential in private-modules-token/,
    );
    expect((e as Error).message).not.toContain('s3cret');
  });
});
