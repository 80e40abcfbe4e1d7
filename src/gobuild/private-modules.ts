// Private modules: the patterns go into GOPRIVATE (so Go asks neither the proxy nor the checksum
// database about them), and a credential becomes git configuration in the environment
// (GIT_CONFIG_COUNT, GIT_CONFIG_KEY_n, GIT_CONFIG_VALUE_n, git >= 2.31): an Authorization header for
// https URLs under each pattern's literal prefix only, as actions/checkout scopes its own. No git
// config file is written, so nothing outlives the job and nothing reaches other hosts.

/** The private-modules and private-modules-token inputs, read. */
export interface PrivateModulesSpec {
  /** GOPRIVATE patterns, as given. */
  patterns: string[];
  /** For HTTPS Basic authentication; undefined without private-modules-token. */
  credential?: { username: string; password: string };
}

/** What a private-modules setting adds to the environment of the go commands, and what to mask. */
export interface PrivateModulesEnv {
  env: Record<string, string>;
  /** Every form of the credential that may be printed: the password, user:password, its base64. */
  secrets: string[];
}

/** The credential input, named where a refused credential is reported. */
export const CREDENTIAL_INPUT = 'private-modules-token';

/** path.Match's metacharacters: an element holding one is a wildcard. */
const GLOB = /[*?[\\]/;

/**
 * The https URL prefixes a credential for `pattern` is scoped to, or undefined when the pattern's
 * host is a wildcard. The path is kept up to its first wildcard element; a pattern without one
 * also covers its `.git` repository (`host/team/mod` is fetched from `host/team/mod.git` too).
 * git matches a URL's path on whole segments, so `https://host/team` is not sent to `/teamwork`.
 */
export function patternScopes(pattern: string): string[] | undefined {
  const elements = pattern.replace(/\/+$/, '').split('/');
  if (GLOB.test(elements[0])) return undefined;
  const literal = elements.slice(0, firstGlob(elements));
  const prefix = `https://${literal.join('/')}`;
  if (literal.length === 1 || literal.length < elements.length) return [`${prefix}/`];
  return [prefix, `${prefix}.git`];
}

function firstGlob(elements: string[]): number {
  const i = elements.findIndex((e) => GLOB.test(e));
  return i < 0 ? elements.length : i;
}

/**
 * GOPRIVATE with the patterns added to the job's own; GONOPROXY and GONOSUMDB likewise when the job
 * sets them, since a set one overrides GOPRIVATE for its purpose. With a credential, git
 * configuration appended after any the job already passes in the environment: per scope, an empty
 * value that clears headers an earlier config gave that URL, then the Authorization header.
 */
export function privateModulesEnv(spec: PrivateModulesSpec, jobEnv: NodeJS.ProcessEnv): PrivateModulesEnv {
  const env: Record<string, string> = { GOPRIVATE: joinPatterns(jobEnv.GOPRIVATE, spec.patterns) };
  for (const name of ['GONOPROXY', 'GONOSUMDB'] as const) if (jobEnv[name]?.trim()) env[name] = joinPatterns(jobEnv[name], spec.patterns);
  if (!spec.credential) return { env, secrets: [] };
  const { username, password } = spec.credential;
  const basic = Buffer.from(`${username}:${password}`).toString('base64');
  const scopes = [...new Set(spec.patterns.flatMap((p) => patternScopes(p) ?? []))];
  const entries = scopes.flatMap((scope): [string, string][] => [
    [`http.${scope}.extraheader`, ''],
    [`http.${scope}.extraheader`, `Authorization: Basic ${basic}`],
  ]);
  const count = Number(jobEnv.GIT_CONFIG_COUNT);
  const first = Number.isInteger(count) && count > 0 ? count : 0;
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${first + i}`] = key;
    env[`GIT_CONFIG_VALUE_${first + i}`] = value;
  });
  env.GIT_CONFIG_COUNT = String(first + entries.length);
  return { env, secrets: [password, `${username}:${password}`, basic] };
}

function joinPatterns(existing: string | undefined, patterns: string[]): string {
  const have = (existing ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set([...have, ...patterns])].join(',');
}

/**
 * The URL git was refused at, when a go command's output says git could not authenticate (401 or
 * 403, or no credential to prompt for since Go disables git's prompts); undefined otherwise.
 */
export function gitAuthFailure(output: string): string | undefined {
  const m =
    /(?:Authentication failed for|could not read (?:Username|Password) for) '([^']+)'/.exec(output) ??
    /unable to access '([^']+)': The requested URL returned error: 40[13]\b/.exec(output);
  return m?.[1];
}

/** One message for a refused fetch: the credential was wrong, or none was sent to that URL. */
export function authFailureMessage(url: string, spec: PrivateModulesSpec | undefined): string {
  if (spec?.credential && sentTo(url, spec.patterns))
    return (
      `git could not authenticate to ${url} with the credential in ${CREDENTIAL_INPUT}: the host refused it. ` +
      `Check that the secret holds a current token (or username:token) that can read that repository.`
    );
  if (spec?.credential)
    return (
      `git needs a credential for ${url}, which no private-modules pattern covers, so ${CREDENTIAL_INPUT} was not sent there. ` +
      `Add the module's path pattern (GOPRIVATE syntax) to private-modules.`
    );
  return (
    `git needs a credential for ${url}, and none was given for it. Set private-modules to the module path ` +
    `pattern (GOPRIVATE syntax, such as ${hostOf(url)}/your-org) and ${CREDENTIAL_INPUT} to a secret that can read it.`
  );
}

/** Whether git sends the credential to `url`: it lies under one of the patterns' scopes. */
export function isScoped(url: string, patterns: string[]): boolean {
  const scopes = patterns.flatMap((p) => patternScopes(p) ?? []);
  return scopes.some((s) => url === s || url.startsWith(s.endsWith('/') ? s : `${s}/`));
}

/**
 * Whether the refused URL is one the credential went to. git names the host alone when it had
 * nothing to answer a 401 with (its credential URLs leave the path out): then the host decides.
 */
function sentTo(url: string, patterns: string[]): boolean {
  const u = URL.parse(url);
  if (u && (u.pathname === '' || u.pathname === '/')) return patterns.some((p) => p.split('/')[0].toLowerCase() === u.hostname);
  return isScoped(url, patterns);
}

function hostOf(url: string): string {
  return URL.parse(url)?.hostname ?? 'git.example.com';
}
