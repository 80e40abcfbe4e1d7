import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newHttpClient } from '../../../src/lib/http.js';
import type { Log } from '../../../src/lib/log.js';
import { extraction, install } from '../../../src/toolchain/install.js';
import { removeSlot, slot, verifiedInstall } from '../../../src/toolchain/tool-cache.js';
import { startMirror, type Mirror } from '../../support/mirror.ts';

describe('extraction', () => {
  it('streams tar.gz into tar while it downloads', () => {
    expect(extraction('go1.24.4.linux-amd64.tar.gz', '/s')).toEqual({
      streamed: true,
      command: 'tar',
      args: ['-xzof', '-', '-C', '/s'],
    });
  });

  it('holds a zip, to extract in process once verified (no tar.exe)', () => {
    expect(extraction('go1.24.4.windows-amd64.zip', '/s')).toEqual({ streamed: false });
  });
});

// install() itself, against the harness's local mirror. With `fastRoot` the tree goes there and
// the slot links to it: on Windows that is D: and a junction; here a directory and a symlink, the
// same code path (a Windows runner's probe and placement, which Wine cannot make junctions for).
describe('install', () => {
  let dir: string;
  let archive: { path: string; sha256: string };
  let mirror: Mirror;
  const lines: string[] = [];
  const log = { info: (m: string) => lines.push(m), warning: (m: string) => lines.push(m), debug: () => undefined } as unknown as Log;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gcb-install-'));
    const src = join(dir, 'src');
    mkdirSync(join(src, 'go', 'bin'), { recursive: true });
    writeFileSync(join(src, 'go', 'bin', 'go'), '#!/bin/sh\n');
    writeFileSync(join(src, 'go', 'VERSION'), 'go1.24.4\n');
    const path = join(dir, 'go1.24.4.linux-amd64.tar.gz');
    execFileSync('tar', ['-czf', path, '-C', src, 'go']);
    archive = { path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
    mirror = await startMirror([
      { version: 'go1.24.4', stable: true, files: [{ filename: 'go1.24.4.linux-amd64.tar.gz', sha256: archive.sha256, path }] },
    ]);
  });
  afterAll(async () => {
    await mirror.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function request(name: string, sha256 = archive.sha256) {
    const toolCache = join(dir, name, 'c', 'toolcache');
    const fastRoot = join(dir, name, 'd', 'toolcache');
    return {
      url: `${mirror.url}/go1.24.4.linux-amd64.tar.gz`,
      file: 'go1.24.4.linux-amd64.tar.gz',
      version: '1.24.4',
      sha256,
      tool: { label: 'Go 1.24.4', topDir: 'go', entry: 'bin', urlInput: 'go-download-base-url' },
      toolCache,
      slot: slot(toolCache, '1.24.4', 'x64'),
      fastRoot,
      platform: 'linux/amd64',
      stallMs: 10_000,
    };
  }

  it('puts the tree under fastRoot and links the slot to it; record and marker stay beside the slot', async () => {
    const req = request('linked');
    await install(newHttpClient(10_000), req, log);
    const twin = join(req.fastRoot, 'go', '1.24.4', 'x64');
    expect(lstatSync(req.slot.dir).isSymbolicLink()).toBe(true);
    expect(readlinkSync(req.slot.dir)).toBe(twin);
    expect(readFileSync(join(req.slot.dir, 'VERSION'), 'utf8')).toBe('go1.24.4\n');
    expect(readdirSync(join(req.toolCache, 'go', '1.24.4')).sort()).toEqual(['x64', 'x64.complete', 'x64.go-crossbuild.json']);
    expect(readdirSync(req.toolCache)).toEqual(['go']); // no staging, probe or aside left
    expect(readdirSync(req.fastRoot)).toEqual(['go']);
    expect(lines).toContain(`Installed on ${twin}, linked from ${req.slot.dir}`);
    expect(verifiedInstall(req.slot, archive.sha256, 'go')).toBeDefined();

    // Removing the slot removes the tree it links to as well.
    await removeSlot(req.slot);
    expect(existsSync(twin)).toBe(false);
    expect(existsSync(join(req.toolCache, 'go'))).toBe(false);
  });

  it('replaces what the slot and its twin held', async () => {
    const req = request('replace');
    const twin = join(req.fastRoot, 'go', '1.24.4', 'x64');
    mkdirSync(join(req.slot.dir, 'bin'), { recursive: true });
    writeFileSync(join(req.slot.dir, 'old'), '');
    mkdirSync(twin, { recursive: true });
    writeFileSync(join(twin, 'stale'), '');
    await install(newHttpClient(10_000), req, log);
    expect(readdirSync(req.slot.dir).sort()).toEqual(['VERSION', 'bin']);
    expect(readdirSync(req.toolCache)).toEqual(['go']);
  });

  it('leaves neither side behind when the hash does not match', async () => {
    const req = request('mismatch', '0'.repeat(64));
    await expect(install(newHttpClient(10_000), req, log)).rejects.toThrow(/SHA-256 [0-9a-f]{64}, expected 0{64}/);
    expect(readdirSync(req.toolCache)).toEqual([]);
    expect(existsSync(req.fastRoot)).toBe(false);
  });
});
