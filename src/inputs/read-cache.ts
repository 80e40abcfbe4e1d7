// cache, cache-read-only, cache-on-release, cache-dependency-path, cache-key → the cache stage's settings.
import { InputError } from '../errors.js';
import { KEY_SUFFIX_MAX } from '../cache/keys.js';
import type { CacheSettings } from '../cache/select.js';
import { splitList } from '../targets/target.js';
import { readAutoBoolean, readBoolean, type InputSource } from './input-source.js';

export function readCache(src: InputSource): CacheSettings {
  return {
    enabled: readBoolean(src, 'cache', true),
    readOnly: readAutoBoolean(src, 'cache-read-only'),
    onRelease: readBoolean(src, 'cache-on-release', false),
    dependencyPath: splitList(src.get('cache-dependency-path')),
    keySuffix: readKeySuffix(src),
  };
}

/** The Actions cache refuses a key with a comma, or over 512 characters; a line break has no place in one. */
function readKeySuffix(src: InputSource): string {
  const text = src.get('cache-key').trim();
  const problem = /,/.test(text)
    ? 'the Actions cache refuses a key with a comma'
    : // eslint-disable-next-line no-control-regex
      /[\u0000-\u001f\u007f]/.test(text)
      ? 'it holds a line break or another control character'
      : text.length > KEY_SUFFIX_MAX
        ? `it is ${text.length} characters long`
        : undefined;
  if (problem)
    throw new InputError(
      'cache-key',
      text,
      problem,
      `up to ${KEY_SUFFIX_MAX} characters on one line, without commas, such as \${{ matrix.os }}-race`,
    );
  return text;
}
