import { mkdtempSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { treeBytes } from '../../../src/cache/disk.js';
import { pruneTree } from '../../../src/cache/save.js';

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
    expect(await pruneTree(dir, Date.now() - 3600_000)).toBe(2);
    expect(readdirSync(join(dir, 'ab'))).toEqual(['used-a']);
    expect(readdirSync(dir).sort()).toEqual(['README', 'ab', 'trim.txt']);
    expect(await treeBytes(dir)).toBe(25);
  });
});
