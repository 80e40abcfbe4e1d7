import { releaseBuild } from '../../../src/cache/select.js';

describe('releaseBuild', () => {
  it('is a tag push or a release event', () => {
    expect(releaseBuild({ GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_EVENT_NAME: 'push' })).toBe('tag v1.2.3');
    expect(releaseBuild({ GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_EVENT_NAME: 'release' })).toBe('release event');
    expect(releaseBuild({ GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_NAME: 'push' })).toBeUndefined();
    expect(releaseBuild({ GITHUB_REF: 'refs/pull/7/merge', GITHUB_EVENT_NAME: 'pull_request' })).toBeUndefined();
    expect(releaseBuild({})).toBeUndefined();
  });
});
