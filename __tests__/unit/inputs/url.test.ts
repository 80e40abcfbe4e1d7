import { InputError } from '../../../src/errors.js';
import { checkBaseUrl, maskUrls, urlSecrets } from '../../../src/inputs/url.js';

const check = (raw: string) => () => checkBaseUrl('zig-download-base-url', raw, 'a mirror URL', 'the action adds /<archive>');

describe('checkBaseUrl', () => {
  it('takes http(s) URLs and drops a trailing slash', () => {
    expect(check('https://m.example/zig/')()).toBe('https://m.example/zig');
    expect(check('http://127.0.0.1:8080')()).toBe('http://127.0.0.1:8080');
  });

  it('refuses other schemes, credentials and queries, naming the input and never the password', () => {
    expect(check('ftp://m.example')).toThrow(
      new InputError('zig-download-base-url', 'ftp://m.example', 'the scheme ftp: is not supported', 'a mirror URL'),
    );
    expect(check('https://u:pw@m.example/z')).toThrow(/\*\*\*@m\.example\/z.*credentials in the URL/);
    expect(check('https://m.example/z?x=1')).toThrow(/no query or fragment \(the action adds \/<archive>\)/);
    expect(check('not a url')).toThrow(/not a URL/);
    expect(maskUrls('see https://tok@h.example/x')).toBe('see https://***@h.example/x');
  });
});

describe('maskUrls and urlSecrets', () => {
  it('masks and lists URL credentials', () => {
    expect(maskUrls('a https://u:p@h/x and http://tok@h2 b')).toBe('a https://***@h/x and http://***@h2 b');
    expect(urlSecrets('GOPROXY=https://ci:TOKEN@proxy\nX=http://me@h\nY=https://ghp_abcdef123456@h')).toEqual([
      'TOKEN',
      'ghp_abcdef123456',
    ]);
    expect(urlSecrets('https://go.dev/dl')).toEqual([]);
  });

  it('lists a password with a colon in it whole, and a lone user part from 8 characters on', () => {
    expect(urlSecrets('https://u:pa:ss@h https://12345678@h https://1234567@h')).toEqual(['pa:ss', '12345678']);
    expect(maskUrls('no URL, user@example.com')).toBe('no URL, user@example.com');
  });
});
