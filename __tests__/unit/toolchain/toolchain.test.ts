import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolCacheVersions } from '../../../src/toolchain/toolchain.js';
import { slot } from '../../../src/toolchain/tool-cache.js';

let cache: string;
beforeEach(() => (cache = mkdtempSync(join(tmpdir(), 'setup-'))));
afterEach(() => rmSync(cache, { recursive: true, force: true }));

function put(version: string, record = false) {
  const s = slot(cache, version, 'x64');
  mkdirSync(join(s.dir, 'bin'), { recursive: true });
  writeFileSync(join(s.dir, 'bin', 'go'), '');
  writeFileSync(s.marker, '');
  if (record) writeFileSync(s.record, '{}');
}

describe('toolCacheVersions', () => {
  const linux = { goos: 'linux', goarch: 'amd64' };

  it('offers recorded versions, and preinstalled ones only when a hash to verify them is known', () => {
    put('1.24.1'); // the shipped table has its h1
    put('1.24.4'); // it has none
    put('1.23.9', true); // recorded by this action
    expect(toolCacheVersions(cache, { platform: linux, pins: { kind: 'none' } }).sort()).toEqual(['1.23.9', '1.24.1']);
    const modules = new Map([['v0.0.1-go1.24.4.linux-amd64', `h1:${'A'.repeat(43)}=`]]);
    expect(toolCacheVersions(cache, { platform: linux, pins: { kind: 'none', modules } }).sort()).toEqual(['1.23.9', '1.24.1', '1.24.4']);
    // A pin of other bytes for 1.24.1's archive: Go's h1 no longer vouches for that tree.
    expect(toolCacheVersions(cache, { platform: linux, pins: { kind: 'single', sha256: 'b'.repeat(64) } })).toEqual(['1.23.9']);
  });
});
