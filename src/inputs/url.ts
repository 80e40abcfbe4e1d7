// Download base URLs as inputs: http(s), with no credentials (they would be logged and sent along)
// and no query. Pure.
import { InputError } from '../errors.js';

/** The URL without a trailing slash, or an InputError naming `name`; `allowed` says what fits. */
export function checkBaseUrl(name: string, raw: string, allowed: string, whyNoQuery: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(name, maskUrls(raw), 'not a URL', allowed);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError(name, maskUrls(raw), `the scheme ${url.protocol} is not supported`, allowed);
  if (url.username || url.password)
    throw new InputError(
      name,
      `${url.protocol}//***@${url.host}${url.pathname}`,
      'credentials in the URL would be logged and sent with every request',
      'a mirror URL without user:password (reach private mirrors through HTTPS_PROXY)',
    );
  if (url.search || url.hash)
    throw new InputError(
      name,
      `${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}${url.hash ? '#…' : ''}`,
      `a base URL takes no query or fragment (${whyNoQuery})`,
      allowed,
    );
  return url.href.replace(/\/+$/, '');
}

/** Text with the credentials of any URL in it replaced by ***, for error messages. */
export function maskUrls(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@');
}

/**
 * The credentials in the URLs of `text`, for the runner to mask in every log line: each password,
 * and a lone user part that looks like a token (`https://TOKEN@host`). A plain user name is not a
 * secret, and masking a short one would garble the whole log.
 */
export function urlSecrets(text: string): string[] {
  return [...text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/([^\s/@]+)@/gi)].flatMap((m) => {
    const [user, password] = m[1].split(/:(.*)/s);
    if (password) return [password];
    return user.length >= 8 ? [user] : [];
  });
}
