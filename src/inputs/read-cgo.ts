// The cgo inputs: cgo, c-compiler, glibc and the zig ones, read and judged here. Pure over the
// input source.
import { COMPILER_ENV, type CgoSpec } from '../cc/compilers.js';
import { parsePublicKey } from '../cc/minisign.js';
import { DEFAULT_ZIG_VERSION, isZigVersion, ZIG_PUBLIC_KEY } from '../cc/zig-release.js';
import type { EnvRule } from '../gobuild/settings.js';
import { InputError } from '../errors.js';
import { parsePins } from '../toolchain/sha256-pins.js';
import { checkBaseUrl } from './url.js';

/** What reading the cgo inputs needs of the input source. */
interface Source {
  get(name: string): string;
}

const COMPILERS = ['zig', 'system'];

/** The cgo inputs; the zig ones matter only for the targets that use the managed compiler. */
export function readCgo(src: Source, cgo: boolean, env: EnvRule[]): CgoSpec {
  const compilerText = src.get('c-compiler').trim() || 'zig';
  if (!COMPILERS.includes(compilerText))
    throw new InputError(
      'c-compiler',
      compilerText,
      'unknown C compiler',
      "zig (the managed, verified zig for every linux and windows target) or system (CC and CXX as the job's environment and env lines set them)",
    );
  const compiler = compilerText as CgoSpec['compiler'];
  if (cgo && compiler === 'zig') {
    const own = env.find((r) => COMPILER_ENV.includes(r.key));
    if (own)
      throw new InputError(
        'env',
        `${own.pattern ? `${own.pattern}: ` : ''}${own.key}=${own.value}`,
        `${own.key} is set by the managed C compiler (cgo: true with c-compiler: zig)`,
        'no CC, CXX or ZIG_* cache lines with the managed compiler; or c-compiler: system to use your own cross compilers',
      );
  }

  const glibcText = src.get('glibc').trim();
  if (glibcText && !/^2\.\d{1,2}$/.test(glibcText))
    throw new InputError('glibc', glibcText, 'not a glibc version', 'a glibc release such as 2.17 (the default) or 2.28');

  const version = src.get('zig-version').trim() || DEFAULT_ZIG_VERSION;
  if (!isZigVersion(version))
    throw new InputError(
      'zig-version',
      version,
      'not an exact zig version',
      `a release such as ${DEFAULT_ZIG_VERSION} (the default) or a development build such as 0.14.0-dev.2456+a68119f8f`,
    );

  const pinsText = src.get('zig-sha256');
  const pins = parsePins(pinsText);
  if ('problem' in pins || pins.modules)
    throw new InputError(
      'zig-sha256',
      pinsText.trim(),
      'problem' in pins ? pins.problem : 'a toolchain module line pins Go, not zig',
      'one SHA-256 (64 hex digits), or lines "HASH  FILENAME" as sha256sum prints them (zig-x86_64-linux-0.15.2.tar.xz)',
    );

  const mirrorText = src.get('zig-download-base-url').trim();
  const mirror = mirrorText
    ? checkBaseUrl(
        'zig-download-base-url',
        mirrorText,
        'an http(s) URL of a zig mirror serving <base>/<archive> (and <archive>.minisig), as the community mirrors do',
        'the action adds /<archive>',
      )
    : undefined;

  const keyText = src.get('zig-public-key').trim();
  const key = parsePublicKey(keyText || ZIG_PUBLIC_KEY);
  if ('problem' in key)
    throw new InputError('zig-public-key', keyText, key.problem, `a minisign public key such as zig's own, ${ZIG_PUBLIC_KEY}`);

  return {
    enabled: cgo,
    compiler,
    ...(glibcText ? { glibc: glibcText } : {}),
    zig: { version, pins, mirror, publicKey: keyText || ZIG_PUBLIC_KEY, signatureRequired: keyText !== '' },
  };
}
