// cache, cache-read-only, cache-on-release, cache-dependency-path → the cache stage's settings.
import type { CacheSettings } from '../cache/select.js';
import { splitList } from '../targets/target.js';
import { readAutoBoolean, readBoolean, type InputSource } from './input-source.js';

export function readCache(src: InputSource): CacheSettings {
  return {
    enabled: readBoolean(src, 'cache', true),
    readOnly: readAutoBoolean(src, 'cache-read-only'),
    onRelease: readBoolean(src, 'cache-on-release', false),
    dependencyPath: splitList(src.get('cache-dependency-path')),
  };
}
