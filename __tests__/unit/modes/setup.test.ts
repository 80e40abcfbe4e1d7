// Setup mode on the Go on PATH (no version to pin, so nothing is downloaded), with a real Go when
// this machine has one. The pinned path runs end to end in __tests__/e2e.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/errors.js';
import type { PathGoInputs } from '../../../src/inputs/read.js';
import { recordingLog, runnerAt } from '../helpers.js';
import { GO_ON_PATH_STEPS, runSetupWithGoOnPath, SETUP_STEPS } from '../../../src/modes/setup.js';

const GO_BIN = '/usr/lib/go-1.24/bin';
const haveGo = existsSync(join(GO_BIN, 'go'));

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'setup-mode-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function context(path: string) {
  const lines = recordingLog();
  const { log } = lines;
  const runner = { ...runnerAt(dir), env: { PATH: path, HOME: dir } };
  return { ctx: { runner, log }, lines };
}
const inputs: PathGoInputs = {
  mode: 'setup',
  goOnPath: true,
  workingDirectory: '.',
  generate: { mode: 'none', packages: [] },
  cache: { enabled: false, readOnly: 'auto', onRelease: false, dependencyPath: [], keySuffix: '' },
  problemMatchers: true,
  warnings: [],
};

describe('setup mode', () => {
  it('lists its steps in the order they run, the same tail after either way of getting Go', () => {
    const tail = ['choose the GOCACHE', 'show the toolchain', 'restore the caches', 'go generate (once, on the host)'];
    expect(SETUP_STEPS.names).toEqual(['check cache-dependency-path', 'pin Go', 'install Go', ...tail]);
    expect(GO_ON_PATH_STEPS.names).toEqual(['check cache-dependency-path', 'find the Go on PATH', ...tail]);
  });

  (haveGo ? it : it.skip)('uses the Go on PATH, unverified, and says so once', async () => {
    const { ctx, lines } = context(`${GO_BIN}:/usr/bin:/bin`);
    const result = await runSetupWithGoOnPath({ ...inputs, workingDirectory: dir }, ctx);
    expect(result).toMatchObject({ mode: 'setup', problemMatchers: true, cache: undefined, gocache: undefined });
    expect(result.toolchain).toMatchObject({ verified: false, go: join(GO_BIN, 'go') });
    expect(lines.warnings).toEqual([
      expect.stringMatching(/^Using the Go on PATH, \/usr\/lib\/go-1\.24\/bin\/go \(go1\.24\.\d+\), unverified/),
    ]);
    expect(lines.sections.map((x) => x.name)).toEqual(['go env']);
    expect(lines.summary[0]).toEqual({ heading: 'Go toolchain' });
  });

  it('refuses to go on without a Go on PATH, naming go-version', async () => {
    const { ctx } = context('/nonexistent');
    const e = (await runSetupWithGoOnPath({ ...inputs, workingDirectory: dir }, ctx).catch((x: unknown) => x)) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.input).toBe('go-version');
    expect(e.message).toContain('there is no go on PATH to use instead');
  });
});
