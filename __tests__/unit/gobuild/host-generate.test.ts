// generate: once, with a stand-in `go` that records how it was called and answers as go generate does.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionError } from '../../../src/errors.js';
import { generateOnHost } from '../../../src/gobuild/host-generate.js';
import { recordingLog } from '../helpers.js';
import type { Toolchain } from '../../../src/toolchain/toolchain.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'host-generate-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A `go` that writes its arguments and GOOS/GOARCH/GOCACHE to a file, prints `say`, and exits with `code`. */
function fakeGo(say: string, code: number): Toolchain {
  const goroot = join(dir, 'goroot');
  mkdirSync(join(goroot, 'bin'), { recursive: true });
  const go = join(goroot, 'bin', 'go');
  writeFileSync(
    go,
    `#!/bin/sh\necho "$@" > "${dir}/args"\necho "GOOS=$GOOS GOARCH=$GOARCH GOCACHE=$GOCACHE" >> "${dir}/args"\nprintf '%s\\n' '${say}'\nexit ${code}\n`,
  );
  chmodSync(go, 0o755);
  return { go, goroot, version: '1.24.4' } as Toolchain;
}

function context() {
  const { log, sections, annotations } = recordingLog();
  const ctx = {
    env: { PATH: '/usr/bin:/bin', GOOS: 'windows', GOARCH: 'arm64' },
    workspace: dir,
    workingDirectory: join(dir, 'mod'),
    temp: join(dir, 'tmp'),
    pathSep: ':',
    host: { goos: 'linux', goarch: 'amd64' },
    log,
  } as unknown as Parameters<typeof generateOnHost>[3];
  mkdirSync(ctx.workingDirectory);
  return { ctx, sections, annotations };
}

describe('generateOnHost', () => {
  it("runs go generate -x once in the module, without the job's GOOS/GOARCH, on the host GOCACHE, in one log group", async () => {
    const { ctx, sections } = context();
    await generateOnHost(fakeGo('stringer -type=Kind', 0), ['./...'], ['netgo'], ctx);
    expect(readFileSync(join(dir, 'args'), 'utf8').split('\n')).toEqual([
      'generate -x -tags=netgo ./...',
      `GOOS= GOARCH= GOCACHE=${join(dir, 'tmp', 'go-crossbuild', 'gocache', 'host')}`,
      '',
    ]);
    expect(sections).toEqual([{ name: 'go generate ./... (once, generators on the host linux/amd64)', lines: ['stringer -type=Kind'] }]);
  });

  it('fails with the directive that failed, annotated at its line in the checkout', async () => {
    const { ctx, annotations } = context();
    const go = fakeGo('gen/kind.go:3: running "stringer": exit status 1', 1);
    const e = (await generateOnHost(go, ['./gen'], [], ctx).catch((x: unknown) => x)) as ActionError;
    expect(e).toBeInstanceOf(ActionError);
    expect(e.title).toBe('go generate failed');
    expect(e.message).toContain('go generate failed for the host (linux/amd64) at gen/kind.go:3 (running "stringer": exit status 1).');
    expect(annotations).toEqual([
      { message: 'running "stringer": exit status 1', at: { title: 'go generate (host)', file: 'mod/gen/kind.go', startLine: 3 } },
    ]);
  });
});
