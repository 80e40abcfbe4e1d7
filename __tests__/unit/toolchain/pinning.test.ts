// What pins a toolchain without the release index. The index itself (ReleaseIndex.get, and the
// paths that need it: a range with check-latest, a version the shipped table lacks, an index that
// renames or contradicts) needs an HTTP server and is left to the e2e toolchain tests. Here the
// index points at a closed port: a case that needed it would fail, and `fetched` stays undefined.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionError, InputError, orRefuse } from '../../../src/errors.js';
import { newHttpClient } from '../../../src/lib/http.js';
import type { Log } from '../../../src/lib/log.js';
import { offlineInputs, recordingLog } from '../helpers.js';
import {
  chooseArchive as judgeArchive,
  chooseTreeHash,
  exactVersion as judgeVersion,
  ReleaseIndex,
} from '../../../src/toolchain/pinning.js';

/** The pinning functions, with their input problems thrown as the action throws them. */
const exactVersion = async (...args: Parameters<typeof judgeVersion>) => orRefuse(await judgeVersion(...args));
const chooseArchive = async (...args: Parameters<typeof judgeArchive>) => orRefuse(await judgeArchive(...args));
import type { ToolchainSpec } from '../../../src/toolchain/toolchain-spec.js';

/** The official SHA-256 of go1.24.4.linux-amd64.tar.gz (go.dev/dl), as the shipped table has it. */
const GO1244_LINUX_AMD64 = '77e5da33bb72aeaef1ba4418b6fe511bc4d041873cbf82e5aa6318740df98717';
const linux = { goos: 'linux', goarch: 'amd64' };

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pinning-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const inputs = (over: Partial<ToolchainSpec> = {}): ToolchainSpec => offlineInputs(dir, over);
const unreachableIndex = (log: Log) => new ReleaseIndex(newHttpClient(1_000), 'http://127.0.0.1:9/dl', log);

describe('exactVersion', () => {
  it('takes an exact version as given', async () => {
    const { log, info } = recordingLog();
    const index = unreachableIndex(log);
    expect(await exactVersion(inputs(), index, ['1.24.5'], log)).toBe('1.24.4');
    expect(index.fetched).toBeUndefined();
    expect(info).toEqual([]);
  });

  it('takes the newest tool-cache version in a range, and says so', async () => {
    const { log, info } = recordingLog();
    const index = unreachableIndex(log);
    const range = inputs({ spec: { kind: 'range', range: '1.24.x' }, specValue: '1.24' });
    expect(await exactVersion(range, index, ['1.23.9', '1.24.2', '1.24.4', '1.25.0-rc.1'], log)).toBe('1.24.4');
    expect(index.fetched).toBeUndefined();
    expect(info).toEqual(['1.24.x matches 1.24.4 in the tool cache (check-latest: true asks the index instead)']);
  });

  it('refuses a version older than the go line of go.mod, naming the input', async () => {
    const { log } = recordingLog();
    writeFileSync(join(dir, 'go.mod'), 'module x\n\ngo 1.25.1\n');
    const err = await exactVersion(inputs(), unreachableIndex(log), [], log).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe('go-version');
    expect((err as InputError).message).toBe(
      `Input go-version = "1.24.4": it resolves to Go 1.24.4, but ${join(dir, 'go.mod')} says "go 1.25.1"; with GOTOOLCHAIN=local that module cannot be built. ` +
        'Allowed: Go 1.25.1 or newer (or go-version-file: go.mod)',
    );
    // As new as the module asks is enough.
    expect(await exactVersion(inputs({ spec: { kind: 'exact', version: '1.25.1' } }), unreachableIndex(log), [], log)).toBe('1.25.1');
  });

  it('counts a revision build as new as the release it was built from', async () => {
    const { log } = recordingLog();
    writeFileSync(join(dir, 'go.mod'), 'module x\n\ngo 1.25.0\n');
    // Semver orders 1.25.0-1 before 1.25.0; the module check must not.
    const revision = inputs({ spec: { kind: 'exact', version: '1.25.0-1' }, specValue: '1.25.0-1' });
    expect(await exactVersion(revision, unreachableIndex(log), [], log)).toBe('1.25.0-1');
    const older = inputs({ spec: { kind: 'exact', version: '1.24.4-3' }, specValue: '1.24.4-3' });
    const err = await exactVersion(older, unreachableIndex(log), [], log).catch((e: unknown) => e);
    expect((err as InputError).message).toContain('it resolves to Go 1.24.4-3, but');
  });

  it('points at go.work when the workspace file asks for more', async () => {
    const { log } = recordingLog();
    mkdirSync(join(dir, 'mod'));
    writeFileSync(join(dir, 'go.work'), 'go 1.25.0\n\nuse ./mod\n');
    writeFileSync(join(dir, 'mod', 'go.mod'), 'module x\n\ngo 1.22\n');
    const err = await exactVersion(inputs({ workingDirectory: join(dir, 'mod') }), unreachableIndex(log), [], log).catch((e: unknown) => e);
    expect((err as InputError).allowed).toBe('Go 1.25.0 or newer (or go-version-file: go.work)');
  });
});

