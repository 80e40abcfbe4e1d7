// crossexec's own Go tests (argument parsing, host environment, slots, build IDs), run with the
// newest local toolchain so that `npm test` covers the shim's pure logic too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findToolchains } from '../support/toolchains.ts';

const dir = fileURLToPath(new URL('../../crossexec', import.meta.url));

it('passes its Go tests', () => {
  const [tc] = findToolchains();
  expect(tc).toBeDefined();
  const r = spawnSync(join(tc.goroot, 'bin', 'go'), ['test', '-json', '-count=1', './...'], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GOROOT: tc.goroot,
      GOTOOLCHAIN: 'local',
      GOFLAGS: '',
      GOWORK: 'off',
      GOCACHE: mkdtempSync(join(tmpdir(), 'crossexec-')),
    },
  });
  const events = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { Action: string; Test?: string });
  const passed = events.filter((e) => e.Test && e.Action === 'pass').map((e) => e.Test);
  const failed = events.filter((e) => e.Test && e.Action === 'fail').map((e) => e.Test);
  expect({ failed, stderr: r.stderr.trim(), status: r.status }).toEqual({ failed: [], stderr: '', status: 0 });
  expect(passed).toEqual(
    expect.arrayContaining(['TestParse', 'TestHostEnv', 'TestForTarget', 'TestSlotIgnoresWhereTheTreeIs', 'TestBuildID']),
  );
}, 120_000);
