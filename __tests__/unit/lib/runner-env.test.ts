import { releaseBuild } from '../../../src/lib/runner-env.js';

const event = (ref: string | undefined, name: string | undefined) => ({ ref, name, defaultBranch: 'main' });

describe('releaseBuild', () => {
  it('is a release event, or a run on a tag', () => {
    expect(releaseBuild(event('refs/tags/v1.2.3', 'push'))).toBe('tag v1.2.3');
    expect(releaseBuild(event('refs/tags/v1.2.3', 'release'))).toBe('release event');
    // Started by hand on a tag: the tag's binaries all the same.
    expect(releaseBuild(event('refs/tags/v1.2.3', 'workflow_dispatch'))).toBe('tag v1.2.3');
    expect(releaseBuild(event('refs/heads/main', 'push'))).toBeUndefined();
    expect(releaseBuild(event('refs/heads/v1.2.3', 'push'))).toBeUndefined();
    expect(releaseBuild(event('refs/pull/7/merge', 'pull_request'))).toBeUndefined();
    expect(releaseBuild(event(undefined, undefined))).toBeUndefined();
  });
});