describe('chooseArchive', () => {
  it('takes the official archive and the shipped hash, without the index', async () => {
    const { log } = recordingLog();
    const index = unreachableIndex(log);
    expect(await chooseArchive(inputs(), '1.24.4', linux, index)).toEqual({
      platform: linux,
      file: 'go1.24.4.linux-amd64.tar.gz',
      url: 'http://127.0.0.1:9/dl/go1.24.4.linux-amd64.tar.gz',
      expected: { sha256: GO1244_LINUX_AMD64, source: 'checksum table', warnings: [] },
    });
    const win = await chooseArchive(inputs(), '1.24.4', { goos: 'windows', goarch: 'amd64' }, index);
    expect([win.file, win.expected.source]).toEqual(['go1.24.4.windows-amd64.zip', 'checksum table']);
    expect(index.fetched).toBeUndefined();
  });

  it('lets a go-sha256 pin decide, warning when it is not the official hash', async () => {
    const { log } = recordingLog();
    const index = unreachableIndex(log);
    const pinned = await chooseArchive(inputs({ pins: { kind: 'single', sha256: 'b'.repeat(64) } }), '1.24.4', linux, index);
    expect(pinned.expected.sha256).toBe('b'.repeat(64));
    expect(pinned.expected.source).toBe('go-sha256');
    expect(pinned.expected.warnings).toEqual([
      `go-sha256 pins ${'b'.repeat(64)} for go1.24.4.linux-amd64.tar.gz, but the official hash of go1.24.4.linux-amd64.tar.gz is ${GO1244_LINUX_AMD64}: installing the pinned bytes, not Go's.`,
    ]);
    expect(index.fetched).toBeUndefined();
  });

  it("needs no index when a pin line names Go's own file, even for a release the table lacks", async () => {
    const { log } = recordingLog();
    const index = unreachableIndex(log);
    const pins = { kind: 'files' as const, byFile: new Map([['go1.99.0.linux-amd64.tar.gz', 'c'.repeat(64)]]) };
    expect(await chooseArchive(inputs({ pins }), '1.99.0', linux, index)).toEqual({
      platform: linux,
      file: 'go1.99.0.linux-amd64.tar.gz',
      url: 'http://127.0.0.1:9/dl/go1.99.0.linux-amd64.tar.gz',
      expected: { sha256: 'c'.repeat(64), source: 'go-sha256', warnings: [] },
    });
    expect(index.fetched).toBeUndefined();
  });

  describe('a revision build (the Microsoft build of Go)', () => {
    const revision = (over: Partial<ToolchainSpec> = {}) =>
      inputs({ spec: { kind: 'exact', version: '1.25.0-1' }, specValue: '1.25.0-1', ...over });

    it('is pinned by go-sha256 under its own file name, with no index and no table entry', async () => {
      const { log } = recordingLog();
      const index = unreachableIndex(log);
      const pins = { kind: 'single' as const, sha256: 'd'.repeat(64) };
      expect(await chooseArchive(revision({ pins }), '1.25.0-1', linux, index)).toEqual({
        platform: linux,
        file: 'go1.25.0-1.linux-amd64.tar.gz',
        url: 'http://127.0.0.1:9/dl/go1.25.0-1.linux-amd64.tar.gz',
        expected: { sha256: 'd'.repeat(64), source: 'go-sha256', warnings: [] },
      });
      const lines = { kind: 'files' as const, byFile: new Map([['go1.25.0-1.windows-arm64.zip', 'e'.repeat(64)]]) };
      const win = await chooseArchive(revision({ pins: lines }), '1.25.0-1', { goos: 'windows', goarch: 'arm64' }, index);
      expect([win.file, win.expected.sha256]).toEqual(['go1.25.0-1.windows-arm64.zip', 'e'.repeat(64)]);
      expect(index.fetched).toBeUndefined();
    });

    it("is never vouched for by the table's hash of the release it was built from", async () => {
      // The table knows go1.24.4.linux-amd64.tar.gz; go1.24.4-1 is other bytes, and nothing vouches for them.
      const { log } = recordingLog();
      const err = await chooseArchive(
        inputs({ spec: { kind: 'exact', version: '1.24.4-1' } }),
        '1.24.4-1',
        linux,
        unreachableIndex(log),
      ).catch((e: unknown) => e);
      expect((err as ActionError).title).toBe('No checksum to verify against');
    });

    it('fails closed when nothing vouches and no index can be read, naming go-sha256 and the file', async () => {
      const { log } = recordingLog();
      const err = await chooseArchive(revision(), '1.25.0-1', linux, unreachableIndex(log)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ActionError);
      expect((err as ActionError).title).toBe('No checksum to verify against');
      const message = (err as ActionError).message;
      expect(message).toMatch(
        /^Nothing vouches for go1\.25\.0-1\.linux-amd64\.tar\.gz: it is not an official file name known to this action, /,
      );
      expect(message).toContain(
        'no release index could be read (Could not read the Go release index at http://127.0.0.1:9/dl/?mode=json&include=all (',
      );
      expect(message).toContain('ECONNREFUSED');
      expect(message).toContain('. Pin it with go-sha256 ("HASH  go1.25.0-1.linux-amd64.tar.gz")');
      expect(message).not.toContain('Check go-download-base-url');
    }, 30_000);
  });
});

