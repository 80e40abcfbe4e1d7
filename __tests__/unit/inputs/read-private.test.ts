import { readPrivateModules } from '../../../src/inputs/read-private.js';
import { fakeSource, inputError } from '../helpers.js';

const read = (inputs: Record<string, string>) => readPrivateModules(fakeSource(inputs));

describe('readPrivateModules', () => {
  it('is undefined when neither input is set', () => {
    expect(read({})).toBeUndefined();
  });

  it('reads patterns separated by commas or lines, with or without a credential', () => {
    expect(read({ 'private-modules': 'git.example.com/team,\n github.com/org/* ,*.corp.example.com' })).toEqual({
      patterns: ['git.example.com/team', 'github.com/org/*', '*.corp.example.com'],
    });
    expect(read({ 'private-modules': 'github.com/org/*', 'private-modules-token': ' ghp_abc ' })).toEqual({
      patterns: ['github.com/org/*'],
      credential: { username: 'x-access-token', password: 'ghp_abc' },
    });
    expect(read({ 'private-modules': 'git.example.com', 'private-modules-token': 'ci-bot:glpat-x:y' })?.credential).toEqual({
      username: 'ci-bot',
      password: 'glpat-x:y',
    });
  });

  it('refuses a credential without patterns, naming private-modules', () => {
    expect(inputError(() => read({ 'private-modules-token': 'ghp_abc' }))).toMatchObject({
      input: 'private-modules',
      value: '',
      message: expect.stringContaining('no pattern names the host to send it to'),
    });
  });

  it('refuses, with a credential, a pattern whose host cannot be derived', () => {
    for (const [pattern, why] of [
      ['*.corp.example.com', 'a wildcard'],
      ['git.example.com:8443/team', 'no host name'],
      ['localhost/mod', 'no host name'],
    ])
      expect(inputError(() => read({ 'private-modules': `github.com/org,${pattern}`, 'private-modules-token': 't' }))).toMatchObject({
        input: 'private-modules',
        value: pattern,
        message: expect.stringContaining(why),
      });
  });

  it('refuses patterns Go would not match as meant', () => {
    for (const [pattern, why] of [
      ['https://git.example.com/team', 'it is a URL'],
      ['git.example.com//team', 'an empty path element'],
      ['/team', 'an empty path element'],
      ['git.example.com/[ab', 'a [ is not closed'],
      ['git.example.com/a b', 'white space'],
    ])
      expect(inputError(() => read({ 'private-modules': pattern }))).toMatchObject({
        input: 'private-modules',
        value: pattern,
        message: expect.stringContaining(why),
      });
    expect(read({ 'private-modules': 'git.example.com/[]a]/x,git.example.com/\\[' })?.patterns).toHaveLength(2);
  });

  it('never shows the token in its errors', () => {
    for (const token of ['ghp_abc def', ':ghp_abc', 'bot:']) {
      const e = inputError(() => read({ 'private-modules': 'git.example.com', 'private-modules-token': token }));
      expect(e).toMatchObject({ input: 'private-modules-token', value: '***' });
      expect(e.message).not.toContain('ghp_abc');
    }
  });
});
