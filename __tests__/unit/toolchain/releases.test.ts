import { readFileSync } from 'node:fs';
import { indexUrl, validateIndex } from '../../../src/toolchain/releases.js';
import { archiveFor, pickRelease } from '../../../src/toolchain/resolve.js';

const H = (c: string) => c.repeat(64);

describe('validateIndex', () => {
  const ok = {
    version: 'go1.24.4',
    stable: true,
    files: [{ filename: 'go1.24.4.linux-amd64.tar.gz', os: 'linux', arch: 'amd64', sha256: H('a'), kind: 'archive' }],
  };

  it('accepts the go.dev shape, including source files with empty os/arch', () => {
    const src = { filename: 'go1.24.4.src.tar.gz', os: '', arch: '', sha256: H('b'), kind: 'source' };
    const { releases, ignored } = validateIndex([{ ...ok, files: [...ok.files, src] }], 'u');
    expect(releases[0]).toMatchObject({ name: 'go1.24.4', version: '1.24.4', stable: true });
    expect(releases[0].files).toHaveLength(2);
    expect(ignored).toEqual([]);
  });

  it('reads the live quirks: keeps every usable release, says what it left out', () => {
    const quirks = JSON.parse(readFileSync(new URL('../../fixtures/index/live-quirks.json', import.meta.url), 'utf8'));
    const { releases, ignored } = validateIndex([...quirks.unstable, ok, ...quirks.old], 'u');
    expect(releases.map((r) => r.name)).toEqual([
      'go1.99rc2',
      'go1.99rc1',
      'go1.99beta1',
      'go1.24.4',
      'go1.5.4',
      'go1.4.3',
      'go1.3.3',
      'go1.2.2',
      'go1.5beta2',
    ]);
    expect(ignored).toContainEqual(expect.stringMatching(/^releases\[\d+\]: "go1" is not a Go release name$/));
    // Archives with an empty hash stay listed, without a hash: choosing one fails closed later.
    expect(ignored).toContainEqual(expect.stringContaining('(go1.5.4.linux-amd64.tar.gz): no SHA-256 listed'));
    const old = releases.find((r) => r.name === 'go1.5.4');
    expect(old && archiveFor(old, { goos: 'linux', goarch: 'amd64' })?.sha256).toBeUndefined();
    expect(pickRelease({ kind: 'alias', alias: 'stable' }, releases, { goos: 'linux', goarch: 'amd64' })?.name).toBe('go1.24.4');
  });

  it('rejects a document that is not an array of releases', () => {
    expect(() => validateIndex({}, 'http://m/?mode=json')).toThrow('the document is not a JSON array of releases');
  });

  it.each([
    [{ ...ok, version: 'banana' }, 'releases[0]: "banana" is not a Go release name'],
    [{ ...ok, stable: 'yes' }, 'releases[0] (go1.24.4): stable is not a boolean'],
    [{ ...ok, files: {} }, 'releases[0] (go1.24.4): files is not an array'],
    [{ ...ok, files: [{ ...ok.files[0], filename: '../../etc/passwd' }] }, 'files[0] (go1.24.4): filename is not a plain file name'],
    [{ ...ok, files: [{ ...ok.files[0], sha256: 'A'.repeat(64) }] }, '(go1.24.4.linux-amd64.tar.gz): no SHA-256 listed'],
    [{ ...ok, files: [{ ...ok.files[0], arch: 'x 64' }] }, 'files[0] (go1.24.4): arch is not an architecture name'],
    [{ ...ok, files: [{ ...ok.files[0], kind: undefined }] }, 'files[0] (go1.24.4): kind is missing'],
  ])('leaves out %j', (entry, reason) => {
    const { ignored } = validateIndex([entry], 'u');
    expect(ignored).toEqual([expect.stringContaining(reason)]);
  });
});

describe('indexUrl', () => {
  it('asks the mirror for every release as JSON', () => {
    expect(indexUrl('https://go.dev/dl')).toBe('https://go.dev/dl/?mode=json&include=all');
  });
});
