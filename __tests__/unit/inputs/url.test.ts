import { InputError } from '../../../src/errors.js';
import { checkBaseUrl, maskUrls } from '../../../src/inputs/url.js';

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
