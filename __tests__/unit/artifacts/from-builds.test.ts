import { builtOf } from '../../../src/artifacts/from-builds.js';
import type { BuildInfo } from '../../../src/binaries/buildinfo.js';
import type { BuildResult } from '../../../src/gobuild/run.js';
import type { BuildTask } from '../../../src/gobuild/tasks.js';
import { recordingLog, t } from '../helpers.js';

const info = { goVersion: 'go1.24.4', path: 'example.com/app', deps: [], settings: [] } as unknown as BuildInfo;
const task = (id: string, extra: Partial<BuildTask> = {}) =>
  ({ id, target: t(id), binary: `/s/${id}`, artifact: `app-${id.replace('/', '-')}`, archive: null, files: [], ...extra }) as BuildTask;
const ok = (tk: BuildTask, verified?: BuildResult['verified']): BuildResult => ({
  task: tk,
  status: 'ok',
  seconds: 1,
  prepareLog: '',
  built: true,
  log: '',
  checked: true,
  ...(verified ? { verified } : {}),
});

describe('builtOf', () => {
  it("gives each build its SBOM's build info, and a managed cgo build its C library", () => {
    const zig = { target: { triple: 'x86_64-linux-musl', libc: 'musl' }, zig: '/z', cache: '/c' };
    const { log, warnings } = recordingLog();
    const built = builtOf(
      [ok(task('linux/amd64', { compiler: zig }), { problems: [], notes: [], compared: [], info, seconds: 0 })],
      'spdx',
      log,
    );
    expect(built[0]).toMatchObject({ artifact: 'app-linux-amd64', sbom: { format: 'spdx', info }, libc: 'musl' });
    expect(warnings).toEqual([]);
  });

  it('publishes a build whose info was not read without an SBOM, and says why once', () => {
    const { log, warnings } = recordingLog();
    const wasm = ok(task('js/wasm'), {
      problems: [],
      notes: ['a wasm binary carries no build info go can read'],
      compared: [],
      seconds: 0,
    });
    const built = builtOf([wasm, ok(task('linux/arm64'))], 'cyclonedx', log);
    expect(built.map((b) => 'sbom' in b)).toEqual([false, false]);
    expect(warnings).toEqual([
      'No SBOM for app-js-wasm: a wasm binary carries no build info go can read.',
      'No SBOM for app-linux-arm64: its build info was not read.',
    ]);
  });

  it('asks for no SBOM, and warns of none, when sbom is none', () => {
    const { log, warnings } = recordingLog();
    expect(builtOf([ok(task('linux/amd64'))], 'none', log)[0]).not.toHaveProperty('sbom');
    expect(warnings).toEqual([]);
  });
});
