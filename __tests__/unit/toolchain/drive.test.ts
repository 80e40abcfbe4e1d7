import { fastToolCache, rebase } from '../../../src/toolchain/drive.js';

const hosted = { RUNNER_ENVIRONMENT: 'github-hosted' };

describe('fastToolCache', () => {
  it('puts a hosted Windows runner install on D:, in the same layout', () => {
    expect(fastToolCache('C:\\hostedtoolcache\\windows', hosted, true)).toBe('D:\\hostedtoolcache\\windows');
    expect(fastToolCache('c:\\hostedtoolcache\\windows', hosted, true)).toBe('D:\\hostedtoolcache\\windows');
  });

  it('leaves self-hosted runners alone, as setup-go does (AGENT_ISSELFHOSTED unset or 1)', () => {
    expect(fastToolCache('C:\\tc', {}, true)).toBeUndefined();
    expect(fastToolCache('C:\\tc', { AGENT_ISSELFHOSTED: '1' }, true)).toBeUndefined();
    expect(fastToolCache('C:\\tc', { RUNNER_ENVIRONMENT: 'self-hosted', AGENT_ISSELFHOSTED: '1' }, true)).toBeUndefined();
    expect(fastToolCache('C:\\tc', { AGENT_ISSELFHOSTED: '0' }, true)).toBe('D:\\tc');
  });

  it('does nothing off Windows or for a tool cache that is not on C:', () => {
    expect(fastToolCache('/opt/hostedtoolcache', hosted, false)).toBeUndefined();
    expect(fastToolCache('D:\\tc', hosted, true)).toBeUndefined();
    expect(fastToolCache('E:\\tc', hosted, true)).toBeUndefined();
    expect(fastToolCache('\\\\server\\share\\tc', hosted, true)).toBeUndefined();
  });
});

describe('rebase', () => {
  it('maps a tool-cache path to its twin under the D: root, and back', () => {
    expect(rebase('C:\\tc\\go\\1.24.4\\x64', 'C:\\tc', 'D:\\tc')).toBe('D:\\tc\\go\\1.24.4\\x64');
    expect(rebase('D:\\tc\\.probe-1', 'D:\\tc', 'C:\\tc')).toBe('C:\\tc\\.probe-1');
  });
});
