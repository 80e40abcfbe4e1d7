import { toolchainTable } from '../../../src/toolchain/announce.js';
import type { Toolchain, VerifiedToolchain } from '../../../src/toolchain/toolchain.js';

const base: VerifiedToolchain = {
  verified: true,
  version: '1.24.1',
  goName: 'go1.24.1',
  goroot: '/t/go/1.24.1/x64',
  go: '/t/go/1.24.1/x64/bin/go',
  gopath: '/h/go',
  file: 'go1.24.1.linux-amd64.tar.gz',
  url: 'https://go.dev/dl/go1.24.1.linux-amd64.tar.gz',
  sha256: 'c'.repeat(64),
  hashSource: 'checksum table',
  fromToolCache: false,
};

describe('the summary table', () => {
  it('names the archive and its SHA-256', () => {
    expect(toolchainTable(base)).toEqual([
      ['Go', 'Archive', 'SHA-256', 'Verified against', 'Source'],
      ['1.24.1', 'go1.24.1.linux-amd64.tar.gz', `<code>${'c'.repeat(64)}</code>`, 'checksum table', 'download'],
    ]);
  });

  it("names a preinstalled tree's module, its h1 and where that came from", () => {
    const h1 = 'h1:+AbJFFR/Yl0P7OUo47KYyCkJGQwVW2QsKjfJalHZRnM=';
    const tc: Toolchain = {
      ...base,
      file: '',
      url: '',
      sha256: '',
      hashSource: 'toolchain module hash',
      fromToolCache: true,
      moduleHash: { module: 'golang.org/toolchain@v0.0.1-go1.24.1.linux-amd64', h1, source: 'go-sha256' },
    };
    expect(toolchainTable(tc)).toEqual([
      ['Go', 'Module', 'h1', 'Verified against', 'Source'],
      [
        '1.24.1',
        'golang.org/toolchain@v0.0.1-go1.24.1.linux-amd64',
        `<code>${h1}</code>`,
        'toolchain module hash (go-sha256)',
        'tool cache (preinstalled)',
      ],
    ]);
  });

  it('says the Go on PATH is unverified, and where it is', () => {
    const tc: Toolchain = {
      verified: false,
      version: '1.24.1',
      goName: 'go1.24.1',
      goroot: '/usr/lib/go',
      go: '/usr/bin/go',
      gopath: '/h/go',
    };
    expect(toolchainTable(tc)).toEqual([
      ['Go', 'Archive', 'SHA-256', 'Verified against', 'Source'],
      ['1.24.1', 'none', 'none', 'unverified (Go on PATH)', '/usr/bin/go'],
    ]);
  });
});
