import {
  archiveNames,
  chooseZigArchive,
  DEFAULT_ZIG_VERSION,
  isZigVersion,
  knownVersions,
  topDirectory,
  zigHost,
  ZIG_PUBLIC_KEY,
  type ZigSpec,
} from '../../../src/cc/zig-release.js';
import table from '../../../src/cc/zig-checksums.json' with { type: 'json' };

const linux = { goos: 'linux', goarch: 'amd64' };
const spec = (over: Partial<ZigSpec> = {}): ZigSpec => ({
  version: DEFAULT_ZIG_VERSION,
  pins: { kind: 'none' },
  publicKey: ZIG_PUBLIC_KEY,
  signatureRequired: false,
  ...over,
});
const H = 'a'.repeat(64);

describe('zig releases', () => {
  it('names hosts as zig does', () => {
    expect(zigHost(linux)).toBe('x86_64-linux');
    expect(zigHost({ goos: 'darwin', goarch: 'arm64' })).toBe('aarch64-macos');
    expect(zigHost({ goos: 'windows', goarch: '386' })).toBe('x86-windows');
    expect(zigHost({ goos: 'plan9', goarch: 'amd64' })).toBeUndefined();
  });

  it('spells archives both ways, the published form first (renamed at 0.14.1)', () => {
    expect(archiveNames('0.14.0', 'x86_64-linux')).toEqual(['zig-linux-x86_64-0.14.0.tar.xz', 'zig-x86_64-linux-0.14.0.tar.xz']);
    expect(archiveNames('0.14.1', 'x86_64-linux')).toEqual(['zig-x86_64-linux-0.14.1.tar.xz', 'zig-linux-x86_64-0.14.1.tar.xz']);
    expect(archiveNames('0.14.0-dev.2456+a68119f8f', 'x86_64-linux')[0]).toBe('zig-linux-x86_64-0.14.0-dev.2456+a68119f8f.tar.xz');
    expect(archiveNames('0.15.2', 'aarch64-windows')[0]).toBe('zig-aarch64-windows-0.15.2.zip');
    expect(topDirectory('zig-x86_64-linux-0.15.2.tar.xz')).toBe('zig-x86_64-linux-0.15.2');
    expect(topDirectory('zig-x86_64-windows-0.15.2.zip')).toBe('zig-x86_64-windows-0.15.2');
  });

  it('takes exact releases and development builds only', () => {
    for (const v of ['0.15.2', '0.16.0', '0.14.0-dev.2456+a68119f8f']) expect(isZigVersion(v)).toBe(true);
    for (const v of ['0.15', 'v0.15.2', 'master', '0.15.2-rc1', '']) expect(isZigVersion(v)).toBe(false);
  });

  it("ships hashes for both name forms, each vouched for by two independent sources or zig's own index", () => {
    const files = table.files as Record<string, { version: string; host: string; sha256: string; sources: string[] }>;
    expect(files['zig-x86_64-linux-0.15.2.tar.xz'].sha256).toBe('02aa270f183da276e5b5920b1dac44a63f1a49e55050ebde3aecc9eb82f93239');
    expect(files['zig-linux-x86_64-0.14.0.tar.xz']).toBeDefined();
    for (const [name, e] of Object.entries(files)) {
      expect([name, /^[0-9a-f]{64}$/.test(e.sha256)]).toEqual([name, true]);
      // Seeded entries have two independent projects; the weekly script adds zig's own index.
      const owners = new Set(e.sources.map((s) => s.split(' ')[0].split('/')[0])).size;
      expect([name, owners >= 2 || e.sources.some((s) => s.startsWith('ziglang.org/download/index.json'))]).toEqual([name, true]);
      expect(archiveNames(e.version, e.host)).toContain(name);
    }
    expect(knownVersions('x86_64-linux')).toEqual(expect.arrayContaining(['0.16.0', '0.15.2', '0.14.1', '0.14.0', '0.11.0']));
    expect(knownVersions('x86_64-linux')[0]).toBe('0.16.0');
  });

  it('chooses the official archive and URL from the table', () => {
    expect(chooseZigArchive(spec(), linux)).toEqual({
      version: '0.15.2',
      host: 'x86_64-linux',
      file: 'zig-x86_64-linux-0.15.2.tar.xz',
      url: 'https://ziglang.org/download/0.15.2/zig-x86_64-linux-0.15.2.tar.xz',
      sha256: '02aa270f183da276e5b5920b1dac44a63f1a49e55050ebde3aecc9eb82f93239',
      source: 'checksum table',
      warnings: [],
    });
    const old = chooseZigArchive(spec({ version: '0.13.0', mirror: 'https://m.example/zig' }), linux);
    expect(old).toMatchObject({ file: 'zig-linux-x86_64-0.13.0.tar.xz', url: 'https://m.example/zig/zig-linux-x86_64-0.13.0.tar.xz' });
  });

  it('lets a pin win, saying when it differs from the official hash; a development build is found under /builds', () => {
    const pinned = chooseZigArchive(spec({ pins: { kind: 'single', sha256: H } }), linux);
    expect(pinned).toMatchObject({ sha256: H, source: 'zig-sha256' });
    expect('warnings' in pinned && pinned.warnings[0]).toContain("zig's official hash of zig-x86_64-linux-0.15.2.tar.xz is 02aa270f");
    const dev = '0.14.0-dev.2456+a68119f8f';
    const file = `zig-x86_64-linux-${dev}.tar.xz`;
    expect(chooseZigArchive(spec({ version: dev, pins: { kind: 'files', byFile: new Map([[file, H]]) } }), linux)).toMatchObject({
      file,
      url: `https://ziglang.org/builds/${file}`,
      warnings: [],
    });
  });

  it('says what is wrong: no hash known, no line for this runner, no zig for the runner', () => {
    expect(chooseZigArchive(spec({ version: '0.99.0' }), linux)).toEqual({
      input: 'zig-version',
      value: '0.99.0',
      allowed: 'a zig release the action knows the hash of, or any version with its hash in zig-sha256',
      problem: expect.stringContaining(
        'no SHA-256 is known for zig 0.99.0 on x86_64-linux: the table shipped with the action knows 0.16.0, 0.15.2',
      ),
    });
    expect(chooseZigArchive(spec({ pins: { kind: 'files', byFile: new Map([['zig-aarch64-linux-0.15.2.tar.xz', H]]) } }), linux)).toEqual({
      input: 'zig-sha256',
      value: 'zig-aarch64-linux-0.15.2.tar.xz',
      allowed: 'a "HASH  FILENAME" line for the archive each runner needs',
      problem: 'no line pins zig-x86_64-linux-0.15.2.tar.xz, the zig archive this runner needs (lines pin zig-aarch64-linux-0.15.2.tar.xz)',
    });
    expect(chooseZigArchive(spec(), { goos: 'aix', goarch: 'ppc64' })).toMatchObject({ input: 'zig-version' });
  });
});
