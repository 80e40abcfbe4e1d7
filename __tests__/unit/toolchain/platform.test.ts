import { archiveFileName, goarchOf, hostPlatform, indexArch, toolCacheArch } from '../../../src/toolchain/platform.js';

describe('platform names', () => {
  it('maps Node platforms to GOOS/GOARCH', () => {
    expect(hostPlatform('linux', 'x64')).toEqual({ goos: 'linux', goarch: 'amd64' });
    expect(hostPlatform('win32', 'arm64')).toEqual({ goos: 'windows', goarch: 'arm64' });
    expect(hostPlatform('darwin', 'arm64')).toEqual({ goos: 'darwin', goarch: 'arm64' });
    expect(() => hostPlatform('haiku', 'x64')).toThrow('unsupported runner platform');
  });

  it('accepts Node and Go architecture names', () => {
    expect(goarchOf('x64')).toBe('amd64');
    expect(goarchOf('AMD64')).toBe('amd64');
    expect(goarchOf('aarch64')).toBe('arm64');
    expect(goarchOf('ia32')).toBe('386');
    expect(goarchOf('x32')).toBe('386');
    expect(goarchOf('sparc')).toBeUndefined();
  });

  it('names tool-cache directories as setup-go does', () => {
    expect(toolCacheArch('amd64')).toBe('x64');
    expect(toolCacheArch('arm64')).toBe('arm64');
    expect(toolCacheArch('386')).toBe('ia32');
  });

  it('names official archives, zip for windows and armv6l for arm', () => {
    expect(archiveFileName('go1.24.4', { goos: 'linux', goarch: 'amd64' })).toBe('go1.24.4.linux-amd64.tar.gz');
    expect(archiveFileName('go1.24.4', { goos: 'windows', goarch: 'amd64' })).toBe('go1.24.4.windows-amd64.zip');
    expect(archiveFileName('go1.25rc1', { goos: 'linux', goarch: 'arm' })).toBe('go1.25rc1.linux-armv6l.tar.gz');
    expect(archiveFileName('go1.24.4', { goos: 'darwin', goarch: 'arm64' })).toBe('go1.24.4.darwin-arm64.tar.gz');
    expect(indexArch('arm')).toBe('armv6l');
  });
});
