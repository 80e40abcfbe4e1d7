import table from '../../../src/toolchain/checksums.json' with { type: 'json' };
import { officialHash, officialModuleHash } from '../../../src/toolchain/checksums.js';

describe('the shipped checksum table', () => {
  it.each([
    // As go.dev/dl publishes them.
    ['go1.21.0.linux-amd64.tar.gz', 'd0398903a16ba2232b389fb31032ddf57cac34efda306a0eebac34f0965a0742'],
    ['go1.22.0.linux-amd64.tar.gz', 'f6c8a87aa03b92c4b0bf3d558e28ea03006eb29db78917daec5cfb6ec1046265'],
    ['go1.24.4.linux-amd64.tar.gz', '77e5da33bb72aeaef1ba4418b6fe511bc4d041873cbf82e5aa6318740df98717'],
  ])('knows the official SHA-256 of %s', (file, sha256) => {
    expect(officialHash(file)).toEqual({ sha256, provisional: false });
  });

  it('says when only unattributed copies vouch for a hash', () => {
    const [file, entry] = Object.entries(table.files).find(([, e]) => 'provisional' in e && e.provisional)!;
    expect(officialHash(file)).toEqual({ sha256: entry.sha256, provisional: true });
  });

  it('knows nothing of other names, including those every object has', () => {
    for (const name of [
      'go1.24.4.linux-amd64.tar.gz.sig',
      'go9.9.9.linux-amd64.tar.gz',
      '',
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
    ])
      expect(officialHash(name)).toBeUndefined();
    for (const name of ['v0.0.1-go9.9.9.linux-amd64', 'constructor', '__proto__', 'go1.24.4.linux-amd64.tar.gz'])
      expect(officialModuleHash(name)).toBeUndefined();
  });

  it('gives the h1 of a recorded toolchain module version', () => {
    const [version] = Object.keys(table.modules);
    expect(officialModuleHash(version)).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
  });

  // What scripts/update-checksums.mjs must keep true of the file it maintains (it stamps what it merges
  // `go.dev index DATE` or `sum.golang.org lookup DATE`).
  it('holds well-formed, distinct hashes of Go archive names, each attributed to named sources unless provisional', () => {
    const named = (s: string) => Object.hasOwn(table.sources, s) || /^(go\.dev index|sum\.golang\.org lookup) \d{4}-\d{2}-\d{2}$/.test(s);
    const problems: string[] = [];
    const seen = new Map<string, string>();
    for (const [file, e] of Object.entries(table.files) as [string, { sha256: string; sources: string[]; provisional?: boolean }][]) {
      if (!/^go\d+\.\d+(\.\d+)?((rc|beta)\d+)?\.[a-z0-9]+-[a-z0-9]+\.(tar\.gz|zip)$/.test(file))
        problems.push(`${file}: not a Go archive name`);
      if (!/^[0-9a-f]{64}$/.test(e.sha256)) problems.push(`${file}: SHA-256 ${e.sha256}`);
      if (seen.has(e.sha256)) problems.push(`${file}: same SHA-256 as ${seen.get(e.sha256)}`);
      seen.set(e.sha256, file);
      if (!e.sources.every(named)) problems.push(`${file}: unnamed source in ${e.sources.join(', ')}`);
      if (e.provisional ? e.sources.length > 0 : e.sources.length === 0)
        problems.push(`${file}: provisional ${e.provisional} with ${e.sources.length} sources`);
    }
    for (const [version, e] of Object.entries(table.modules)) {
      if (!/^v0\.0\.1-go\d+\.\d+(\.\d+)?((rc|beta)\d+)?\.[a-z0-9]+-[a-z0-9]+$/.test(version))
        problems.push(`${version}: not a toolchain module version`);
      if (!/^h1:[A-Za-z0-9+/]{43}=$/.test(e.h1)) problems.push(`${version}: h1 ${e.h1}`);
      if (e.sources.length === 0 || !e.sources.every(named)) problems.push(`${version}: sources ${e.sources.join(', ')}`);
    }
    expect(problems).toEqual([]);
    expect(seen.size).toBeGreaterThan(1000);
  });
});
