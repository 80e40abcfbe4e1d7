import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArchive } from '../../../src/artifacts/archive.js';
import { readArchive } from '../../../src/artifacts/archive-read.js';
import type { ArchiveFormat } from '../../../src/gobuild/artifact-names.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'gcb-archive-read-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readArchive', () => {
  const mtime = new Date(1_700_000_000_000);

  it.each<ArchiveFormat>(['tar.gz', 'zip'])(
    'reads back what writeArchive wrote to a %s: names in order, bytes, modes, mtime',
    async (format) => {
      mkdirSync(join(dir, 'completions'));
      writeFileSync(join(dir, 'tool'), Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 1, 2, 3]));
      writeFileSync(join(dir, 'LICENSE'), 'MIT');
      writeFileSync(join(dir, 'completions', 'tool.bash'), 'complete');
      const dest = join(dir, `a.${format}`);
      await writeArchive(format, [join(dir, 'tool')], dest, mtime, [
        { name: 'LICENSE', source: join(dir, 'LICENSE'), mode: 0o644 },
        { name: 'completions/tool.bash', source: join(dir, 'completions', 'tool.bash'), mode: 0o755 },
      ]);
      const entries = await readArchive(format, dest);
      expect(entries.map((e) => [e.name, e.data.toString('latin1'), e.mode.toString(8), e.mtime.toISOString()])).toEqual([
        ['tool', '\xcf\xfa\xed\xfe\x01\x02\x03', '755', mtime.toISOString()],
        ['LICENSE', 'MIT', '644', mtime.toISOString()],
        ['completions/tool.bash', 'complete', '755', mtime.toISOString()],
      ]);
    },
  );
});
