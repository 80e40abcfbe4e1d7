import { authFailureMessage, gitAuthFailure, isScoped, patternScopes, privateModulesEnv } from '../../../src/gobuild/private-modules.js';

const credential = { username: 'x-access-token', password: 's3cret' };
const basic = Buffer.from('x-access-token:s3cret').toString('base64');

describe('patternScopes', () => {
  it('scopes a path prefix to itself and its .git repository, a host to the host', () => {
    expect(patternScopes('git.example.com/team/mod')).toEqual(['https://git.example.com/team/mod', 'https://git.example.com/team/mod.git']);
    expect(patternScopes('git.example.com')).toEqual(['https://git.example.com/']);
    expect(patternScopes('git.example.com/team/')).toEqual(['https://git.example.com/team', 'https://git.example.com/team.git']);
  });

  it('keeps the path up to the first wildcard element, and derives nothing from a wildcard host', () => {
    expect(patternScopes('github.com/org/*')).toEqual(['https://github.com/org/']);
    expect(patternScopes('github.com/org/repo-?/sub')).toEqual(['https://github.com/org/']);
    expect(patternScopes('github.com/*/x')).toEqual(['https://github.com/']);
    expect(patternScopes('*.corp.example.com')).toBeUndefined();
    expect(patternScopes('git.[ab].example.com/x')).toBeUndefined();
  });
});

describe('isScoped', () => {
  it('matches whole path segments, as git matches http.<url>.* keys', () => {
    const patterns = ['git.example.com/team'];
    expect(isScoped('https://git.example.com/team/mod/', patterns)).toBe(true);
    expect(isScoped('https://git.example.com/team.git', patterns)).toBe(true);
    expect(isScoped('https://git.example.com/teamwork/mod', patterns)).toBe(false);
    expect(isScoped('https://other.example.com/team/mod', patterns)).toBe(false);
    expect(isScoped('https://github.com/org/repo', ['github.com/org/*'])).toBe(true);
  });
});

describe('privateModulesEnv', () => {
  it("sets GOPRIVATE alone without a credential, keeping the job's own patterns once", () => {
    expect(privateModulesEnv({ patterns: ['git.example.com/team', 'b.example.com'] }, {})).toEqual({
      env: { GOPRIVATE: 'git.example.com/team,b.example.com' },
      secrets: [],
    });
    expect(privateModulesEnv({ patterns: ['b.example.com'] }, { GOPRIVATE: 'a.example.com, b.example.com' }).env).toEqual({
      GOPRIVATE: 'a.example.com,b.example.com',
    });
  });

  it('adds the patterns to GONOPROXY and GONOSUMDB only where the job sets them, since a set one overrides GOPRIVATE', () => {
    const { env } = privateModulesEnv({ patterns: ['git.example.com'] }, { GONOPROXY: 'corp.example.com', GONOSUMDB: ' ' });
    expect(env).toEqual({ GOPRIVATE: 'git.example.com', GONOPROXY: 'corp.example.com,git.example.com' });
  });

  it('passes the credential as git configuration scoped to each pattern, clearing earlier headers first', () => {
    const { env, secrets } = privateModulesEnv({ patterns: ['git.example.com/team', 'github.com/org/*'], credential }, {});
    expect(env).toEqual({
      GOPRIVATE: 'git.example.com/team,github.com/org/*',
      GIT_CONFIG_COUNT: '6',
      GIT_CONFIG_KEY_0: 'http.https://git.example.com/team.extraheader',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'http.https://git.example.com/team.extraheader',
      GIT_CONFIG_VALUE_1: `Authorization: Basic ${basic}`,
      GIT_CONFIG_KEY_2: 'http.https://git.example.com/team.git.extraheader',
      GIT_CONFIG_VALUE_2: '',
      GIT_CONFIG_KEY_3: 'http.https://git.example.com/team.git.extraheader',
      GIT_CONFIG_VALUE_3: `Authorization: Basic ${basic}`,
      GIT_CONFIG_KEY_4: 'http.https://github.com/org/.extraheader',
      GIT_CONFIG_VALUE_4: '',
      GIT_CONFIG_KEY_5: 'http.https://github.com/org/.extraheader',
      GIT_CONFIG_VALUE_5: `Authorization: Basic ${basic}`,
    });
    expect(secrets).toEqual(['s3cret', 'x-access-token:s3cret', basic]);
  });

  it('appends to the git configuration the job already passes in the environment', () => {
    const { env } = privateModulesEnv({ patterns: ['git.example.com'], credential }, { GIT_CONFIG_COUNT: '2' });
    expect(env.GIT_CONFIG_COUNT).toBe('4');
    expect(Object.keys(env).filter((k) => k.startsWith('GIT_CONFIG_KEY_'))).toEqual(['GIT_CONFIG_KEY_2', 'GIT_CONFIG_KEY_3']);
    expect(privateModulesEnv({ patterns: ['git.example.com'], credential }, { GIT_CONFIG_COUNT: 'x' }).env.GIT_CONFIG_COUNT).toBe('2');
  });
});

describe('gitAuthFailure', () => {
  it("finds the URL in git's authentication failures as go reports them", () => {
    const go = (line: string) => `go: git.example.com/team/mod@v1.0.0: git ls-remote -q origin in /tmp/x: exit status 128:\n\t${line}\n`;
    expect(gitAuthFailure(go("fatal: Authentication failed for 'https://git.example.com/team/mod/'"))).toBe(
      'https://git.example.com/team/mod/',
    );
    expect(gitAuthFailure(go("fatal: could not read Username for 'https://git.example.com': terminal prompts disabled"))).toBe(
      'https://git.example.com',
    );
    expect(gitAuthFailure(go("fatal: unable to access 'https://git.example.com/x/': The requested URL returned error: 403"))).toBe(
      'https://git.example.com/x/',
    );
  });

  it('is undefined for other failures', () => {
    expect(gitAuthFailure("fatal: unable to access 'https://git.example.com/x/': The requested URL returned error: 404")).toBeUndefined();
    expect(gitAuthFailure('go: example.com/dep@v1.0.0: verifying module: checksum mismatch')).toBeUndefined();
  });
});

describe('authFailureMessage', () => {
  it('names the credential input when it was sent and refused, and never holds the credential', () => {
    const m = authFailureMessage('https://git.example.com/team/mod/', { patterns: ['git.example.com/team'], credential });
    expect(m).toContain('with the credential in private-modules-token: the host refused it');
    expect(m).not.toContain('s3cret');
    // git names the host alone when a 401 left it nothing to answer with.
    expect(authFailureMessage('https://git.example.com', { patterns: ['git.example.com/team'], credential })).toContain(
      'the host refused it',
    );
  });

  it('says when the URL is outside the patterns, or when there is no credential', () => {
    expect(authFailureMessage('https://other.example.com/x', { patterns: ['git.example.com'], credential })).toContain(
      'which no private-modules pattern covers',
    );
    expect(authFailureMessage('https://git.example.com/x', undefined)).toContain('git.example.com/your-org');
  });
});
