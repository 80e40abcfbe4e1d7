// private-modules, private-modules-token → the module path patterns Go fetches directly, and the
// credential git sends to their hosts. The token is never shown: errors about it say ***.
import { InputError } from '../errors.js';
import { patternScopes, type PrivateModulesSpec } from '../gobuild/private-modules.js';
import { splitList } from '../targets/target.js';
import type { InputSource } from './input-source.js';

const PATTERNS_ALLOWED =
  'module path patterns as GOPRIVATE takes them, separated by commas or lines: a path prefix (git.example.com/team) or a glob per element (github.com/your-org/*)';
const TOKEN_ALLOWED = 'a token, or username:token, from a secret; no white space';
/** A host Go can fetch a module from: a DNS name with a dot, no port. */
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

export function readPrivateModules(src: InputSource): PrivateModulesSpec | undefined {
  const patterns = splitList(src.get('private-modules'));
  patterns.forEach(checkPattern);
  const token = src.get('private-modules-token').trim();
  if (!token) return patterns.length ? { patterns } : undefined;
  if (!patterns.length)
    throw new InputError(
      'private-modules',
      '',
      'private-modules-token is set, but no pattern names the host to send it to, and it is sent nowhere else',
      PATTERNS_ALLOWED,
    );
  for (const p of patterns) {
    const host = p.split('/')[0];
    if (!patternScopes(p) || !HOST.test(host))
      throw new InputError(
        'private-modules',
        p,
        `with private-modules-token, every pattern must begin with the host the token is for, and ${JSON.stringify(host)} is ${
          patternScopes(p) ? 'no host name' : 'a wildcard'
        }`,
        'patterns that begin with a host name without a port (git.example.com/team, github.com/your-org/*)',
      );
  }
  if (/\s/.test(token)) throw new InputError('private-modules-token', '***', 'it contains white space', TOKEN_ALLOWED);
  const colon = token.indexOf(':');
  if (colon < 0) return { patterns, credential: { username: 'x-access-token', password: token } };
  const [username, password] = [token.slice(0, colon), token.slice(colon + 1)];
  if (!username || !password)
    throw new InputError('private-modules-token', '***', 'a colon with nothing before or after it', TOKEN_ALLOWED);
  return { patterns, credential: { username, password } };
}

function checkPattern(p: string): void {
  const refuse = (problem: string) => {
    throw new InputError('private-modules', p, problem, PATTERNS_ALLOWED);
  };
  if (/\s/.test(p)) refuse('it contains white space');
  if (p.includes('://')) refuse('it is a URL, and GOPRIVATE matches module paths (no scheme)');
  if (p.startsWith('/') || p.replace(/\/+$/, '').includes('//')) refuse('it has an empty path element');
  if (!balancedBrackets(p)) refuse('a [ is not closed, so Go would match nothing with it');
}

/** Whether every `[` of a path.Match pattern is closed (an escaped one is a plain character). */
function balancedBrackets(p: string): boolean {
  let open = false;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (!open && p[i] === '[') {
      open = true;
      if (p[i + 1] === '^' || p[i + 1] === ']') i++;
    } else if (open && p[i] === ']') open = false;
  }
  return !open;
}
