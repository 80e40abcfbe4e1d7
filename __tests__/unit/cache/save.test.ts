import { mkdtempSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { treeBytes } from '../../../src/cache/disk.js';
import { moduleCache } from '../../../src/cache/keys.js';
import { coveredBy, pruneTree, REFRESH_SHARE, saveCaches } from '../../../src/cache/save.js';
import { recordingLog } from '../helpers.js';

describe('pruning a GOCACHE', () => {
  it('removes entries older than the job start, keeping trim.txt and README', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gcb-prune-'));
    mkdirSync(join(dir, 'ab'));
    const old = new Date(Date.now() - 3 * 3600_000);
    for (const f of ['ab/old-a', 'ab/old-d', 'trim.txt', 'README']) {
      writeFileSync(join(dir, f), 'x'.repeat(10));
      utimesSync(join(dir, f), old, old);
    }
    writeFileSync(join(dir, 'ab', 'used-a'), 'y'.repeat(5));
    expect(await pruneTree(dir, Date.now() - 3600_000)).toEqual({ files: 2, bytes: 20 });
    expect(readdirSync(join(dir, 'ab'))).toEqual(['used-a']);
    expect(readdirSync(dir).sort()).toEqual(['README', 'ab', 'trim.txt']);
    expect(await treeBytes(dir)).toBe(25);
  });
});

describe('saving a restored build cache again', () => {
  const MiB = 1 << 20;

  it('skips it when the run added and left unused less than a tenth of it', () => {
    expect(REFRESH_SHARE).toBe(0.1);
    // 100 MiB restored, 2 MiB unused and pruned, 3 MiB added: 5% changed.
    expect(coveredBy(100 * MiB, 101 * MiB, 2 * MiB)).toBe(
      'the restored cache still covers this run (3.0 MiB added, 2.0 MiB unused: under 10% of its 100.0 MiB)',
    );
  });

  it('saves it when a tenth or more changed, or when nothing was restored', () => {
    expect(coveredBy(100 * MiB, 108 * MiB, 2 * MiB)).toBeUndefined(); // 10 MiB added + 2 unused
    expect(coveredBy(100 * MiB, 80 * MiB, 20 * MiB)).toBeUndefined(); // a fifth unused
    expect(coveredBy(0, 5 * MiB, 0)).toBeUndefined();
  });
});

describe('saving a module cache dropped at restore', () => {
  it('leaves a key whose own entry was dropped (the service keeps it), and says why, asking nothing', async () => {
    const c = { ...moduleCache('p', '/nonexistent/modules', 'k'), restoredBytes: 0 };
    const state = { jobStart: 0, readOnly: false, readOnlyWhy: '', caches: [{ ...c, dropped: c.key }] };
    const { log, warnings } = recordingLog();
    expect(await saveCaches(state, 60_000, {}, log)).toEqual([
      {
        name: 'modules',
        key: c.key,
        bytes: 0,
        pruned: 0,
        saved: false,
        why: 'the entry under this key was dropped and cannot be replaced',
      },
    ]);
    expect(warnings).toEqual([]);
  });
});
