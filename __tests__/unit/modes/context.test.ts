import { goEnvOf, installContext, releaseIndex, withPrivateModules } from '../../../src/modes/context.js';
import { newHttpClient } from '../../../src/lib/http.js';
import type { ToolchainSpec } from '../../../src/toolchain/toolchain-spec.js';
import type { Toolchain } from '../../../src/toolchain/toolchain.js';
import { recordingLog } from '../helpers.js';

const runner = { env: { PATH: '/usr/bin', GOROOT: '/old', GOTOOLCHAIN: 'auto' }, toolCache: '/tc', pathSep: ':' } as unknown as Parameters<
  typeof goEnvOf
>[1];

describe('the context modes share', () => {
  it('gives later go commands the pinned toolchain: its GOROOT, its bin first on PATH, GOTOOLCHAIN=local', () => {
    const env = goEnvOf({ goroot: '/tc/go/1.24.4/x64' } as Toolchain, runner);
    expect(env.GOROOT).toBe('/tc/go/1.24.4/x64');
    expect(env.PATH.split(':')[0]).toBe('/tc/go/1.24.4/x64/bin');
    expect(env.GOTOOLCHAIN).toBe('local');
  });

  it('installs into the tool cache with the job environment and log', () => {
    const { log } = recordingLog();
    const client = newHttpClient(1_000);
    expect(installContext({ runner, client, log })).toEqual({ client, toolCache: '/tc', env: runner.env, log });
  });

  it('says where the version came from when it opens the release index', () => {
    const { log, info } = recordingLog();
    const spec = {
      spec: { kind: 'range', range: '1.24.x' },
      specInput: 'go-version-file',
      specValue: 'go.mod (go 1.24)',
      baseUrl: 'https://go.dev/dl',
    } as ToolchainSpec;
    const index = releaseIndex(spec, { runner, client: newHttpClient(1_000), log });
    expect(index.baseUrl).toBe('https://go.dev/dl');
    expect(index.fetched).toBeUndefined();
    expect(info).toEqual(['Go 1.24.x from go-version-file: go.mod (go 1.24)']);
  });

  it('gives the private modules to every go command of the step, the credential masked before anything is said', () => {
    const { log, info } = recordingLog();
    const masked: string[] = [];
    const said: string[] = [];
    const ctx = { runner, log: { ...log, secret: (s: string) => masked.push(s), info: (m: string) => said.push(`${masked.length}:${m}`) } };
    const spec = { patterns: ['git.example.com/team'], credential: { username: 'x-access-token', password: 's3cret' } };
    const { ctx: withEnv, env } = withPrivateModules(ctx, spec);
    expect(masked).toEqual(['s3cret', 'x-access-token:s3cret', Buffer.from('x-access-token:s3cret').toString('base64')]);
    expect(said).toEqual([
      '3:Private modules: GOPRIVATE=git.example.com/team, with the credential of private-modules-token for their hosts over HTTPS.',
    ]);
    expect(withEnv.runner.env).toMatchObject({ PATH: '/usr/bin', GOPRIVATE: 'git.example.com/team', GIT_CONFIG_COUNT: '4' });
    expect(env).toMatchObject({ GOPRIVATE: 'git.example.com/team', GIT_CONFIG_COUNT: '4' });
    // The job's own environment is left as it was; without the inputs, nothing changes.
    expect(runner.env).not.toHaveProperty('GOPRIVATE');
    expect(withPrivateModules(ctx, undefined)).toEqual({ ctx, env: undefined });
    expect(info).toEqual([]);
  });
});
