// What the toolchain-*.test.ts files share: the mirrored fixture, runs that carry the runner's own
// credentials, the requests those runs made to other mirrors, and the check, last in each file,
// that none of those credentials reached a mirror. Jest only (registers hooks and tests).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { type Fixture, type Mirror, mirroredFixture, type Result, runAction, type Runner } from './fixtures.ts';

/** The runner's own credentials: none of them is ever sent to a mirror (the token input is tested apart). */
export const SECRETS = { GITHUB_TOKEN: 'ghs_neverSendMe', ACTIONS_RUNTIME_TOKEN: 'rt_neverSendMe' };

export interface ToolchainSuite {
  f: Fixture;
  mirror: Mirror;
  /** Requests made to mirrors other than `mirror`: by runs through `run`, and any a test adds. */
  allRequests: Mirror['requests'];
  /** The action against `m` (the file's mirror unless said), with the runner's credentials in its environment. */
  run: (runner: Runner, inputs: Record<string, string>, m?: Mirror, env?: Record<string, string>) => Promise<Result>;
  /** Declares the file's last test: no request of the file carried a credential. */
  itSentNoCredentials: () => void;
}

/** The set-up of a toolchain-*.test.ts file; awaited at its top, before its tests are declared. */
export async function toolchainSuite(): Promise<ToolchainSuite> {
  const { f, mirror } = await mirroredFixture();
  const allRequests: Mirror['requests'] = [];
  return {
    f,
    mirror,
    allRequests,
    run: async (runner, inputs, m = mirror, env = {}) => {
      const res = await runAction(runner, { inputs: { 'go-download-base-url': m.url, ...inputs }, env: { ...SECRETS, ...env } });
      if (m !== mirror) allRequests.push(...m.requests);
      return res;
    },
    itSentNoCredentials: () =>
      it("sent none of the runner's credentials to any mirror, in any request of this file", () => {
        const seen = [...allRequests, ...mirror.requests];
        expect(seen.length).toBeGreaterThan(0);
        for (const r of seen) {
          expect(r.headers.authorization).toBeUndefined();
          expect(JSON.stringify(r.headers)).not.toContain('neverSendMe');
        }
      }),
  };
}

/** GOVERSION of the go in `goroot`, as that go says it. */
export function goVersionOf(goroot: string): string {
  return execFileSync(join(goroot, 'bin', 'go'), ['env', 'GOVERSION'], { env: { ...process.env, GOROOT: goroot, GOTOOLCHAIN: 'local' } })
    .toString()
    .trim();
}

/** The GOROOT a go finds for itself, with none in its environment. */
export function ownGoroot(goroot: string): string {
  const withoutGoroot = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'GOROOT'));
  return execFileSync(join(goroot, 'bin', 'go'), ['env', 'GOROOT'], { env: { ...withoutGoroot, GOTOOLCHAIN: 'local' } })
    .toString()
    .trim();
}
