import { ActionError } from '../../../src/errors.js';
import { refuseFailedBuilds } from '../../../src/gobuild/failures.js';
import type { BuildResult } from '../../../src/gobuild/run.js';
import type { BuildTask } from '../../../src/gobuild/tasks.js';
import { recordingLog, t } from '../helpers.js';

const result = (id: string, status: BuildResult['status'], reason?: string): BuildResult => ({
  task: { id, target: t(id), artifact: `app-${id.replace('/', '-')}` } as BuildTask,
  status,
  seconds: 1,
  prepareLog: '',
  built: status !== 'skipped',
  log: '',
  checked: status === 'ok',
  ...(reason ? { reason } : {}),
});
const caches = () => ({ hit: null, cell: 'off' });

describe('refuseFailedBuilds', () => {
  it('lets a run where every build succeeded go on, and writes no summary yet', () => {
    const { log, summary } = recordingLog();
    refuseFailedBuilds({ results: [result('linux/amd64', 'ok')] }, '1.24.4', caches, '/w/dist', log);
    expect(summary).toEqual([]);
  });

  it('names each build that failed or was skipped, says nothing was written, and summarizes every build', () => {
    const results = [
      result('linux/amd64', 'ok'),
      result('linux/arm64', 'failed', 'go build exited with 1.'),
      result('windows/amd64', 'skipped', 'fail-fast'),
    ];
    const { log, summary } = recordingLog();
    let thrown: unknown;
    try {
      refuseFailedBuilds({ results, note: 'Generators: 0 host builds, 0 reused.' }, '1.24.4', caches, '/w/dist', log);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ActionError);
    expect((thrown as ActionError).title).toBe('Build failed');
    expect((thrown as ActionError).message).toBe(
      "2 of 3 builds did not succeed: linux/arm64 (go build exited with 1), windows/amd64 (skipped). Nothing was written to /w/dist; see each target's log group.",
    );
    expect(summary[0]).toEqual({ heading: 'Cross-build: 1 of 3 built with Go 1.24.4' });
    expect(summary.at(-1)).toEqual({ text: 'Generators: 0 host builds, 0 reused.' });
    expect(summary).toHaveLength(3);
  });

  it('names the binary of a build that failed when several packages are built: its archive is not written either', () => {
    const several = (id: string, binary: string, status: BuildResult['status'], reason?: string): BuildResult => {
      const r = result(id.split(' ')[0], status, reason);
      return { ...r, task: { ...r.task, id, binary: `/s/linux-arm64-${binary}/${binary}` } };
    };
    const { log } = recordingLog();
    expect(() =>
      refuseFailedBuilds(
        {
          results: [
            several('linux/arm64 ./cmd/server', 'server', 'ok'),
            several('linux/arm64 ./cmd/client', 'client', 'failed', 'binary check: the header says amd64.'),
          ],
        },
        '1.24.4',
        caches,
        '/w/dist',
        log,
      ),
    ).toThrow(
      '1 of 2 builds did not succeed: linux/arm64 ./cmd/client (client: binary check: the header says amd64). Nothing was written to /w/dist',
    );
  });
});
