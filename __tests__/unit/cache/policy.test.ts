import { savePolicy } from '../../../src/cache/policy.js';

const on = (name: string | undefined, ref: string | undefined, ...branch: [string | undefined] | []) => ({
  name,
  ref,
  defaultBranch: branch.length ? branch[0] : 'main',
});

describe('savePolicy', () => {
  it('saves on pushes to the default branch, on tags and on scheduled runs', () => {
    expect(savePolicy('auto', on('push', 'refs/heads/main'))).toEqual({ readOnly: false, why: 'the default branch (main) saves caches' });
    expect(savePolicy('auto', on('workflow_dispatch', 'refs/heads/main')).readOnly).toBe(false);
    expect(savePolicy('auto', on('push', 'refs/tags/v1.2.0'))).toEqual({ readOnly: false, why: 'a tag (v1.2.0) saves caches' });
    expect(savePolicy('auto', on('schedule', 'refs/heads/trunk', undefined)).readOnly).toBe(false);
  });

  it('only restores on pull requests, pull_request_target and merge queues, whatever the ref', () => {
    for (const name of ['pull_request', 'pull_request_target', 'merge_group']) {
      const p = savePolicy('auto', on(name, name === 'pull_request_target' ? 'refs/heads/main' : 'refs/pull/7/merge'));
      expect(p).toEqual({ readOnly: true, why: `a ${name} event restores caches but saves none` });
    }
  });

  it('only restores on other branches, naming the default one', () => {
    expect(savePolicy('auto', on('push', 'refs/heads/feature/x'))).toEqual({
      readOnly: true,
      why: 'feature/x is not the default branch (main): caches are restored, not saved',
    });
  });

  it('saves when the default branch cannot be known (no event payload)', () => {
    expect(savePolicy('auto', on('push', 'refs/heads/feature/x', undefined)).readOnly).toBe(false);
    expect(savePolicy('auto', on(undefined, undefined, undefined)).readOnly).toBe(false);
  });

  it('lets cache-read-only decide when it is true or false', () => {
    expect(savePolicy(false, on('pull_request', 'refs/pull/7/merge'))).toEqual({ readOnly: false, why: 'cache-read-only: false' });
    expect(savePolicy(true, on('push', 'refs/heads/main'))).toEqual({ readOnly: true, why: 'cache-read-only: true' });
  });
});
