import { reportSaved } from '../../../src/cache/save-report.js';
import { recordingLog } from '../helpers.js';

describe('reportSaved', () => {
  it('says each cache saved, not saved, or skipped with why, and tables them in the summary', () => {
    const { log, info, summary } = recordingLog();
    reportSaved(
      [
        { name: 'modules', key: 'k1', bytes: 2048, pruned: 0, saved: true },
        { name: 'linux/amd64', key: 'k2', bytes: 0, pruned: 3, saved: false, why: 'another job saved this key meanwhile' },
        { name: 'host', key: 'k3', bytes: 1024, pruned: 1, saved: false },
      ],
      log,
    );
    expect(info).toEqual([
      'modules: saved 2.0 KiB as k1 (0 unused entries pruned)',
      'linux/amd64: not saved as k2 (3 unused entries pruned): another job saved this key meanwhile.',
      'host: not saved 1.0 KiB as k3 (1 unused entries pruned)',
    ]);
    expect(summary[0]).toEqual({ heading: 'Caches saved' });
    expect(summary[1]).toEqual({
      table: [
        ['Cache', 'Key', 'Size', 'Unused entries pruned', 'Saved'],
        ['modules', '<code>k1</code>', '2.0 KiB', '0', 'yes'],
        ['linux/amd64', '<code>k2</code>', '0.0 KiB', '3', 'no: another job saved this key meanwhile'],
        ['host', '<code>k3</code>', '1.0 KiB', '1', 'no'],
      ],
    });
  });

  it('says there was nothing to save when every cache matched, with no summary', () => {
    const { log, info, summary } = recordingLog();
    reportSaved([], log);
    expect(info).toEqual(['Every cache matched its key: nothing to save.']);
    expect(summary).toEqual([]);
  });
});
