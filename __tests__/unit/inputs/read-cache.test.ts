import { readCache } from '../../../src/inputs/read-cache.js';
import { fakeSource, inputError } from '../helpers.js';

describe('readCache', () => {
  it('defaults to caching, read-only decided by the event, not on releases, keyed on go.sum', () => {
    expect(readCache(fakeSource({}))).toEqual({ enabled: true, readOnly: 'auto', onRelease: false, dependencyPath: [] });
  });

  it('reads every cache input', () => {
    expect(
      readCache(
        fakeSource({
          cache: 'false',
          'cache-read-only': 'true',
          'cache-on-release': 'True',
          'cache-dependency-path': 'go.sum\ntools/go.sum, **/go.sum # every module',
        }),
      ),
    ).toEqual({ enabled: false, readOnly: true, onRelease: true, dependencyPath: ['go.sum', 'tools/go.sum', '**/go.sum'] });
    expect(readCache(fakeSource({ 'cache-read-only': 'FALSE' })).readOnly).toBe(false);
  });

  it('refuses what is no boolean, and a cache-read-only that is neither auto nor a boolean', () => {
    expect(inputError(() => readCache(fakeSource({ cache: 'off' })))).toMatchObject({
      input: 'cache',
      value: 'off',
      allowed: 'true or false',
    });
    expect(inputError(() => readCache(fakeSource({ 'cache-on-release': 'yes' })))).toMatchObject({
      input: 'cache-on-release',
      value: 'yes',
    });
    expect(inputError(() => readCache(fakeSource({ 'cache-read-only': 'sometimes' })))).toMatchObject({
      input: 'cache-read-only',
      value: 'sometimes',
      message: expect.stringContaining('not auto or a boolean'),
      allowed: 'auto, true or false',
    });
  });
});
