import { stampFrom, versionOf } from '../../../src/gobuild/stamp.js';

describe('stamp', () => {
  it('takes the tag, the checkout commit and its time', () => {
    expect(stampFrom({ ref: 'refs/tags/v1.2.3', sha: 'f'.repeat(40), gitCommit: 'a'.repeat(40), gitEpoch: 1_700_000_000, now: 0 })).toEqual(
      {
        version: '1.2.3',
        tag: 'v1.2.3',
        commit: 'a'.repeat(40),
        date: '2023-11-14T22:13:20Z',
        epoch: 1_700_000_000,
      },
    );
  });

  it('falls back to the short commit, GITHUB_SHA, SOURCE_DATE_EPOCH and now', () => {
    expect(stampFrom({ ref: 'refs/heads/main', sha: 'b'.repeat(40), now: 5_000 })).toMatchObject({
      version: 'bbbbbbb',
      tag: 'bbbbbbb',
      commit: 'b'.repeat(40),
      epoch: 5,
    });
    expect(stampFrom({ sourceDateEpoch: '86400', gitEpoch: 1, now: 0 })).toMatchObject({
      version: 'dev',
      tag: 'dev',
      commit: 'unknown',
      date: '1970-01-02T00:00:00Z',
    });
    expect(() => stampFrom({ sourceDateEpoch: 'yesterday', now: 0 })).toThrow('SOURCE_DATE_EPOCH="yesterday"');
  });

  it("makes the version of a tag goreleaser's way: no leading v, and a nested module's prefix dropped", () => {
    expect(versionOf('v1.2.3')).toBe('1.2.3');
    expect(versionOf('v2.0.0-rc.1')).toBe('2.0.0-rc.1');
    expect(versionOf('cmd/tool/v1.2.3')).toBe('1.2.3');
    expect(versionOf('1.2.3')).toBe('1.2.3');
    expect(versionOf('nightly')).toBe('nightly');
    expect(versionOf('vnext')).toBe('vnext');
    expect(versionOf('release/')).toBe('release/');
  });
});
