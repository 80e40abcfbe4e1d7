import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPreinstalled, preinstalledVersions, recordedVersions, slot } from '../../../src/toolchain/tool-cache.js';

let cache: string;
beforeEach(() => (cache = mkdtempSync(join(tmpdir(), 'tool-cache-'))));
afterEach(() => rmSync(cache, { recursive: true, force: true }));

/** A slot as setup-go leaves it (tree, `bin/go`, marker), and optionally this action's record. */
function put(version: string, arch: string, { marker = true, exe = 'go', record = false } = {}) {
  const s = slot(cache, version, arch);
  mkdirSync(join(s.dir, 'bin'), { recursive: true });
  writeFileSync(join(s.dir, 'bin', exe), '');
  if (marker) writeFileSync(s.marker, '');
  if (record) writeFileSync(s.record, JSON.stringify({ version, file: 'f', url: 'u', sha256: 'a'.repeat(64) }));
  return s;
}

describe('preinstalled trees', () => {
  it('are complete trees with no record of this action', () => {
    expect(isPreinstalled(put('1.24.1', 'x64'), 'go')).toBe(true);
    expect(isPreinstalled(put('1.24.2', 'x64', { record: true }), 'go')).toBe(false);
    expect(isPreinstalled(put('1.24.3', 'x64', { marker: false }), 'go')).toBe(false);
    expect(isPreinstalled(put('1.24.4', 'x64', { exe: 'go.exe' }), 'go')).toBe(false);
    expect(isPreinstalled(put('1.24.5', 'x64', { exe: 'go.exe' }), 'go.exe')).toBe(true);
    expect(isPreinstalled(slot(cache, '1.24.6', 'x64'), 'go')).toBe(false);
  });

  it('are listed apart from recorded ones, per arch, semver directories only', () => {
    put('1.24.1', 'x64');
    put('1.23.8', 'x64');
    put('1.24.2', 'x64', { record: true });
    put('1.22.8', 'arm64');
    put('not-a-version', 'x64');
    expect(preinstalledVersions(cache, 'x64', 'go').sort()).toEqual(['1.23.8', '1.24.1']);
    expect(recordedVersions(cache, 'x64')).toEqual(['1.24.2']);
    expect(preinstalledVersions(cache, 'arm64', 'go')).toEqual(['1.22.8']);
    expect(preinstalledVersions(join(cache, 'none'), 'x64', 'go')).toEqual([]);
  });
});
