// Private modules through the bundled action: a module behind a credential on a git host reached
// over HTTPS (git.private.test, support/git-server.ts), beside a public one from the test GOPROXY.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkout, FIXTURES, mirroredFixture, newRunner, offlineProxy, tryRun } from '../support/fixtures.ts';
import { GIT_HOST, startGitServer, type GitServer } from '../support/git-server.ts';
import { runAction, runStepAsync, type Result, type Runner } from '../support/runner.ts';

const { pinnedInputs } = await mirroredFixture();
const proxyEnv = await offlineProxy(['example.com/greetlib', 'v1.0.0', 'greetlib']);
const TOKEN = 'glpat-Pr1vate-t0ken';
const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
const PATTERN = `${GIT_HOST}/team`;

let server: GitServer;
beforeAll(async () => {
  server = await startGitServer({ 'team/secret': join(FIXTURES, 'secretlib') }, { user: 'x-access-token', password: TOKEN });
});
afterAll(() => server.close());

/** A job's step with the fixture that needs both modules checked out; the host reached through the proxy. */
async function step(inputs: Record<string, string>, runner: Runner = newRunner()): Promise<{ res: Result; runner: Runner }> {
  checkout('privateapp', runner.workspace);
  const res = await runAction(runner, {
    inputs: pinnedInputs({ cache: 'false', 'private-modules': PATTERN, ...inputs }),
    env: { ...proxyEnv, ...server.env },
  });
  return { res, runner };
}

/** Everything a step shows or leaves for others, but the add-mask commands that tell the runner what to hide. */
function shown(res: Result, runner: Runner): string {
  const files = readdirSync(runner.files).map((f) => readFileSync(join(runner.files, f), 'utf8'));
  const stdout = res.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  return [stdout, res.stderr, res.summary, JSON.stringify(res.outputs), ...files].join('\n');
}

const secretForms = [TOKEN, basic, `x-access-token:${TOKEN}`];

describe('build mode', () => {
  it('builds with the right credential, sent by git to the private host only, and shows it nowhere', async () => {
    const before = server.authorizations.length;
    const { res, runner } = await step({ targets: 'linux/amd64', archive: 'none', 'private-modules-token': TOKEN }); // a bare binary, to run it
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);
    const binary = join(runner.workspace, 'dist', 'privateapp-linux-amd64');
    expect(tryRun(binary, []).stdout).toBe('hello, private\n');
    // Go's own ?go-get=1 lookup carries no credential; every git request carried the right one.
    const seen = server.authorizations.slice(before);
    expect(seen.filter((a) => a === undefined).length).toBeGreaterThanOrEqual(1);
    expect(seen.filter((a) => a !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(seen.every((a) => a === undefined || a === `Basic ${basic}`)).toBe(true);
    expect(new Set(server.tunnels)).toEqual(new Set([`${GIT_HOST}:443`]));
    // Every form of the credential is masked for the runner, and none shows anywhere else.
    for (const s of [TOKEN, basic]) expect(res.stdout.split('\n')).toContain(`::add-mask::${s}`);
    for (const s of secretForms) expect(shown(res, runner)).not.toContain(s);
    // Build mode keeps the credential to its own go commands: later steps get no git configuration.
    expect(Object.keys(res.env).filter((k) => k.startsWith('GIT_CONFIG') || k === 'GOPRIVATE')).toEqual([]);
  }, 300_000);

  it('fails with one error naming the credential input when the host refuses the credential', async () => {
    const { res, runner } = await step({ targets: 'linux/amd64', 'private-modules-token': 'wrong-token' });
    expect(res.code).toBe(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatch(
      new RegExp(
        `^::error title=Private module fetch refused::git could not authenticate to https://${GIT_HOST}\\S* with the credential in private-modules-token: the host refused it\\.`,
      ),
    );
    expect(res.stdout).not.toMatch(/go-crossbuild failed/);
    for (const s of ['wrong-token', Buffer.from('x-access-token:wrong-token').toString('base64')]) {
      expect(res.stdout.split('\n')).toContain(`::add-mask::${s}`);
      expect(shown(res, runner)).not.toContain(s);
    }
    expect(existsSync(join(runner.workspace, 'dist'))).toBe(false);
  }, 300_000);

  it('says which input is missing when the private host asks for a credential and none was given', async () => {
    const { res } = await step({ targets: 'linux/amd64' });
    expect(res.code).toBe(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toContain(`git needs a credential for https://${GIT_HOST}`);
    expect(res.errors[0]).toContain('private-modules-token');
  }, 300_000);

  it('refuses a credential without patterns with one error, before anything is downloaded', async () => {
    const { res, runner } = await step({ targets: 'linux/amd64', 'private-modules': '', 'private-modules-token': TOKEN });
    expect(res.code).toBe(1);
    expect(res.errors).toEqual([
      expect.stringMatching(/^::error title=Invalid input private-modules::Input private-modules = "": private-modules-token is set/),
    ]);
    expect(readdirSync(runner.toolCache)).toEqual([]);
    expect(shown(res, runner)).not.toContain(TOKEN);
  }, 60_000);
});

describe('setup mode', () => {
  it("gives the job's later go commands the private modules and the credential, masked", async () => {
    const { res, runner } = await step({ 'private-modules-token': TOKEN });
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);
    expect(res.env.GOPRIVATE).toBe(PATTERN);
    expect(res.env.GIT_CONFIG_COUNT).toBe('4');
    for (const s of [TOKEN, basic]) expect(res.stdout.split('\n')).toContain(`::add-mask::${s}`);
    // The env file holds the header (masked by the runner in later logs), and nothing else of the credential.
    expect(shown(res, runner).split(basic).length - 1).toBe(2);
    for (const s of [TOKEN, `x-access-token:${TOKEN}`]) expect(shown(res, runner)).not.toContain(s);
    const later = await runStepAsync(runner, res, ['go', 'build', '-o', 'app', '.'], { ...proxyEnv, ...server.env });
    expect(later).toMatchObject({ code: 0, output: expect.not.stringContaining('error') });
    expect(later.output).toContain(`go: downloading ${GIT_HOST}/team/secret v1.0.0`);
    expect(tryRun(join(runner.workspace, 'app'), []).stdout).toBe('hello, private\n');
  }, 300_000);
});
