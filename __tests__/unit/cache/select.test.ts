import { releaseBuild } from '../../../src/cache/select.js';

const event = (ref: string | undefined, name: string | undefined) => ({ ref, name, defaultBranch: 'main' });

describe('releaseBuild', () => {
  it('is a tag push or a release event', () => {
    expect(releaseBuild(event('refs/tags/v1.2.3', 'push'))).toBe('tag v1.2.3');
    expect(releaseBuild(event('refs/tags/v1.2.3', 'release'))).toBe('release event');
    expect(releaseBuild(event('refs/heads/main', 'push'))).toBeUndefined();
    expect(releaseBuild(event('refs/pull/7/merge', 'pull_request'))).toBeUndefined();
    expect(releaseBuild(event(undefined, undefined))).toBeUndefined();
  });
});