describe('chooseTreeHash', () => {
  it("takes the shipped h1 of a release's toolchain module, looked up by Go's names", () => {
    // checksums.json's entry, seeded from mjl-/ysco's testdata/xgosumdb.sh.
    expect(chooseTreeHash(inputs(), '1.24.1', linux)).toEqual({
      moduleVersion: 'v0.0.1-go1.24.1.linux-amd64',
      expected: { h1: 'h1:+AbJFFR/Yl0P7OUo47KYyCkJGQwVW2QsKjfJalHZRnM=', source: 'checksum table' },
    });
    expect(chooseTreeHash(inputs(), '1.25.0-rc.1', { goos: 'darwin', goarch: 'arm64' })).toMatchObject({
      moduleVersion: 'v0.0.1-go1.25rc1.darwin-arm64',
      expected: { problem: expect.stringContaining('no toolchain module hash is known') },
    });
  });

  it("lets go-sha256 pin the h1, and keeps Go's h1 from vouching for other pinned bytes", () => {
    const h1 = `h1:${'P'.repeat(43)}=`;
    const modules = new Map([['v0.0.1-go1.24.1.linux-amd64', h1]]);
    expect(chooseTreeHash(inputs({ pins: { kind: 'none', modules } }), '1.24.1', linux).expected).toEqual({ h1, source: 'go-sha256' });
    expect(chooseTreeHash(inputs({ pins: { kind: 'single', sha256: 'b'.repeat(64) } }), '1.24.1', linux).expected).toMatchObject({
      problem: expect.stringContaining('to other bytes'),
    });
  });
});
