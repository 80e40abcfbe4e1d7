import { readCache } from '../../../src/inputs/read-cache.js';
import { fakeSource, inputError } from '../helpers.js';

describe('readCache', () => {
  it('defaults to caching, read-only decided by the event, not on releases, keyed on go.sum', () => {
    expect(readCache(fakeSource({}))).toEqual({ enabled: true, readOnly: 'auto', onRelease: false, dependencyPath: [], keySuffix: '' });
  });

  it('reads every cache input', () => {
    expect(
      readCache(
        fakeSource({
          cache: 'false',
          'cache-read-only': 'true',
          'cache-on-release': 'True',
          'cache-dependency-path': 'go.sum\ntools/go.sum, **/go.sum # every module',
          'cache-key': ' ubuntu-24.04 -race ',
        }),
      ),
    ).toEqual({
      enabled: false,
      readOnly: true,
      onRelease: true,
      dependencyPath: ['go.sum', 'tools/go.sum', '**/go.sum'],
      keySuffix: 'ubuntu-24.04 -race',
    });
    expect(readCache(fakeSource({ 'cache-key': 'x'.repeat(128) })).keySuffix).toHaveLength(128);
    expect(readCache(fakeSource({ 'cache-read-only': 'FALSE' })).readOnly).toBe(false);
  });

  it('refuses a cache-key the Actions cache would refuse: a comma, a line break, too long', () => {
    const allowed = 'up to 128 characters on one line, without commas, such as ${{ matrix.os }}-race';
    expect(inputError(() => readCache(fakeSource({ 'cache-key': 'linux,race' })))).toMatchObject({
      input: 'cache-key',
      value: 'linux,race',
      message: expect.stringContaining('the Actions cache refuses a key with a comma'),
      allowed,
    });
    expect(inputError(() => readCache(fakeSource({ 'cache-key': 'linux\nrace' })))).toMatchObject({
      input: 'cache-key',
      message: expect.stringContaining('a line break or another control character'),
    });
    expect(inputError(() => readCache(fakeSource({ 'cache-key': 'x'.repeat(129) })))).toMatchObject({
      input: 'cache-key',
      message: expect.stringContaining('it is 129 characters long'),
      allowed,
    });
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
